"""Widgets the screens are made of: the big clock and its font, the meter, the remote's panel."""

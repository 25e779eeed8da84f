"""Python's cyclic garbage collector, held off while unknot starts.

Starting makes tens of thousands of objects that live as long as the program (modules, classes,
styles, widgets) and next to no garbage, and the collector would walk them over and over: about
a twentieth of the time to the first frame. `hold` turns it off as the command line starts;
`release` turns it back on once the first frame is out (the full-screen player), before a plain
session's loop, and whenever the command returns.
"""

from __future__ import annotations

import gc

_holding = False


def hold() -> None:
    """Turn the collector off until `release`, if it is on (a caller that turned it off keeps
    it off)."""
    global _holding
    if not _holding and gc.isenabled():
        gc.disable()
        _holding = True


def release() -> None:
    """Turn the collector back on, if `hold` turned it off; again later does nothing."""
    global _holding
    if _holding:
        _holding = False
        gc.enable()

"""The full-screen player's screens: one module each, with its style sheet beside it."""

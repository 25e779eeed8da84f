"""The window sizes the screens' CSS tells apart: narrow or wide, short or tall."""

from __future__ import annotations

from textual.geometry import Size

WIDE = 70  # columns from which a window counts as wide
TALL = 22  # rows from which a window counts as tall
HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]


def size_classes(size: Size) -> tuple[str, str]:
    """The classes Textual's breakpoints above give a screen of `size`, known before it is
    styled, so that a new screen is styled for its size once rather than twice."""
    return (
        "-wide" if size.width >= WIDE else "-narrow",
        "-tall" if size.height >= TALL else "-short",
    )

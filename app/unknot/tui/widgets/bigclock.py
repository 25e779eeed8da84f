"""Text drawn in a block font that grows and shrinks with the space it is given.

Half-block characters give two pixels a row. The countdown picks the largest font size whose
glyphs fit its region, steps down as the region shrinks, and ends as a one-row `M:SS`, so the
time is the last thing a small window loses; a move's name gets block capitals where they fit.
Lines are built once per text shown (or size, or style) and handed out as Strips, so a second's
change rebuilds the clock's own lines and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from unknot.tui.widgets.font import LARGE, LETTERS, SMALL, Bitmap

# A top pixel, a bottom pixel, both, neither: one character cell.
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


@dataclass(frozen=True)
class FontSize:
    """A glyph design drawn with each of its pixels `scale` pixels wide and tall."""

    glyphs: Mapping[str, Bitmap]
    scale: int

    @property
    def pixel_height(self) -> int:
        return len(self.glyphs["0"]) * self.scale

    @property
    def rows(self) -> int:
        """Character rows the glyphs take: two pixels a row."""
        return (self.pixel_height + 1) // 2

    def draws(self, text: str) -> bool:
        return all(char in self.glyphs for char in text)

    def width(self, text: str) -> int:
        """Columns `text` takes: each glyph, and one pixel of space between glyphs."""
        if not text:
            return 0
        inner = sum(len(self.glyphs[char][0]) for char in text) + len(text) - 1
        return inner * self.scale


SMALLEST = FontSize(SMALL, 1)
NAME_SIZE = FontSize(LETTERS, 1)
# Smallest first: 3, 4, 7, 11, 14, 18, 21, 25, ... rows tall.
SIZES: tuple[FontSize, ...] = (SMALLEST, *(FontSize(LARGE, k) for k in range(1, 17)))


def pixels(size: FontSize, text: str) -> list[list[bool]]:
    """The lit pixels of `text` in `size`, row by row."""
    scale = size.scale
    rows: list[list[bool]] = []
    for base_row in range(len(size.glyphs["0"])):
        row: list[bool] = []
        for position, char in enumerate(text):
            if position:
                row.extend([False] * scale)
            for mark in size.glyphs[char][base_row]:
                row.extend([mark == "#"] * scale)
        rows.extend(list(row) for _ in range(scale))
    return rows


def draw(size: FontSize, text: str) -> list[str]:
    """`text` in `size` as lines of half-block characters, two pixel rows to a line."""
    lit = pixels(size, text)
    if len(lit) % 2:
        lit.append([False] * len(lit[0]))
    return [
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(lit[::2], lit[1::2], strict=True)
    ]


def choose(
    text: str, width: int, height: int, room: str = "", sizes: tuple[FontSize, ...] = SIZES
) -> FontSize | None:
    """The largest of `sizes` in which `text`, and `room` if wider, fit; None if none does."""
    best: FontSize | None = None
    for size in sizes:
        if not size.draws(text + room):
            return None
        needed = max(size.width(text), size.width(room))
        if size.rows <= height and needed <= width:
            best = size
    return best


class BlockText(Widget):
    """Text in the largest of `SIZES` that fits the region, centred; one plain row if none does."""

    DEFAULT_CSS = """
    BlockText {
        width: 100%;
        height: 1fr;
        min-height: 1;
    }
    """
    SIZES: ClassVar[tuple[FontSize, ...]] = SIZES

    align = "center"  # where the drawn text sits across the region: center, left or right

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text
        self._room = ""
        self._lines: list[Strip] | None = None
        self._built_for = (0, 0)  # the region's size when the lines were built
        self._font: FontSize | None = None

    @property
    def text(self) -> str:
        return self._text

    @property
    def font_size(self) -> FontSize | None:
        """The size the text is drawn in now; None while it shows one row of plain text."""
        self._build()
        return self._font

    def update(self, text: str, room: str = "") -> None:
        """Show `text`, sized so that `room` would fit too (the widest text still to come, so
        the size stays put as the time runs down); repaints only when something changed."""
        if (text, room) != (self._text, self._room):
            self._text, self._room = text, room
            self._lines = None
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None

    def _build(self) -> list[Strip]:
        width, height = self.size
        if self._lines is not None and self._built_for == (width, height):
            return self._lines
        style = self.rich_style
        blank = Strip.blank(width, style)
        drawn = self.glyph_text(self._text)
        size = choose(drawn, width, height, self.glyph_text(self._room), self.SIZES)
        if size is None:
            glyphs = [self._text]
            top = max(0, (height - 1) // 2)
        else:
            glyphs = draw(size, drawn)
            top = (height - len(glyphs)) // 2
        lines = [blank] * height
        for offset, line in enumerate(glyphs):
            if 0 <= top + offset < height:
                spare = max(0, width - cell_len(line))
                left = {"left": 0, "right": spare}.get(self.align, spare // 2)
                segments = [Segment(" " * left, style), Segment(line, style + Style(bold=True))]
                strip = Strip(segments).crop(0, width).extend_cell_length(width, style)
                lines[top + offset] = strip
        self._font = size
        self._lines = lines
        self._built_for = (width, height)
        return lines

    def glyph_text(self, text: str) -> str:
        """What the block font draws for `text`."""
        return text

    def render_line(self, y: int) -> Strip:
        lines = self._build()
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.rich_style)


class BigClock(BlockText):
    """A countdown as large as its region allows; a click on it posts `BigClock.Clicked`."""

    @dataclass
    class Clicked(Message):
        """The clock was clicked or tapped."""

        clock: BigClock

        @property
        def control(self) -> BigClock:
            return self.clock

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self))


class BlockTitle(BlockText):
    """A heading in block capitals three rows tall where it fits, else one row as it is written."""

    SIZES = (NAME_SIZE,)

    def glyph_text(self, text: str) -> str:
        return text.upper()


# The side's arrows and word, in capitals as tall as a move's name or twice as tall.
SIDE_SIZES = (NAME_SIZE, FontSize(LETTERS, 2))
SIDE_GLYPHS = {"LEFT": "<< LEFT", "RIGHT": "RIGHT >>"}
SIDE_WORDS = {"LEFT": "◀◀◀  LEFT SIDE", "RIGHT": "RIGHT SIDE  ▶▶▶"}


class SideBand(BlockText):
    """The side to work, in block capitals against its own edge of the window: the arrows and
    LEFT on the left, RIGHT and the arrows on the right; one row of words where blocks do not
    fit."""

    SIZES = SIDE_SIZES

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.side = ""

    def show_side(self, side: str) -> None:
        """Show "LEFT", "RIGHT" or nothing."""
        self.side = side
        self.align = "left" if side == "LEFT" else "right"
        self.update(SIDE_WORDS.get(side, ""))
        self._lines = None  # the alignment may have changed with the same text

    def glyph_text(self, text: str) -> str:
        return SIDE_GLYPHS.get(self.side, "") if text else ""

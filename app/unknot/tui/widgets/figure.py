"""The move's figure in braille, drawn at whatever size the widget is given.

It shows; it decides nothing: the screen sets `step` (the move and side) and the widget draws
the geometry from `unknot.core`, the worked part in the phase's colour, the tool in its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from unknot.core.routine import Move

if TYPE_CHECKING:
    from unknot.core.figure import Figure

STYLES = {
    "target": "bold $success",
    "tool": "$warning",
    "far": "$text-muted",
    "floor": "$text-muted",
}


class FigureView(Widget):
    """A move's figure; empty (and hidden by the screen) for a move with no pose."""

    DEFAULT_CSS = """
    FigureView { width: 1fr; height: 1fr; color: $foreground; }
    """

    shown: reactive[tuple[Move, str | None] | None] = reactive(None)
    # Drawn once the first frame is out: the clock and the move come first, the figure a moment
    # later (placing the body and rasterising it takes tens of milliseconds).
    ready: reactive[bool] = reactive(False)

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_frame_out)

    def _first_frame_out(self) -> None:
        self.ready = True

    def show(self, move: Move | None, side: str | None) -> bool:
        """Show `move` on `side`; False when it has no figure."""
        self.shown = None if move is None or move.pose is None else (move, side)
        return self.shown is not None

    def figure(self) -> Figure | None:
        if self.shown is None:
            return None
        # The geometry loads with the first figure drawn, after the first frame.
        from unknot.core.step_figure import move_figure

        move, side = self.shown
        return move_figure(move, side if move.sides == "each" else None)

    def render(self) -> Content:
        if not self.ready:
            return Content("")
        shape = self.figure()
        width, height = self.content_size
        if shape is None or width < 4 or height < 2:
            return Content("")
        from unknot.core.braille import braille_cells

        lines = []
        for row in braille_cells(shape, width, height):
            lines.append(Content.assemble(*((char, STYLES.get(layer, "")) for char, layer in row)))
        return Content("\n").join(lines)

"""A one-line progress meter that repaints only when the cells it shows change.

Textual's ProgressBar renders through Rich on every update, and a session screen updates its bars
every second; this meter draws its one line straight into a Strip, and only when it changed.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget


class Meter(Widget):
    DEFAULT_CSS = """
    Meter {
        height: 1;
        width: 1fr;
        color: $accent;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._fraction = 0.0
        self._strip: tuple[int, int, Strip] | None = None  # (halves, width, line)

    @property
    def fraction(self) -> float:
        """How much of the bar is drawn as done, from 0 to 1."""
        return self._fraction

    def _halves(self) -> int:
        return round(self._fraction * self.size.width * 2)

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        if self._strip is None or self._strip[0] != self._halves():
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None  # drawn in the old colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        halves = self._halves()
        if self._strip is not None and self._strip[:2] == (halves, width):
            return self._strip[2]
        full, half = divmod(halves, 2)
        done = "━" * full + ("╸" if half else "")
        base = self.rich_style
        strip = Strip(
            [
                Segment(done, base + Style(bold=True)),
                Segment("─" * max(0, width - len(done)), base + Style(dim=True)),
            ],
            width,
        )
        self._strip = (halves, width, strip)
        return strip

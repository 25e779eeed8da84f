"""A one-line progress meter that repaints only when the cells it shows change.

Textual's ProgressBar renders through Rich on every update; a session screen updates its bars
every second, so this lighter meter keeps a running session cheap.
"""

from __future__ import annotations

from textual.content import Content
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
        self._shown = -1

    def _halves(self) -> int:
        return round(self._fraction * self.size.width * 2)

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        if self._halves() != self._shown:
            self.refresh()

    def on_resize(self) -> None:
        self._shown = -1
        self.refresh()

    def render(self) -> Content:
        halves = self._halves()
        self._shown = halves
        full, half = divmod(halves, 2)
        done = "━" * full + ("╸" if half else "")
        rest = "─" * max(0, self.size.width - len(done))
        return Content.assemble((done, "bold"), (rest, "dim"))

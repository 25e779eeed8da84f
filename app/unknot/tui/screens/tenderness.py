"""The body log on screen: each rated area's left and right side over the weeks.

Flagged areas come first, with the sorer side named. The trends are Textual's own `Sparkline`
widgets (one bar per rating, oldest on the left), which stay readable at 80x24. A Sparkline
scales each trend to its own lowest and highest score, so the numbers beside it say the level:
the latest score and the mean of the last four.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from unknot.core.ratings import LAST_SESSIONS, MATTERS, WEEKS, AreaTrend
from unknot.core.routine import AREAS
from unknot.history.ratings import area_trends

if TYPE_CHECKING:
    from unknot.history.store import History

# The same words the routines use: a log for the runner, not a diagnosis.
ADVICE = (
    "A log for you, not a diagnosis: have a physiotherapist or doctor check a side that stays "
    "sorer, or pain that keeps coming back."
)
EMPTY = (
    "No ratings yet. During a session, press a digit (0-9, t for 10) to rate how tender the "
    "side shown is: both sides in the get-ready step, before either is rolled."
)


def _side_row(name: str, points: tuple[tuple[str, int], ...]) -> Horizontal:
    scores = [float(s) for _, s in points]
    recent = scores[-LAST_SESSIONS:]
    numbers = f"{int(scores[-1]):>2} (mean {sum(recent) / len(recent):.1f})"
    return Horizontal(
        Static(Content(name), classes="side-name"),
        Sparkline(scores),
        Static(Content(numbers), classes="side-numbers"),
        classes="side-row",
    )


def area_view(trend: AreaTrend) -> Vertical:
    name = AREAS.get(trend.area, trend.area)
    if trend.flagged and trend.sorer:
        note = f"the {trend.sorer} side is sorer (by {MATTERS:g}+ in 3 of the last 4)"
    elif trend.mean_difference is not None:
        note = f"left - right {trend.mean_difference:+.1f} over the last sessions"
    else:
        note = ""
    title = Content.assemble((name, "bold"), ("  " + note) if note else "")
    rows = [
        _side_row(side, points)
        for side, points in (("left", trend.left), ("right", trend.right), ("", trend.none))
        if points
    ]
    return Vertical(
        Static(title, classes="area-title"),
        *rows,
        classes="area -flagged" if trend.flagged else "area",
    )


class TendernessScreen(Screen[None]):
    """Each rated area as two small trends, left and right, over the last weeks."""

    CSS_PATH = "tenderness.tcss"
    BINDINGS = [Binding("escape,q,t", "app.pop_screen", "Back", id="tenderness.back")]

    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history

    def compose(self) -> ComposeResult:
        trends = area_trends(self.history)
        yield Static(Content(f"Tenderness, last {WEEKS} weeks"), id="tenderness-title")
        with VerticalScroll(id="tenderness-body"):
            if not trends:
                yield Static(Content(EMPTY), id="tenderness-empty")
            for trend in trends:
                yield area_view(trend)
            if any(t.flagged for t in trends):
                yield Static(Content(ADVICE), id="tenderness-advice")
        yield Footer()

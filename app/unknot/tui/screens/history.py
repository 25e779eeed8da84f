"""Past sessions, this week against the goal, and minutes per body area over four weeks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from unknot.core.durations import format_clock
from unknot.core.words import plural
from unknot.history.reads import area_seconds
from unknot.history.rows import SessionRow
from unknot.history.stats import bar_chart, week_figures, week_start

if TYPE_CHECKING:
    from unknot.history.store import History


# Fixed widths for every column but the routine's, which takes what is left and ends in "…".
COLUMNS = (
    ("when", 12),
    ("routine", 0),
    ("status", 11),
    ("time", 5),
    ("moves", 5),
    ("skip", 4),
    ("holds", 5),
)
ROUTINE_MIN, ROUTINE_MAX = 12, 40
WEEK_PANEL = 44 + 1  # its width in history.tcss, and its border
WIDE = 120  # from this width on, the week panel sits beside the table


def routine_width(table_width: int) -> int:
    """What the routine column gets of `table_width` once the others and their padding are in."""
    fixed = sum(width for _, width in COLUMNS) + 2 * len(COLUMNS) + 2  # cell padding, scrollbar
    return max(ROUTINE_MIN, min(ROUTINE_MAX, table_width - fixed))


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    # The week panel sits beside the table on wide screens and under it on the others.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = [
        Binding("escape,q,H,shift+h", "app.pop_screen", "Back", id="history.back"),
        Binding("t", "tenderness", "Tenderness", id="history.tenderness"),
    ]

    def action_tenderness(self) -> None:
        """The body log: each rated area's sides over the weeks."""
        from unknot.tui.screens.tenderness import TendernessScreen

        self.app.push_screen(TendernessScreen(self.history))

    def __init__(self, history: History, weekly_goal: int) -> None:
        super().__init__()
        self.history = history
        self.weekly_goal = weekly_goal
        self.rows: list[SessionRow] = []
        self._routine_width: int | None = None  # what the table was last filled for

    def compose(self) -> ComposeResult:
        yield Static(Content("History"), id="history-title")
        with Container(id="history-body"):
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Vertical(id="week"):
                yield Static(id="goal")
                yield Static(id="areas")
        yield Footer()

    def on_mount(self) -> None:
        self.rows = self.history.sessions()
        self.fill_table()
        now = datetime.now().astimezone()
        figures = week_figures(self.rows, self.weekly_goal, now)
        self.query_one("#goal", Static).update(
            Content.assemble(
                ("This week  ", "bold"),
                f"{figures.goal_line()}\n",
                ("Streak     ", "bold"),
                f"{plural(figures.streak, 'week')} in a row met the goal",
            )
        )
        since = week_start(now) - timedelta(weeks=3)
        chart = bar_chart(area_seconds(self.history, since), width=24)
        self.query_one("#areas", Static).update(
            Content.assemble(("Time per area, last four weeks\n", "bold"), "\n".join(chart))
        )

    def on_resize(self) -> None:
        self.fill_table()

    def fill_table(self) -> None:
        """Columns that fit the table's width: the routine's name is shortened on purpose."""
        table = self.query_one("#sessions", DataTable)
        screen_width = self.size.width
        width = routine_width(screen_width - (WEEK_PANEL if screen_width >= WIDE else 0))
        if self._routine_width == width:
            return
        self._routine_width = width
        table.clear(columns=True)
        for label, column_width in COLUMNS:
            table.add_column(label, width=column_width or width)
        for r in self.rows:
            table.add_row(
                Content(r.started.astimezone().strftime("%d %b %H:%M")),
                Content(clip(r.routine_name, width)),
                Content(r.status),
                Content(format_clock(r.active_seconds)),
                Content(f"{r.moves_done}/{r.moves_total}"),
                Content(str(r.moves_skipped) if r.moves_skipped else ""),
                Content(str(r.holds) if r.holds else ""),
            )
        if not self.rows:
            table.add_row(Content("none yet"), Content("No sessions yet."), *[""] * 5)

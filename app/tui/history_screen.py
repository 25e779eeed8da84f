"""Past sessions, this week against the goal, and minutes per body area over four weeks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from app.durations import format_clock
from app.history_view import bar_chart, moves_text, week_figures, week_start

if TYPE_CHECKING:
    from app.tui.app import UnknotApp


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape,q,H,shift+h", "app.pop_screen", "Back", id="history.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Content("History"), id="history-title")
        with Horizontal(id="history-body"):
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            with Vertical(id="week"):
                yield Static(id="goal")
                yield Static(id="areas")
        yield Footer()

    def on_mount(self) -> None:
        app: UnknotApp = self.app  # type: ignore[assignment]
        rows = app.history.sessions()
        table = self.query_one("#sessions", DataTable)
        table.add_columns("when", "routine", "status", "time", "moves", "holds")
        for r in rows:
            table.add_row(
                Content(r.started.astimezone().strftime("%a %d %b %H:%M")),
                Content(r.routine_name),
                Content(r.status),
                Content(format_clock(r.active_seconds)),
                Content(moves_text(r)),
                Content(str(r.holds)),
            )
        if not rows:
            table.add_row(Content("No sessions yet."), "", "", "", "", "")
        now = datetime.now().astimezone()
        figures = week_figures(rows, app.weekly_goal, now)
        met = "goal met" if figures.this_week >= figures.goal else "to go"
        weeks = "week" if figures.streak == 1 else "weeks"
        self.query_one("#goal", Static).update(
            Content.assemble(
                ("This week  ", "bold"),
                f"{figures.this_week} of {figures.goal} sessions ({met})\n",
                ("Streak     ", "bold"),
                f"{figures.streak} {weeks} in a row met the goal",
            )
        )
        since = week_start(now) - timedelta(weeks=3)
        chart = bar_chart(app.history.area_seconds(since), width=24)
        self.query_one("#areas", Static).update(
            Content.assemble(("Minutes per area, last four weeks\n", "bold"), "\n".join(chart))
        )

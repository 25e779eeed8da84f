"""The summary shown when a session ends."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from unknot.core.durations import format_clock
from unknot.core.result import SessionResult
from unknot.data.library import Entry
from unknot.tui.widgets.ratings_table import RatingsTable, SessionLog


def summary_text(result: SessionResult) -> Content:
    rows = [
        ("Moves done", f"{result.moves_done} of {result.moves_total}"),
        ("Moves skipped", str(result.moves_skipped)),
        ("Holds taken", str(result.holds)),
        ("Active time", format_clock(result.elapsed_seconds - result.paused_seconds)),
        ("Planned", format_clock(result.planned_seconds)),
        ("Paused", format_clock(result.paused_seconds)),
    ]
    return Content("\n").join(Content.assemble((f"{k:<15}", "bold"), v) for k, v in rows)


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("enter", "picker", "Back to routines", id="summary.picker", priority=True),
        Binding("q", "app.quit", "Quit", id="summary.quit"),
    ]

    def __init__(
        self,
        entry: Entry,
        result: SessionResult,
        notice: str | None = None,
        log: SessionLog | None = None,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.result = result
        self.notice = notice  # something about the session that the user must know
        self.body_log = log  # the session's ratings, to show and correct (None: no table)

    def compose(self) -> ComposeResult:
        done = self.result.status == "completed"
        with Vertical(id="summary"):
            yield Static(
                Content("SESSION COMPLETE" if done else "SESSION ENDED"), id="summary-title"
            )
            yield Static(Content(self.entry.routine.name), id="summary-routine")
            yield Static(summary_text(self.result), id="summary-table")
            if self.body_log is not None and self.body_log.areas:
                yield Static(
                    Content("How tender: arrows pick a cell, 0-9 or t (10) sets it"),
                    id="summary-rate-help",
                )
                yield RatingsTable(self.body_log, id="summary-ratings")
            if self.notice:
                yield Static(Content(self.notice), id="summary-notice")
        yield Footer()

    class BackToRoutines(Message):
        """Show the routine picker again."""

    def on_ratings_table_said(self, message: RatingsTable.Said) -> None:
        self.query_one("#summary-rate-help", Static).update(Content(message.text))

    def action_picker(self) -> None:
        self.post_message(self.BackToRoutines())

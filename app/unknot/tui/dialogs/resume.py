"""The resume offer: carry on an interrupted session where it stopped, or start over."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from unknot.data.library import Entry
from unknot.history.resume import changed, describe_position
from unknot.history.rows import SessionRow
from unknot.tui.dialogs.base import Dialog, choices


class ResumeDialog(Dialog[str | None]):
    """Carry on an interrupted session, or start over. Answers "resume", "fresh" or None."""

    BINDINGS = [
        Binding("y,r,enter", "answer('resume')", "Resume", tooltip="carry on where it stopped"),
        Binding("s,n", "answer('fresh')", "Start over", tooltip="start from the first move"),
        Binding("escape", "answer(None)", "Not now", tooltip="decide later"),
    ]

    def __init__(self, row: SessionRow, entry: Entry) -> None:
        super().__init__()
        self.row = row
        self.entry = entry

    def dialog_body(self) -> Iterable[Static]:
        name = self.entry.routine.name
        when = self.row.started.astimezone().strftime("%a %d %b %H:%M")
        if changed(self.row, self.entry):
            yield Static(Content(f"{name}: an unfinished session"), classes="dialog-title")
            yield Static(
                Content(
                    f"The session started {when} cannot be resumed: "
                    "the routine has changed since it stopped."
                )
            )
            yield Static(
                choices(("s", "start over from the first move"), ("escape", "not now")),
                classes="dialog-choices",
            )
            return
        yield Static(Content(f"Resume {name}?"), classes="dialog-title")
        yield Static(
            Content(f"Started {when}, stopped at {describe_position(self.row, self.entry)}.")
        )
        yield Static(
            choices(
                ("y", "resume there (enter too)"),
                ("s", "start over from the first move"),
                ("escape", "not now"),
            ),
            classes="dialog-choices",
        )

    def action_answer(self, answer: str | None) -> None:
        if answer == "resume" and changed(self.row, self.entry):
            return  # nothing to resume: only starting over or not now
        self.dismiss(answer)

"""Yes-or-no questions about the running session: stop it, or stop it to start another."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from unknot.tui.dialogs.base import Dialog, choices


class Confirm(Dialog[bool]):
    """A yes-or-no question about the running session: a title, what yes does, and the keys."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", tooltip="yes"),
        Binding("n,escape", "answer(False)", "Keep going", tooltip="carry on"),
    ]

    def __init__(self, title: str, body: str, yes: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes

    def dialog_body(self) -> Iterable[Static]:
        yield Static(Content(self.title_text), classes="dialog-title")
        yield Static(Content(self.body))
        yield Static(
            choices(("y", self.yes), ("n", "keep going (escape too)")), classes="dialog-choices"
        )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmQuit(Confirm):
    """Stop the running session? It is kept in history as stopped where it is now."""

    BINDINGS = [Binding("q", "answer(True)", "Stop", tooltip="stop the session")]

    def __init__(self, where: str, *, paused: bool = False) -> None:
        waits = "\nPaused while you decide; keep going resumes it." if paused else ""
        super().__init__(
            "Stop this session?",
            f"It is saved as stopped at {where}.{waits}",
            "stop and see the summary",
        )


class ConfirmSwitch(Confirm):
    """Starting another routine while a session runs: stop this one first?"""

    def __init__(self, where: str, other: str) -> None:
        super().__init__(
            f"Start {other}?",
            f"This session stops first and is saved as stopped at {where}.",
            f"stop it and start {other}",
        )

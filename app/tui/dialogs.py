"""Small modal screens: the key help and the quit confirmation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from app.history import SessionRow
from app.library import Entry
from app.resume import changed, describe_position

KEYS = [
    ("space", "pause / resume"),
    ("n or →", "next: skip the rest of this step"),
    ("b or ←", "back: restart this step, or the previous one in its first 3 s"),
    ("h", "hold a hot spot (again: release)"),
    ("+ / -", "30 s more / less on this step"),
    ("m", "sound on / off"),
    ("v", "spoken announcements on / off"),
    ("ctrl+p", "command palette: start any routine"),
    ("?", "this help"),
    ("q", "quit (asks first during a session)"),
]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,question_mark,q,enter", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in KEYS) + 2
        lines = [Content.assemble((key.ljust(width), "bold"), text) for key, text in KEYS]
        with Vertical(id="dialog"):
            yield Static(Content("Keys"), classes="dialog-title")
            yield Static(Content("\n").join(lines))
            yield Static(Content("escape closes"), classes="dialog-hint")


class ConfirmQuit(ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,q", "answer(True)", "Quit"),
        Binding("n,escape", "answer(False)", "Keep going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("End this session?"), classes="dialog-title")
            yield Static(Content("y or q: quit    n or escape: keep going"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ResumeDialog(ModalScreen[bool]):
    """Carry on an interrupted session, or start over."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, row: SessionRow, entry: Entry) -> None:
        super().__init__()
        self.row = row
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if changed(self.row, self.entry):
                yield Static(
                    Content("An unfinished session can't be resumed"), classes="dialog-title"
                )
                yield Static(
                    Content(
                        f"{self.entry.routine.name} has changed since it was interrupted.\n"
                        "y: start it fresh    n: not now"
                    )
                )
            else:
                position = describe_position(self.row, self.entry)
                yield Static(Content("Resume?"), classes="dialog-title")
                yield Static(Content(f"{self.entry.routine.name} - {position}?"))
                yield Static(Content("y or enter: resume    n or escape: no, let it go"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

"""Small modal screens: the key help, the quit confirmation and the resume offer.

Each one says in words what its keys do, so that nobody presses `y` without knowing the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from unknot.data.library import Entry
from unknot.history.resume import changed, describe_position
from unknot.history.rows import SessionRow


def key_rows(bindings: Iterable[tuple[str, Binding]]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action, in the order the bindings list them.

    Keys bound to the same action share a row ("n / →"); the long text is the binding's tooltip,
    or its footer description when it has none.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for key_display, binding in bindings:
        # Hidden bindings without their own help text are Textual's plumbing (focus, copy).
        text = binding.tooltip or (binding.description if binding.show else "")
        if not text:
            continue
        keys = rows.setdefault((binding.action, text), [])
        if key_display not in keys:
            keys.append(key_display)
    return [(" / ".join(keys), text) for (_, text), keys in rows.items()]


def help_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The keys of `screen` that work now, then the App's: all of them, even those that a focused
    text box shadows in Textual's own list (enter in the picker's filter still starts)."""
    app = screen.app
    pairs: list[tuple[str, Binding]] = []
    # The App's priority keys work whatever the screen binds (Textual's copy on ctrl+c, say);
    # for any other key the screen's own binding is the one that works.
    first = {
        key
        for key, bindings in app._bindings.key_to_bindings.items()
        if any(binding.priority for binding in bindings)
    }
    taken: set[str] = set()
    for node in (screen, app):
        for key, bindings in node._bindings.key_to_bindings.items():
            if node is screen and key in first:
                continue  # the App's priority binding is the one that works
            if node is app and key in taken:
                continue  # the screen's own binding is the one that works
            taken.add(key)
            for binding in bindings:
                _, name, parameters = parse_action(binding.action)
                if node.check_action(name, parameters) is not False:
                    pairs.append((app.get_key_display(binding), binding))
    return key_rows(pairs)


def _choices(*pairs: tuple[str, str]) -> Content:
    """'y  resume    n  start over' with the keys in bold."""
    parts: list[Content | str | tuple[str, str]] = []
    for number, (keys, text) in enumerate(pairs):
        if number:
            parts.append("\n")
        parts += [(keys, "bold reverse"), f"  {text}"]
    return Content.assemble(*parts)


T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A bordered box in the middle of the screen with a title, a body and the choices."""

    CSS_PATH = "dialogs.tcss"

    def dialog_body(self) -> Iterable[Static]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield from self.dialog_body()


class HelpScreen(Dialog[None]):
    """Every key of the screen it was opened from, with what it does."""

    BINDINGS = [
        Binding("escape,question_mark,q,enter", "dismiss", "Close", tooltip="close this help")
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def dialog_body(self) -> Iterable[Static]:
        width = max((len(keys) for keys, _ in self.rows), default=0) + 2
        lines = [Content.assemble((keys.ljust(width), "bold"), text) for keys, text in self.rows]
        yield Static(Content("Keys"), classes="dialog-title")
        yield Static(Content("\n").join(lines), id="help-keys")
        yield Static(Content("escape, ? or enter closes this help"), classes="dialog-hint")


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
            _choices(("y", self.yes), ("n", "keep going (escape too)")), classes="dialog-choices"
        )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmQuit(Confirm):
    """Stop the running session? It is kept in history as stopped where it is now."""

    BINDINGS = [Binding("q", "answer(True)", "Stop", tooltip="stop the session")]

    def __init__(self, where: str) -> None:
        super().__init__(
            "Stop this session?",
            f"It is saved as stopped at {where}.",
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
                _choices(("s", "start over from the first move"), ("escape", "not now")),
                classes="dialog-choices",
            )
            return
        yield Static(Content(f"Resume {name}?"), classes="dialog-title")
        yield Static(
            Content(f"Started {when}, stopped at {describe_position(self.row, self.entry)}.")
        )
        yield Static(
            _choices(
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

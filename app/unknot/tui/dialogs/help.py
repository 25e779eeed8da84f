"""The key help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from unknot.tui.dialogs.base import Dialog


def key_rows(bindings: Iterable[tuple[str, Binding]]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action, in the order the bindings list them.

    Keys that do the same (the same text) share a row ("n / →", "space / p"); the long text is
    the binding's tooltip, or its footer description when it has none.
    """
    rows: dict[str, list[str]] = {}
    for key_display, binding in bindings:
        # Hidden bindings without their own help text are Textual's plumbing (focus, copy).
        text = binding.tooltip or (binding.description if binding.show else "")
        if not text:
            continue
        # By what it does: the digits (`control('rate', N)`) share one row, and so do space
        # (pause or resume, as the footer shows) and p (toggle), which say the same.
        keys = rows.setdefault(text, [])
        if key_display not in keys:
            keys.append(key_display)
    return [(_joined(keys), text) for text, keys in rows.items()]


def _joined(keys: list[str]) -> str:
    """'n / →'; the ten digits as '0-9' (and the rating's t beside them: '0-9,t'), so that the
    rating keys fit the narrow key column."""
    digits = [str(n) for n in range(10)]
    if all(d in keys for d in digits):
        return ",".join(["0-9", *(k for k in keys if k not in digits)])
    return " / ".join(keys)


def declared_bindings(node: DOMNode) -> Iterator[tuple[str, Binding]]:
    """(key, binding) for each key `node`'s class and its bases declare, nearest class first,
    as Textual merges them: from the public BINDINGS lists, not Textual's private tables."""
    seen: set[str] = set()
    for cls in type(node).__mro__:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if binding.key not in seen:
                seen.add(binding.key)
                yield binding.key, binding


def help_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The keys of `screen` that work now, then the App's: all of them, even those that a focused
    text box shadows in Textual's own list (enter in the picker's filter still starts)."""
    app = screen.app
    pairs: list[tuple[str, Binding]] = []
    # The App's priority keys work whatever the screen binds (Textual's copy on ctrl+c, say);
    # for any other key the screen's own binding is the one that works.
    first = {key for key, binding in declared_bindings(app) if binding.priority}
    taken: set[str] = set()
    for node in (screen, app):
        for key, binding in declared_bindings(node):
            if node is screen and key in first:
                continue  # the App's priority binding is the one that works
            if node is app and key in taken:
                continue  # the screen's own binding is the one that works
            taken.add(key)
            _, name, parameters = parse_action(binding.action)
            if node.check_action(name, parameters) is not False:
                pairs.append((app.get_key_display(binding), binding))
    return key_rows(pairs)


class HelpScreen(Dialog[None]):
    """Every key of the screen it was opened from, with what it does."""

    BINDINGS = [
        Binding("escape,question_mark,q,enter", "dismiss", "Close", tooltip="close this help")
    ]

    def __init__(self, rows: list[tuple[str, str]], *, note: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.note = note  # what opening it did, such as pausing the session

    def dialog_body(self) -> Iterable[Static]:
        width = max((len(keys) for keys, _ in self.rows), default=0) + 2
        lines = [Content.assemble((keys.ljust(width), "bold"), text) for keys, text in self.rows]
        # The note on the title's row: a small window has no row to spare for it.
        title = f"Keys · {self.note}" if self.note else "Keys"
        yield Static(Content(title), classes="dialog-title")
        yield Static(Content("\n").join(lines), id="help-keys")
        yield Static(Content("escape, ? or enter closes this help"), classes="dialog-hint")

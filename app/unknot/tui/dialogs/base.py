"""What every dialog shares: a bordered box in the middle of the screen, and its choices line.

Each dialog says in words what its keys do, so that nobody presses `y` without knowing the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def choices(*pairs: tuple[str, str]) -> Content:
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

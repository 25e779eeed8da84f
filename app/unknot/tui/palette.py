"""The command palette (ctrl+p): start any routine by name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.message import Message

from unknot.data.library import Entry, Library


@runtime_checkable
class HasLibrary(Protocol):
    """An app that can list its routines (the palette asks what the app can do, not what it is)."""

    def load_library(self) -> Library: ...


@dataclass
class RoutineChosen(Message):
    """Start this routine, chosen in the palette (the App asks first if a session is running)."""

    entry: Entry


class RoutineCommands(Provider):
    def _entries(self) -> list[Entry]:
        app = self.app
        return app.load_library().sorted() if isinstance(app, HasLibrary) else []

    def _start(self, entry: Entry) -> None:
        self.app.post_message(RoutineChosen(entry))

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(
                Content(f"Start: {entry.routine.name}"),
                partial(self._start, entry),
                help=entry.routine.purpose,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            label = f"Start: {entry.routine.name}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher.query, label),
                    partial(self._start, entry),
                    help=entry.routine.purpose,
                )


def _highlight(query: str, label: str) -> Content:
    """The label as literal text (never markup), with the matched letters underlined."""
    content = Content(label)
    _, offsets = FuzzySearch().match(query, label)
    for offset in offsets:
        content = content.stylize("underline", offset, offset + 1)
    return content

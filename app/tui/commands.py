"""The command palette (ctrl+p): start any routine by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from app.library import Entry

if TYPE_CHECKING:
    from app.tui.app import UnknotApp


class RoutineCommands(Provider):
    def _entries(self) -> list[Entry]:
        app: UnknotApp = self.app  # type: ignore[assignment]
        return app.load_library().sorted()

    def _start(self, entry: Entry) -> None:
        app: UnknotApp = self.app  # type: ignore[assignment]
        app.start_session(entry)

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

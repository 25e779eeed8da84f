"""The catalog of moves: each move written once, with its area, tools and the article it follows.

This is the domain: the moves and their areas. Bundled routines refer to these moves by id; the
session builder picks from them. Nothing here reads files: `unknot.data.catalog_loader` loads
the catalog, and `unknot.core.catalog_file` is its file format, which checks it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from unknot.core.pose import Pose
from unknot.core.routine import AREAS as AREAS  # the fixed list of area ids
from unknot.core.routine import Move, Sides, Tool


@dataclass(frozen=True)
class CatalogMove:
    id: str
    name: str
    area: str
    tools: tuple[Tool, ...]
    sides: Sides
    seconds: int
    min_seconds: int
    hold: int
    how: str
    cautions: tuple[str, ...]
    source: str
    pose: Pose | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "area": self.area,
            "tools": list(self.tools),
            "sides": self.sides,
            "seconds": self.seconds,
            "min_seconds": self.min_seconds,
            "hold": self.hold,
            "how": self.how,
            "cautions": list(self.cautions),
            "source": self.source,
            "pose": None if self.pose is None else self.pose.to_json(),
        }

    def to_move(self, tool: Tool | None = None) -> Move:
        """This move as a routine plays it, with `tool` (one of its tools; default the first)."""
        return Move(
            name=self.name,
            duration=self.seconds,
            area=AREAS[self.area],
            area_id=self.area,
            tool=tool or self.tools[0],
            sides=self.sides,
            hold=self.hold,
            how=self.how,
            cautions=self.cautions,
            min_seconds=self.min_seconds,
            pose=self.pose,
        )


@dataclass(frozen=True)
class Catalog:
    moves: tuple[CatalogMove, ...]

    def get(self, move_id: str) -> CatalogMove | None:
        return next((m for m in self.moves if m.id == move_id), None)

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.moves]

    def select(self, area: str | None = None, tool: str | None = None) -> list[CatalogMove]:
        return [
            m
            for m in self.moves
            if (area is None or m.area == area) and (tool is None or tool in m.tools)
        ]


def nearest(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed value `word` most likely meant, or None when nothing is close."""
    choices = list(allowed)
    found = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.5)
    if found:
        return found[0]
    starts = [c for c in choices if c.startswith(word.lower()[:3])] if len(word) >= 3 else []
    return starts[0] if starts else None


def unknown(what: str, word: str, allowed: Iterable[str]) -> str:
    """One line for a value that is not allowed: what it was, what is, and the nearest match."""
    choices = list(allowed)
    guess = nearest(word, choices)
    hint = f"; did you mean {guess!r}?" if guess else ""
    return f"unknown {what} {word!r}; allowed: {', '.join(choices)}{hint}"

"""The session builder's choices: which catalog moves, with which tools, in which order.

What the articles advise for each purpose:
- warm-up: brief, from the lower legs up, so the shortest version of each area's move;
- recovery: the areas that did the work first, and the moves that hold on tender spots;
- maintenance: the whole chain from the feet up, the longest version of each move.
The result is a routine; `unknot.core.fit` then fits it to the time there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import get_args

from unknot.core.catalog import AREAS, Catalog, CatalogMove, unknown
from unknot.core.fit import Fitted, fit
from unknot.core.routine import FILE_PURPOSE, BuildPurpose, Routine, Tool

TOOLS: tuple[str, ...] = get_args(Tool)
# Nothing to carry: a move done by hand or with no tool is open to everyone.
_ALWAYS: tuple[Tool, ...] = ("hands", "none")

# From the feet up: the order of a warm-up and of the whole chain.
FEET_UP = tuple(AREAS)
# The areas a run works hardest, first after one: what recovery turns to when none is named.
RUN_WORKED = ("calves", "it-band", "quads", "hamstrings", "glutes", "adductors", "feet", "shins")
_WARM_UP_AREAS = FEET_UP[: FEET_UP.index("hip-flexors") + 1]


class BuildError(ValueError):
    """A request the builder cannot meet, in one line."""


@dataclass(frozen=True)
class Request:
    seconds: int
    areas: tuple[str, ...] = ()  # none: the purpose's own
    tools: tuple[str, ...] = ()  # none: every tool
    purpose: BuildPurpose = "maintenance"
    # Each area's share of the time against the others' (1 when not named): before fitting, an
    # area's move is this many times its catalog length (`unknot.core.build_from_log`).
    weights: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Built:
    routine: Routine
    picks: tuple[tuple[CatalogMove, Tool], ...]  # the catalog move and tool behind each move
    fitted: Fitted


def check_words(kind: str, words: Sequence[str], allowed: Sequence[str]) -> tuple[str, ...]:
    """The words, each checked against `allowed`; BuildError naming every one that is not, one
    line each."""
    bad = [unknown(kind, word, allowed) for word in dict.fromkeys(words) if word not in allowed]
    if bad:
        raise BuildError("\n".join(bad))
    return tuple(dict.fromkeys(words))


def build(catalog: Catalog, request: Request) -> Built:
    """A routine of catalog moves for `request`, fitted to its seconds (or TooShort)."""
    areas = check_words("area", request.areas, list(AREAS))
    tools = check_words("tool", request.tools, TOOLS)
    order = _area_order(areas, request.purpose)
    picks: list[tuple[CatalogMove, Tool]] = []
    for area in order:
        choice = _pick(catalog, area, tools, request.purpose)
        if choice is not None:
            picks.append(choice)
    if not picks:
        having = f" with {', '.join(tools)}" if tools else ""
        raise BuildError(
            f"no catalog move works {', '.join(areas or order)}{having}; "
            f"try other areas or tools (unknot moves lists them)"
        )
    moves = []
    weights = dict(request.weights)
    for rank, (move, tool) in enumerate(picks, 1):
        played = move.to_move(tool)
        if weights.get(move.area, 1.0) != 1.0:
            played = replace(played, duration=round(played.duration * weights[move.area]))
        if request.purpose == "warm-up":
            played = replace(played, hold=min(played.hold, 5))  # brief: a touch, not a hold
        moves.append(replace(played, priority=rank))
    routine = Routine(
        name=f"Built {request.purpose}",
        summary=f"A {request.purpose} session built from the catalog of moves.",
        moves=tuple(moves),
        purpose=FILE_PURPOSE[request.purpose],
    )
    fitted = fit(routine, request.seconds)
    chosen = tuple(picks[i] for i in fitted.kept)
    # Named for what the fitted session holds, not for the areas asked for: a dropped area
    # would make the name lie, and the name is what a saved routine is listed by.
    names = [AREAS[m.area].lower() for m, _ in chosen]
    named = replace(
        fitted.routine,
        name=session_name(f"Built {request.purpose}", names),
        summary=f"A {request.purpose} session built from the catalog of moves: {', '.join(names)}.",
    )
    return Built(named, chosen, replace(fitted, routine=named))


def session_name(head: str, names: Sequence[str], limit: int = 60) -> str:
    """`head: a, b, c`, or `head: a, b and 5 more areas` when the names do not fit in `limit`:
    whole names only, never cut mid-word."""
    full = f"{head}: {', '.join(names)}"
    if len(full) <= limit:
        return full
    for shown in range(len(names) - 1, 0, -1):
        text = f"{head}: {', '.join(names[:shown])} and {len(names) - shown} more areas"
        if len(text) <= limit:
            return text
    return f"{head}: {len(names)} areas"


def _area_order(areas: tuple[str, ...], purpose: BuildPurpose) -> tuple[str, ...]:
    if purpose == "recovery":
        # The worked areas first, in the order named; with none named, a run's.
        return areas or RUN_WORKED
    if purpose == "warm-up":
        return tuple(a for a in FEET_UP if a in areas) if areas else _WARM_UP_AREAS
    return tuple(a for a in FEET_UP if a in areas) if areas else FEET_UP


def _pick(
    catalog: Catalog, area: str, tools: tuple[str, ...], purpose: BuildPurpose
) -> tuple[CatalogMove, Tool] | None:
    """The area's move that suits the purpose best, with a tool at hand; None if none."""
    usable: list[tuple[CatalogMove, Tool]] = []
    for move in catalog.select(area=area):
        tool = next((t for t in move.tools if not tools or t in tools or t in _ALWAYS), None)
        if tool is not None:
            usable.append((move, tool))
    if not usable:
        return None
    if purpose == "warm-up":
        return min(usable, key=lambda pick: pick[0].seconds)
    if purpose == "recovery":
        return max(usable, key=lambda pick: (pick[0].hold, pick[0].seconds))
    return max(usable, key=lambda pick: pick[0].seconds)

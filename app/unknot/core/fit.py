"""Fitting a routine to the minutes a person has: stretch or shrink its moves, drop what cannot fit.

Transitions and switches stay as written. Every move keeps its share of the work time in
proportion to its own length and never goes below its minimum; when even the minimums do not fit,
moves are dropped from the end of the routine's priority order, with a note saying why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from unknot.core.durations import describe
from unknot.core.routine import Move, Routine

# `--minutes` and the picker's minutes field accept (0, MAX_MINUTES].
MAX_MINUTES = 180


class MinutesError(ValueError):
    """A number of minutes that is not one unknot can fit a routine to."""


class TooShort(Exception):
    """Not even the routine's first move fits; `minutes` is the fewest that work."""

    def __init__(self, routine: Routine, minutes: int) -> None:
        self.minutes = minutes
        super().__init__(
            f"{routine.name} needs at least {minutes} min "
            f"(its first move at its minimum, with the time to get into position)"
        )


@dataclass(frozen=True)
class Fitted:
    """A routine stretched or shrunk to a number of minutes, with what was changed and why."""

    routine: Routine
    notes: tuple[str, ...]
    kept: tuple[int, ...]  # where each of the fitted routine's moves stands in the original


def parse_minutes(text: str) -> float:
    """The minutes `text` stands for, or MinutesError with one line saying what is allowed."""
    allowed = f"a number of minutes above 0 and at most {MAX_MINUTES}, such as 8 or 12.5"
    try:
        minutes = float(text.strip())
    except ValueError:
        raise MinutesError(f"--minutes: {text!r} is not a number; give {allowed}") from None
    if not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES:
        raise MinutesError(f"--minutes: {text} is out of range; give {allowed}")
    return minutes


def gaps(routine: Routine, move: Move) -> int:
    """The seconds a move takes beyond its work: the transition, and a switch when sided."""
    return routine.transition + (routine.switch if move.sides == "each" else 0)


def least_seconds(routine: Routine, moves: tuple[Move, ...]) -> int:
    return sum(gaps(routine, m) + m.minimum * m.sides_count for m in moves)


def priority_order(moves: tuple[Move, ...]) -> list[int]:
    """Indexes of `moves`, most important first: by priority (default: place), then place."""
    return sorted(
        range(len(moves)),
        key=lambda i: (moves[i].priority if moves[i].priority is not None else i + 1, i),
    )


def fit(routine: Routine, seconds: int) -> Fitted:
    """`routine` stretched or shrunk to `seconds` in all, or TooShort."""
    keep = priority_order(routine.moves)
    notes: list[str] = []
    while least_seconds(routine, tuple(routine.moves[i] for i in keep)) > seconds:
        if len(keep) == 1:
            only = routine.moves[keep[0]]
            raise TooShort(routine, math.ceil(least_seconds(routine, (only,)) / 60))
        dropped = routine.moves[keep.pop()]
        side = " a side" if dropped.sides == "each" else ""
        notes.append(
            f"dropped {dropped.name}: {describe(seconds)} leaves no room for it "
            f"(it needs at least {describe(dropped.minimum)}{side}, and it comes last by priority)"
        )
    kept = tuple(sorted(keep))
    moves = tuple(routine.moves[i] for i in kept)
    work = seconds - sum(gaps(routine, m) for m in moves)
    lengths = _spread(moves, work)
    fitted = tuple(replace(m, duration=d) for m, d in zip(moves, lengths, strict=True))
    return Fitted(replace(routine, moves=fitted), tuple(notes), kept)


def _spread(moves: tuple[Move, ...], work: int) -> list[int]:
    """Whole seconds a side for each move, summing (sides counted) to about `work`.

    Shares are proportional to each move's own work; a move whose share falls below its
    minimum is held there and the rest share what is left, until none falls below.
    """
    floored: set[int] = set()
    while True:
        spare = work - sum(moves[i].minimum * moves[i].sides_count for i in floored)
        free = [i for i in range(len(moves)) if i not in floored]
        own = sum(moves[i].duration * moves[i].sides_count for i in free)
        scale = spare / own if own else 0.0
        low = {i for i in free if moves[i].duration * scale < moves[i].minimum}
        if not low:
            break
        floored |= low
    ideal = [float(m.minimum) if i in floored else m.duration * scale for i, m in enumerate(moves)]
    # Round so the running total never strays more than a second from the ideal one.
    lengths: list[int] = []
    wanted = done = 0.0
    for move, share in zip(moves, ideal, strict=True):
        wanted += share * move.sides_count
        length = max(move.minimum, round((wanted - done) / move.sides_count))
        lengths.append(length)
        done += length * move.sides_count
    return lengths

"""Tenderness ratings: a side of a move rated 0 to 10, and what a run of them says.

The scale and its thresholds follow the research the body log is built on: a change of about
2 points on a 0-10 scale is the smallest that matters (Farrar 2001), so two sides that differ by
2 or more in at least three of the last four sessions that rated both are flagged. Rolling one
side also eases the other (Aboodarda 2015), which is why both sides are rated before either is
rolled: a rating given in a move's get-ready step is "before", one given once the move has begun
is "after". A log for the runner, not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unknot.core.controls import CommandError
from unknot.core.events import Rated, RatedWhen
from unknot.core.plan import Step
from unknot.core.routine import Side

MATTERS = 2.0  # points: the smallest difference that matters
LAST_SESSIONS = 4  # sessions that rated both sides, looked at for a difference
FLAG_AT_LEAST = 3  # of those, how many must differ by MATTERS or more
WEEKS = 8  # how far back the trend goes


def rated(step: Step, *, at: float, side: str | None, score: int) -> Rated:
    """The event for a rating given in `step`, or a CommandError saying why it cannot be."""
    move = step.move
    if move.sides == "each" and side is None:
        raise CommandError(f"{move.name} has two sides: use rate left N or rate right N")
    if move.sides == "none" and side is not None:
        raise CommandError(f"{move.name} has no sides: use rate N")
    if not 0 <= score <= 10:
        raise CommandError(f"score {score} is not from 0 to 10")
    chosen: Side | None = "left" if side == "left" else "right" if side == "right" else None
    when: RatedWhen = "before" if step.kind == "transition" else "after"
    return Rated(
        t=at,
        step=step,
        index=step.index,
        move=move.name,
        area=move.log_area,
        side=chosen,
        score=score,
        when=when,
    )


@dataclass(frozen=True)
class Rating:
    """One rating as history keeps it."""

    session_id: int
    at: str  # ISO time, UTC
    routine: str
    area: str
    side: Side | None
    when: RatedWhen
    score: int

    def to_json(self) -> dict[str, object]:
        return {
            "time": self.at,
            "session": self.session_id,
            "routine": self.routine,
            "area": self.area,
            "side": self.side,
            "when": self.when,
            "score": self.score,
        }


@dataclass(frozen=True)
class AreaTrend:
    """One area's ratings: each side's scores over the weeks, and whether the sides differ."""

    area: str
    left: tuple[tuple[str, int], ...]  # (time, score), oldest first
    right: tuple[tuple[str, int], ...]
    none: tuple[tuple[str, int], ...]  # a move without sides
    mean_difference: float | None  # left minus right, over the last sessions that rated both
    flagged: bool
    sorer: Side | None

    def to_json(self) -> dict[str, object]:
        return {
            "area": self.area,
            "left": [{"time": t, "score": s} for t, s in self.left],
            "right": [{"time": t, "score": s} for t, s in self.right],
            "no_side": [{"time": t, "score": s} for t, s in self.none],
            "mean_difference": self.mean_difference,
            "flagged": self.flagged,
            "sorer": self.sorer,
        }


def _session_score(ratings: Iterable[Rating]) -> float:
    """A session's score for one side: its "before" ratings when it has any (the side as it
    was, before rolling eased it), else its "after" ones; the mean of those."""
    chosen = [r.score for r in ratings if r.when == "before"] or [r.score for r in ratings]
    return sum(chosen) / len(chosen)


def trend(area: str, ratings: Sequence[Rating]) -> AreaTrend:
    """What an area's ratings (oldest first, all of one area) say."""
    by_session: dict[int, dict[str, list[Rating]]] = {}
    for r in ratings:
        by_session.setdefault(r.session_id, {}).setdefault(r.side or "", []).append(r)
    both = [
        _session_score(sides["left"]) - _session_score(sides["right"])
        for sides in by_session.values()
        if "left" in sides and "right" in sides
    ][-LAST_SESSIONS:]
    mean = round(sum(both) / len(both), 2) if both else None
    big = [d for d in both if abs(d) >= MATTERS]
    # Flagged when the same side is sorer by enough in at least three of the last four.
    lefts = sum(1 for d in big if d > 0)
    rights = len(big) - lefts
    flagged = max(lefts, rights) >= FLAG_AT_LEAST
    sorer: Side | None = None
    if flagged:
        sorer = "left" if lefts > rights else "right"

    def points(side: Side | None) -> tuple[tuple[str, int], ...]:
        return tuple((r.at, r.score) for r in ratings if r.side == side)

    return AreaTrend(area, points("left"), points("right"), points(None), mean, flagged, sorer)


def recent_tenderness(trends: Iterable[AreaTrend]) -> dict[str, float]:
    """Each area's recent tenderness: the mean of its last four scores on its sorer side (or
    its only side), for ordering a session sorest first."""
    out: dict[str, float] = {}
    for t in trends:
        series = [
            [s for _, s in t.left][-LAST_SESSIONS:],
            [s for _, s in t.right][-LAST_SESSIONS:],
            [s for _, s in t.none][-LAST_SESSIONS:],
        ]
        means = [sum(s) / len(s) for s in series if s]
        if means:
            out[t.area] = round(max(means), 2)
    return out


def side_to_rate(step: Step, rated_here: Iterable[str | None]) -> Side | None:
    """The side a bare score rates in `step` (the session screen's digits): in a get-ready step
    the left side, then the right once the left is rated (both before either is rolled); in a
    work step its side; in a switch the side just worked; None for a move without sides."""
    if step.move.sides != "each":
        return None
    if step.kind == "work":
        return step.side
    if step.kind == "switch":
        return "left"
    return "right" if "left" in set(rated_here) and "right" not in set(rated_here) else "left"


@dataclass(frozen=True)
class RatingOpen:
    """A rating a step invites: of which move, before or after it, and the sides to rate
    (`(None,)` for a move without sides)."""

    when: RatedWhen
    move: str
    sides: tuple[Side | None, ...]


def rating_open(steps: Sequence[Step], index: int) -> RatingOpen | None:
    """The rating step `index` invites, if any: the get-ready step before a move ("before"),
    and the move's last work step ("after"); None elsewhere. A rating by key or command is
    taken in any step; this only says when the screens offer one."""
    step = steps[index]
    following = steps[index + 1] if index + 1 < len(steps) else None
    sides: tuple[Side | None, ...] = ("left", "right") if step.move.sides == "each" else (None,)
    if step.kind == "transition":
        return RatingOpen("before", step.move.name, sides)
    if step.kind == "work" and (following is None or following.move_index != step.move_index):
        return RatingOpen("after", step.move.name, sides)
    return None

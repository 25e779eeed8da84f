"""The timeline a session follows: every step with its start offset and length."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from unknot.core.durations import format_clock
from unknot.core.routine import Move, Routine, Side
from unknot.core.words import plural

StepKind = Literal["transition", "work", "switch"]


@dataclass(frozen=True)
class Step:
    """One timed stretch of a session: getting into position, working one side, or switching."""

    index: int
    kind: StepKind
    move: Move
    move_index: int
    side: Side | None
    start: float
    seconds: float

    def label(self) -> str:
        """'IT band - left side' or 'IT band'."""
        return f"{self.move.name} - {self.side} side" if self.side else self.move.name

    def where(self, left: float) -> str:
        """Where a person is in this step, in words: 'IT band, right side, 1:10 left'."""
        where = self.move.name
        if self.kind == "transition":
            where = f"getting ready for {where}"
        elif self.kind == "switch":
            where = f"{where}, switching sides"
        elif self.side:
            where = f"{where}, {self.side} side"
        return f"{where}, {format_clock(left)} left"

    def to_json(self) -> dict[str, object]:
        return {
            "index": self.index,
            "kind": self.kind,
            "move": self.move.name,
            "side": self.side,
            "start": self.start,
            "seconds": self.seconds,
        }


@dataclass(frozen=True)
class Plan:
    """Every step of a routine in order, with the time each starts."""

    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        last = self.steps[-1]
        return last.start + last.seconds

    def coming(self, index: int) -> Step | None:
        """The step a runner in step `index` is working or getting into: getting ready and
        switching sides lead to the next step, whose move and side the screens show."""
        step = self.steps[index]
        if step.kind == "work":
            return step
        return self.steps[index + 1] if index + 1 < len(self.steps) else None


def plan_lines(name: str, plan: Plan, notes: Iterable[str] = ()) -> list[str]:
    """The plan as `unknot plan` prints it: a heading, the notes, then a line per step."""
    lines = [f"{name}: {plural(len(plan.steps), 'step')}, {format_clock(plan.total_seconds)}"]
    lines += [f"Note: {note}" for note in notes]
    for s in plan.steps:
        what = s.label() if s.kind == "work" else f"{s.kind}: {s.move.name}"
        lines.append(
            f"{s.index:>3}  {format_clock(s.start):>7}  {format_clock(s.seconds):>6}  {what}"
        )
    return lines


def build_plan(routine: Routine) -> Plan:
    """Before each move a transition; a sided move is left, switch, right."""
    steps: list[Step] = []
    offset = 0.0

    def add(kind: StepKind, move: Move, move_index: int, side: Side | None, seconds: int) -> None:
        nonlocal offset
        steps.append(Step(len(steps), kind, move, move_index, side, offset, float(seconds)))
        offset += seconds

    for move_index, move in enumerate(routine.moves):
        add("transition", move, move_index, None, routine.transition)
        if move.sides == "each":
            add("work", move, move_index, "left", move.duration)
            add("switch", move, move_index, None, routine.switch)
            add("work", move, move_index, "right", move.duration)
        else:
            add("work", move, move_index, None, move.duration)
    return Plan(tuple(steps))

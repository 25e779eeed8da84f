"""The outcome of a session, step by step: what history stores and the summary shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from unknot.core.plan import Step

Status = Literal["completed", "stopped", "interrupted", "abandoned"]


@dataclass
class StepOutcome:
    """How one step of a session went: planned against actual time, holds, skipped or not."""

    index: int
    kind: str
    move: str
    move_index: int
    side: str | None
    planned: float
    actual: float = 0.0
    holds: int = 0
    skipped: bool = False
    finished: bool = False

    @classmethod
    def for_step(cls, step: Step) -> StepOutcome:
        return cls(step.index, step.kind, step.move.name, step.move_index, step.side, step.seconds)


@dataclass
class SessionResult:
    """How a session ended and what it did, step by step: what the summary and history show."""

    routine: str
    status: Status
    planned_seconds: float
    elapsed_seconds: float
    paused_seconds: float
    extension_seconds: float
    skipped_seconds: float
    steps: list[StepOutcome] = field(default_factory=list)

    @property
    def active_seconds(self) -> float:
        return self.elapsed_seconds - self.paused_seconds

    @property
    def holds(self) -> int:
        return sum(s.holds for s in self.steps)

    def _work_by_move(self) -> dict[int, list[StepOutcome]]:
        moves: dict[int, list[StepOutcome]] = {}
        for outcome in self.steps:
            if outcome.kind == "work":
                moves.setdefault(outcome.move_index, []).append(outcome)
        return moves

    @property
    def moves_done(self) -> int:
        return sum(
            all(o.finished and not o.skipped for o in work)
            for work in self._work_by_move().values()
        )

    @property
    def moves_skipped(self) -> int:
        return sum(any(o.skipped for o in work) for work in self._work_by_move().values())

    @property
    def moves_total(self) -> int:
        return len(self._work_by_move())

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.update(
            moves_done=self.moves_done,
            moves_skipped=self.moves_skipped,
            moves_total=self.moves_total,
            holds=self.holds,
            active_seconds=round(self.active_seconds, 3),
        )
        for key in ("planned_seconds", "elapsed_seconds", "paused_seconds"):
            data[key] = round(float(data[key]), 3)
        for key in ("extension_seconds", "skipped_seconds"):
            data[key] = round(float(data[key]), 3)
        for step in data["steps"]:
            step["actual"] = round(step["actual"], 3)
        return data

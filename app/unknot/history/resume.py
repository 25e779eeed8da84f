"""How a session starts: fresh, or where an interrupted one of the same routine left off."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.plan import build_plan
from unknot.data.library import Entry
from unknot.history.rows import SessionRow
from unknot.history.store import History


@dataclass(frozen=True)
class ResumeChoice:
    """Which interrupted session to carry on (None: start over), and what to tell the user."""

    row: SessionRow | None = None
    message: str = ""

    @property
    def start(self) -> tuple[int, float | None]:
        return start_position(self.row)


def start_position(row: SessionRow | None) -> tuple[int, float | None]:
    """Where a session starts: the beginning, or the step (and time left) a resumed one was in."""
    if row is None:
        return (0, None)
    return (row.step_index, row.step_remaining)


def describe_position(row: SessionRow, entry: Entry) -> str:
    """'IT band, right side, 1:10 left'."""
    steps = build_plan(entry.routine).steps
    if not 0 <= row.step_index < len(steps):
        return "an unknown step"
    step = steps[row.step_index]
    left = row.step_remaining if row.step_remaining is not None else step.seconds
    return step.where(left)


def changed(row: SessionRow, entry: Entry) -> bool:
    return row.routine_digest != entry.digest


def choose_resume(history: History, entry: Entry, *, resume: bool, fresh: bool) -> ResumeChoice:
    """What `run --resume` / `run --fresh` mean for this routine, and what to tell the user."""
    row = history.unfinished(entry.id)
    if row is None:
        if resume:
            return ResumeChoice(
                message=f"No unfinished session of {entry.id} to resume; starting fresh."
            )
        return ResumeChoice()
    if fresh:
        history.abandon(row.id)
        return ResumeChoice(message="Starting fresh; the unfinished session is marked abandoned.")
    if not resume:
        return ResumeChoice(
            message=f"An unfinished session of {entry.id} is waiting "
            f"({describe_position(row, entry)}): `--resume` carries it on, `--fresh` drops it."
        )
    if changed(row, entry):
        history.abandon(row.id)
        return ResumeChoice(
            message=f"{entry.id} has changed since that session, so it cannot be resumed; "
            "starting fresh (the old one is marked abandoned)."
        )
    return ResumeChoice(
        row=row, message=f"Resuming {entry.routine.name}: {describe_position(row, entry)}."
    )

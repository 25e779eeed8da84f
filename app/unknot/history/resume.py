"""How a session starts: fresh, or where an interrupted one of the same routine left off."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.fit import TooShort
from unknot.core.plan import build_plan
from unknot.data.library import Entry
from unknot.history.rows import SessionRow
from unknot.history.store import History


@dataclass(frozen=True)
class ResumeChoice:
    """Which interrupted session to carry on (None: start over), and what to tell the user."""

    row: SessionRow | None = None
    message: str = ""
    entry: Entry | None = None  # the routine as that session ran it (fitted as it was)

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


def as_recorded(row: SessionRow, entry: Entry) -> Entry:
    """`entry` as the session in `row` ran it: fitted to the minutes it was fitted to, if it was
    and `entry` is the routine as written. The fitting is part of what a session records, so a
    fitted session resumes from the picker and from `run ROUTINE --resume` alike; whether the
    routine itself has changed is still told by the digest."""
    if row.fit_seconds is None or entry.fit_seconds is not None:
        return entry
    from unknot.data.built import fit_entry

    try:
        return fit_entry(entry, row.fit_seconds)[0]
    except TooShort:  # the file changed so much that the fit no longer works: a change
        return entry


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
            f"({describe_position(row, as_recorded(row, entry))}): "
            "`--resume` carries it on, `--fresh` drops it."
        )
    entry = as_recorded(row, entry)
    if changed(row, entry):
        history.abandon(row.id)
        return ResumeChoice(
            message=f"{entry.id} has changed since that session, so it cannot be resumed; "
            "starting fresh (the old one is marked abandoned)."
        )
    return ResumeChoice(
        row=row,
        message=f"Resuming {entry.routine.name}: {describe_position(row, entry)}.",
        entry=entry,
    )

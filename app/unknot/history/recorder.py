"""Keeps a session's history as it runs: the row when it starts, each step as it ends, and a
checkpoint at least once a second, at every pause and on quit, so nothing is lost to a kill."""

from __future__ import annotations

from unknot.core.engine import Session
from unknot.core.events import Event, SessionFinished, StepStarted
from unknot.data.library import Entry
from unknot.history.ratings import RatingsRecorder
from unknot.history.reads import step_outcomes
from unknot.history.rows import SessionRow
from unknot.history.store import History

CHECKPOINT_EVERY = 0.5  # seconds; well inside the one second a resume may be off by
_FORCE = {"paused", "resumed", "skipped", "time_changed", "hold_started", "hold_ended"}


class Recorder:
    """Keeps one session in history as it runs: it begins the row (or takes over a resumed
    one), writes each step as it ends, checkpoints where the session is (so a kill loses at most
    a moment), and finishes the row with the result."""

    def __init__(
        self,
        history: History,
        session: Session,
        entry: Entry,
        *,
        resume: SessionRow | None = None,
    ) -> None:
        self.history = history
        self.session = session
        self.entry = entry
        self._last = float("-inf")
        self._current: int | None = None
        self._base_elapsed = resume.wall_seconds if resume else 0.0
        self._base_paused = resume.paused_seconds if resume else 0.0
        # Whether the session's last write to history failed, and what to tell the user then.
        self.final_write_failed = False
        self.final_message: str | None = None
        if resume is not None:
            self.session_id: int | None = resume.id
            history.reopen(resume.id)
            # The result, the summary and the meter then count the whole session, not the part
            # since the resume.
            session.carry_on(
                step_outcomes(history, resume.id), resume.wall_seconds, resume.paused_seconds
            )
        else:
            routine = entry.routine
            self.session_id = history.begin(
                routine_id=entry.id,
                routine_name=routine.name,
                digest=entry.digest,
                moves_total=len(routine.moves),
                planned_seconds=session.plan.total_seconds,
                fit_seconds=entry.fit_seconds,
            )
        session.listen(self._on_event)
        session.listen(RatingsRecorder(history, self.session_id))

    def _save_step(self, index: int) -> None:
        if self.session_id is not None:
            move = self.session.plan.steps[index].move
            self.history.record_step(
                self.session_id,
                self.session.outcomes[index],
                area=move.area or move.name,
                move_work_steps=2 if move.sides == "each" else 1,
            )

    def _on_event(self, event: Event) -> None:
        if self.session_id is None:
            return
        if isinstance(event, StepStarted):
            if self._current is not None:
                self._save_step(self._current)
            self._current = event.index
            self.checkpoint(force=True)
        elif isinstance(event, SessionFinished):
            if self._current is not None:
                self._save_step(self._current)
            result = self.session.result
            assert result is not None
            saved = self.history.finish(
                self.session_id,
                result.status,
                result.elapsed_seconds,  # the whole session's: the part before is carried on
                result.paused_seconds,
            )
            if not saved:
                self.final_write_failed = True
                self.final_message = self.history.final_message
        elif event.kind in _FORCE:
            self.checkpoint(force=True)

    def tick(self) -> None:
        """Called by the front end whenever it wakes; writes a checkpoint when one is due."""
        self.checkpoint()

    def checkpoint(self, *, force: bool = False) -> None:
        s = self.session
        if self.session_id is None or s.finished or s.state == "ready":
            return
        now = s.clock()
        if not force and now - self._last < CHECKPOINT_EVERY:
            return
        self._last = now
        self.history.checkpoint(
            self.session_id,
            index=s.index,
            remaining=s.remaining(),
            paused=s.paused,
            elapsed=self._base_elapsed + s.elapsed(),
            paused_seconds=self._base_paused + s.paused_seconds,
        )

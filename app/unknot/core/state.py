"""A session's state and the read-only questions about it: the step, the time left, paused or not.

`unknot.core.engine.Session` builds on this with the transitions (start, update and the controls).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from unknot.core.clock import Clock, monotonic
from unknot.core.events import Event
from unknot.core.plan import Plan, Step
from unknot.core.result import SessionResult, StepOutcome

Listener = Callable[[Event], None]
State = Literal["ready", "running", "paused", "finished"]


class SessionState:
    """Where a session is: its fields, and the questions a front end asks of them. The
    transitions that change them are `Session`'s, in `unknot.core.engine`."""

    def __init__(
        self,
        plan: Plan,
        *,
        clock: Clock = monotonic,
        routine_id: str = "",
        routine_name: str = "",
    ) -> None:
        self.plan = plan
        self.routine_id = routine_id
        self.routine_name = routine_name or routine_id
        self.clock = clock
        self._listeners: list[Listener] = []
        self.state: State = "ready"
        self.index = 0
        self.outcomes = [StepOutcome.for_step(step) for step in plan.steps]
        self.result: SessionResult | None = None
        self._t0 = 0.0
        self._paused_total = 0.0
        self._paused_at = 0.0
        self._last_t = 0.0  # the latest event's `t`: events never go back in time
        # The current step, in active seconds since the start.
        self._start = 0.0  # when the step would have started had it run in full
        self._visit = 0.0  # when this visit to the step began (for its actual time)
        self._deadline = 0.0
        self._hold_end: float | None = None
        self._hold_extension = 0.0
        self._added = 0.0  # what more() and less() have added to this visit of the step
        self._halfway_due: float | None = None
        self._countdown_next = 0
        # The ledger behind the invariant: elapsed = planned + extensions + pauses - skipped.
        self.extension_seconds = 0.0
        self.skipped_seconds = 0.0
        # What an interrupted session did before this resumed part (see `Session.carry_on`).
        self.carried_elapsed = 0.0
        self.carried_paused = 0.0

    # ----- observing -----

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def step(self) -> Step:
        return self.plan.steps[self.index]

    @property
    def paused(self) -> bool:
        return self.state == "paused"

    @property
    def finished(self) -> bool:
        return self.state == "finished"

    @property
    def paused_seconds(self) -> float:
        if self.state == "paused":
            return self._paused_total + self.clock() - self._paused_at
        return self._paused_total

    @property
    def started_at(self) -> float:
        """The clock reading at the start; an event's `t` is seconds after it."""
        return self._t0

    def elapsed(self) -> float:
        """Clock seconds since the start, pauses included."""
        return self.clock() - self._t0 if self.state != "ready" else 0.0

    def active(self) -> float:
        """Seconds since the start that were not paused. While paused it stands still: the
        clock is read once, as two readings a moment apart would move it back by that moment."""
        if self.state == "ready":
            return 0.0
        if self.state == "paused":
            return self._paused_at - self._t0 - self._paused_total
        return self.clock() - self._t0 - self._paused_total

    @property
    def carried_active(self) -> float:
        """Active seconds of the part before a resume (0 for a session that was not resumed)."""
        return max(0.0, self.carried_elapsed - self.carried_paused)

    def remaining(self) -> float:
        """Seconds left in the current step (never negative)."""
        if self.state in ("ready", "finished"):
            return 0.0 if self.state == "finished" else self.step.seconds
        return max(0.0, self._deadline - self.active())

    def step_length(self) -> float:
        """The current step's length as it stands, extensions included."""
        return self._deadline - self._start

    def hold_remaining(self) -> float | None:
        if self._hold_end is None or self.state == "finished":
            return None
        return max(0.0, self._hold_end - self.active())

    def session_remaining(self) -> float:
        later = sum(s.seconds for s in self.plan.steps[self.index + 1 :])
        return 0.0 if self.finished else self.remaining() + later

    def next_step(self) -> Step | None:
        following = self.index + 1
        return self.plan.steps[following] if following < len(self.plan.steps) else None

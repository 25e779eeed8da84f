"""The session: a routine's plan run against a clock, as a state machine that emits events.

Time is computed, never counted. Every step has a deadline in "active time" (clock time since the
start, less the time spent paused); the next step starts at the previous deadline, not at "now".
`update()` processes everything that fell due since the last call in time order, each at its own
time, so a late call gives late events but never lost or reordered ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from unknot.core.controls import Command, CommandError, Control, as_command
from unknot.core.events import (
    Countdown,
    Event,
    Halfway,
    HoldEnded,
    HoldStarted,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    Skipped,
    StepStarted,
    TimeChanged,
)
from unknot.core.ratings import rated
from unknot.core.result import SessionResult, Status, StepOutcome
from unknot.core.state import SessionState

TIME_STEP = 30.0  # seconds added or taken by more() and less()
MAX_ADDED = 600.0  # more() adds at most this much to one step (net of less())
BACK_GRACE = 3.0  # back() within this many seconds of a step's start goes to the previous step
HALFWAY_MIN = 60.0  # work steps at least this long announce their halfway point
COUNTDOWN = (3, 2, 1)
_COUNTED = ("transition", "work")

# Order of things due at the same instant: a hold ends before the step that holds it.
_HOLD_END, _HALFWAY, _COUNTDOWN, _DEADLINE = range(4)


class Session(SessionState):
    """The state machine: a plan run against a clock, emitting events as things happen."""

    def next_due(self) -> float | None:
        """The clock time of the next thing the engine will do by itself, or None while stopped."""
        if self.state != "running":
            return None
        due = self._next_item()
        return self._t0 + self._paused_total + due[0]

    # ----- starting -----

    def carry_on(self, earlier: Iterable[StepOutcome], elapsed: float, paused: float) -> None:
        """Count what an interrupted session did before it stopped (its steps' outcomes, its time
        and its pauses) as part of this one, so that the result is the whole session's."""
        if self.state != "ready":
            raise RuntimeError("what came before is carried on before the start")
        for outcome in earlier:
            if 0 <= outcome.index < len(self.outcomes):
                self.outcomes[outcome.index] = outcome
        self.carried_elapsed = elapsed
        self.carried_paused = paused
        # The ledger (elapsed = planned + extensions + pauses - skipped) holds for the whole:
        # `start` takes the earlier steps' planned time out, their active time comes back in.
        self.extension_seconds += self.carried_active

    def start(self, index: int = 0, remaining: float | None = None) -> list[Event]:
        """Begin at step `index`; with `remaining`, the step starts part-way (a resumed session)."""
        if self.state != "ready":
            raise RuntimeError("a session starts once")
        if not 0 <= index < len(self.plan.steps):
            raise IndexError(f"step {index} is not in the plan")
        self._t0 = self.clock()
        self.state = "running"
        events: list[Event] = []
        self._emit(
            events,
            SessionStarted(
                t=0.0,
                step=self.step,
                routine=self.routine_id,
                name=self.routine_name,
                steps=len(self.plan.steps),
            ),
        )
        step = self.plan.steps[index]
        left = step.seconds if remaining is None else min(max(remaining, 0.0), step.seconds)
        # Steps before a resumed one count as already done elsewhere, not as time skipped here.
        self.extension_seconds -= sum(s.seconds for s in self.plan.steps[:index])
        self.extension_seconds -= step.seconds - left
        self._enter(events, index, at=0.0, remaining=left, resumed=remaining is not None)
        return events

    # ----- the clock moves -----

    def update(self) -> list[Event]:
        """Process everything that has fallen due, in order, each at its own time."""
        events: list[Event] = []
        if self.state != "running":
            return events
        now = self.active()
        while self.state == "running":
            due, what = self._next_item()
            if due > now:
                break
            self._process(events, what, due)
        return events

    def _next_item(self) -> tuple[float, int]:
        items = [(self._deadline, _DEADLINE)]
        if self._hold_end is not None:
            items.append((self._hold_end, _HOLD_END))
        if self._halfway_due is not None:
            items.append((self._halfway_due, _HALFWAY))
        if self._countdown_next:
            items.append((self._deadline - self._countdown_next, _COUNTDOWN))
        return min(items)

    def _process(self, events: list[Event], what: int, due: float) -> None:
        if what == _HOLD_END:
            self._end_hold(events, due, early=False)
        elif what == _HALFWAY:
            self._halfway_due = None
            self._emit(events, Halfway(t=self._at(due), step=self.step, index=self.index))
        elif what == _COUNTDOWN:
            n = self._countdown_next
            self._countdown_next = n - 1
            self._emit(events, Countdown(t=self._at(due), step=self.step, index=self.index, n=n))
        else:
            outcome = self.outcomes[self.index]
            outcome.finished = True
            outcome.skipped = False
            self._advance(events, due)

    # ----- controls -----

    def apply(self, command: Control | Command) -> list[Event]:
        """Apply one control of the vocabulary (`unknot.core.controls`), whichever way it came.
        A command the session cannot take now (a rating with no move current, or for a side the
        move does not have) raises CommandError and changes nothing."""
        control = command if isinstance(command, Control) else command.control
        match control:
            case Control.PAUSE:
                return self.pause()
            case Control.RESUME:
                return self.resume()
            case Control.TOGGLE:
                return self.toggle_pause()
            case Control.NEXT:
                return self.next()
            case Control.BACK:
                return self.back()
            case Control.HOLD:
                return self.hold()
            case Control.MORE:
                return self.more()
            case Control.LESS:
                return self.less()
            case Control.STOP:
                return self.quit()
            case Control.RATE:
                given = as_command(command)
                assert given.score is not None  # a rate Command always has one
                return self.rate(given.side, given.score)

    def rate(self, side: str | None, score: int) -> list[Event]:
        """Rate how tender a side of the current move is (`unknot.core.ratings`). It never
        pauses or moves the clock: it only emits `Rated`."""
        events = self.update()
        if self.state not in ("running", "paused"):
            raise CommandError("no move is current: a rating is given during a session")
        at = self._at(self.active())
        self._emit(events, rated(self.step, at=at, side=side, score=score))
        return events

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self.state == "paused" else self.pause()

    def pause(self) -> list[Event]:
        events = self.update()
        if self.state == "running":
            self._paused_at = self.clock()
            self.state = "paused"
            now = self._at(self.active())
            self._emit(
                events, Paused(t=now, step=self.step, index=self.index, remaining=self._left())
            )
        return events

    def resume(self) -> list[Event]:
        events: list[Event] = []
        if self.state == "paused":
            self._paused_total += self.clock() - self._paused_at
            self.state = "running"
            now = self._at(self.active())
            self._emit(
                events, Resumed(t=now, step=self.step, index=self.index, remaining=self._left())
            )
        return events

    def next(self) -> list[Event]:
        """Skip the rest of this step."""
        events = self.update()
        if self.state not in ("running", "paused"):
            return events
        now = self.active()
        if self._hold_end is not None:
            self._end_hold(events, now, early=True)
        left = self._deadline - now
        self.skipped_seconds += left
        self.outcomes[self.index].skipped = True
        self._emit(
            events,
            Skipped(t=self._at(now), step=self.step, index=self.index, remaining=round(left, 3)),
        )
        self._advance(events, now)
        return events

    def back(self) -> list[Event]:
        """Restart this step when more than 3 s into it, else go to the previous one."""
        events = self.update()
        if self.state not in ("running", "paused"):
            return events
        now = self.active()
        into = now - self._start
        left = self._deadline - now
        target = self.index - 1 if into <= BACK_GRACE and self.index > 0 else self.index
        if self._hold_end is not None:
            self._end_hold(events, now, early=True)
            left = self._deadline - now
        self._leave(now)
        # What is still to do grows by the step(s) started again, less what this step had left.
        redo = sum(s.seconds for s in self.plan.steps[target : self.index + 1])
        self.extension_seconds += redo - left
        self._enter(events, target, at=now, remaining=self.plan.steps[target].seconds)
        return events

    def more(self) -> list[Event]:
        return self._change_time(TIME_STEP)

    def less(self) -> list[Event]:
        return self._change_time(-TIME_STEP)

    def _change_time(self, delta: float) -> list[Event]:
        events = self.update()
        if self.state not in ("running", "paused"):
            return events
        now = self.active()
        capped = False
        if delta > 0 and self._added + delta >= MAX_ADDED:
            delta = max(0.0, MAX_ADDED - self._added)
            capped = True
        floor = max(now, self._hold_end if self._hold_end is not None else now)
        deadline = max(self._deadline + delta, floor)
        change = deadline - self._deadline
        self._added += change
        self._move_deadline(deadline, now)
        self._emit(
            events,
            TimeChanged(
                t=self._at(now),
                step=self.step,
                index=self.index,
                delta=round(change, 3),
                remaining=self._left(),
                capped=True if capped else None,
                limit=MAX_ADDED if capped else None,
            ),
        )
        if self.state == "running":
            events.extend(self.update())
        elif self._deadline <= now:
            # Paused with nothing left: the step ends now and the next waits, paused.
            self.outcomes[self.index].finished = True
            self._advance(events, now)
        return events

    def hold(self) -> list[Event]:
        """Start a hot-spot hold in a work step; pressed again during a hold, release it.

        A move whose `hold` is 0 has no hot spot to hold: nothing happens there.
        """
        events = self.update()
        if self.state != "running" or self.step.kind != "work" or self.step.move.hold == 0:
            return events
        now = self.active()
        if self._hold_end is not None:
            self._end_hold(events, now, early=True)
            return events
        seconds = float(self.step.move.hold)
        self._hold_end = now + seconds
        self.outcomes[self.index].holds += 1
        before = self._deadline
        if self._hold_end > self._deadline:
            self._move_deadline(self._hold_end, now)
        self._hold_extension = self._deadline - before
        self._emit(
            events,
            HoldStarted(t=self._at(now), step=self.step, index=self.index, seconds=seconds),
        )
        return events

    def quit(self) -> list[Event]:
        events = self.update()
        if self.state in ("running", "paused"):
            now = self.active()
            if self._hold_end is not None:
                self._end_hold(events, now, early=True)
            self._leave(now)
            self._finish(events, now, "stopped")
        return events

    # ----- inside -----

    def _left(self) -> float:
        return round(max(0.0, self._deadline - self.active()), 3)

    def _at(self, active: float) -> float:
        """An event's `t` for a moment of active time: pauses so far included. While paused
        nothing falls due, so an event then happens now, the pause included. Never before the
        last event's: adding and taking away the pause total can differ by a rounding step."""
        paused = self.paused_seconds if self.state == "paused" else self._paused_total
        self._last_t = max(self._last_t, active + paused)
        return self._last_t

    def _emit(self, events: list[Event], event: Event) -> None:
        events.append(event)
        for listener in self._listeners:
            listener(event)

    def _move_deadline(self, deadline: float, now: float) -> None:
        self.extension_seconds += deadline - self._deadline
        self._deadline = deadline
        self._arm_countdown(now)

    def _arm_countdown(self, now: float) -> None:
        """The next countdown number still ahead of `now`, or 0 for none."""
        self._countdown_next = 0
        if self.step.kind in _COUNTED:
            ahead = [n for n in COUNTDOWN if self._deadline - n > now]
            self._countdown_next = max(ahead, default=0)

    def _end_hold(self, events: list[Event], at: float, *, early: bool) -> None:
        if early and self._hold_extension > 0:
            # Released before its end: give back the time the hold had added to the step.
            self._move_deadline(max(self._deadline - self._hold_extension, at), at)
        self._hold_end = None
        self._hold_extension = 0.0
        self._emit(events, HoldEnded(t=self._at(at), step=self.step, index=self.index, early=early))

    def _leave(self, at: float) -> None:
        self.outcomes[self.index].actual += at - self._visit

    def _advance(self, events: list[Event], at: float) -> None:
        self._leave(at)
        if self.index + 1 >= len(self.plan.steps):
            self._finish(events, at, "completed")
        else:
            self._enter(
                events, self.index + 1, at=at, remaining=self.plan.steps[self.index + 1].seconds
            )

    def _enter(
        self, events: list[Event], index: int, *, at: float, remaining: float, resumed: bool = False
    ) -> None:
        self.index = index
        step = self.plan.steps[index]
        # A step visited again (after back) counts by how this visit ends: a side skipped and
        # then redone in full is done, not skipped.
        self.outcomes[index].skipped = False
        self._start = at + remaining - step.seconds
        self._visit = at
        self._deadline = at + remaining
        self._hold_end = None
        self._hold_extension = 0.0
        self._added = 0.0
        halfway = self._start + step.seconds / 2
        wants_halfway = step.kind == "work" and step.seconds >= HALFWAY_MIN and halfway > at
        self._halfway_due = halfway if wants_halfway else None
        self._arm_countdown(at)
        self._emit(
            events,
            StepStarted(
                t=self._at(at),
                step=step,
                index=index,
                step_kind=step.kind,
                move=step.move.name,
                side=step.side,
                seconds=step.seconds,
                remaining=round(remaining, 3) if remaining < step.seconds else None,
                resumed=True if resumed else None,
            ),
        )

    def _finish(self, events: list[Event], at: float, status: Status) -> None:
        if self.state == "paused":
            self._paused_total += self.clock() - self._paused_at
        self.state = "finished"
        self._hold_end = None
        self.result = SessionResult(
            routine=self.routine_id,
            status=status,
            planned_seconds=self.plan.total_seconds,
            elapsed_seconds=self.carried_elapsed + at + self._paused_total,
            paused_seconds=self.carried_paused + self._paused_total,
            extension_seconds=self.extension_seconds,
            skipped_seconds=self.skipped_seconds,
            steps=self.outcomes,
        )
        self._emit(
            events,
            SessionFinished(t=self._at(at), step=self.step, status=status, result=self.result),
        )


def countdown_display(seconds: float) -> int:
    """Whole seconds as a countdown shows them: 2.1 s left reads 3."""
    return math.ceil(seconds - 1e-9) if seconds > 0 else 0

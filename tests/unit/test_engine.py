"""The session engine on a fake clock: every control, the edges, and clock jumps."""

from __future__ import annotations

import pytest

from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.events import Event
from unknot.core.plan import build_plan
from unknot.core.routine import Routine
from unknot.core.routine_file import RoutineFile


def routine(**overrides: object) -> Routine:
    data: dict[str, object] = {
        "name": "R",
        "summary": "s",
        "transition": 1,
        "switch": 1,
        "moves": [
            {"name": "Alpha", "duration": 2},
            {"name": "Bravo", "duration": 2, "sides": "each", "hold": 1},
            {"name": "Charlie", "duration": 2},
        ],
    }
    data.update(overrides)
    return RoutineFile.model_validate(data).to_routine()


LONG = routine(
    transition=10,
    moves=[
        {"name": "Long", "duration": 120, "hold": 25, "sides": "each"},
        {"name": "Short", "duration": 30},
    ],
)


class Recorder:
    def __init__(self, session: Session) -> None:
        self.events: list[Event] = []
        session.listen(self.events.append)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]


def started(r: Routine, clock: FakeClock) -> tuple[Session, Recorder]:
    session = Session(build_plan(r), clock=clock, routine_id="r")
    recorder = Recorder(session)
    session.start()
    return session, recorder


def test_runs_the_plan_on_time(clock: FakeClock) -> None:
    session, rec = started(routine(), clock)
    for _ in range(24):
        clock.advance(0.5)
        session.update()
    assert session.finished
    starts = [(e.t, e.fields["index"]) for e in rec.of("step_started")]
    assert starts == [(0, 0), (1, 1), (3, 2), (4, 3), (6, 4), (7, 5), (9, 6), (10, 7)]
    assert [e.fields["side"] for e in rec.of("step_started")][3:6] == ["left", None, "right"]
    assert rec.events[-1].kind == "session_finished"
    assert rec.events[-1].t == 12
    assert session.result is not None
    assert session.result.status == "completed"
    assert session.result.moves_done == 3


def test_a_clock_jump_replays_every_step_at_its_own_time(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(10_000)
    session.update()
    starts = [e.t for e in rec.of("step_started")]
    assert starts == [0, 10, 130, 131, 251, 261]
    assert [e.t for e in rec.of("halfway")] == [70, 191]
    countdowns = [(e.t, e.fields["n"]) for e in rec.of("countdown")]
    assert countdowns[:3] == [(7, 3), (8, 2), (9, 1)]
    assert [e.t for e in rec.events] == sorted(e.t for e in rec.events)
    assert rec.events[-1].t == 291


def test_late_updates_never_lose_a_countdown(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(8.7)  # crossed 3 and 2 in one go
    session.update()
    assert [(e.t, e.fields["n"]) for e in rec.of("countdown")] == [(7, 3), (8, 2)]


def test_pause_shifts_every_later_deadline(clock: FakeClock) -> None:
    session, rec = started(routine(), clock)
    clock.advance(0.5)
    session.toggle_pause()
    assert session.paused and rec.kinds()[-1] == "paused"
    clock.advance(5)
    assert session.remaining() == pytest.approx(0.5)
    assert session.update() == []
    session.toggle_pause()
    assert rec.kinds()[-1] == "resumed"
    clock.advance(100)
    session.update()
    starts = [e.t for e in rec.of("step_started")]
    assert starts == [0, 6, 8, 9, 11, 12, 14, 15]
    assert session.result is not None
    assert session.result.paused_seconds == pytest.approx(5)
    assert session.result.elapsed_seconds == pytest.approx(17)


def test_next_skips_the_rest_and_records_it(clock: FakeClock) -> None:
    session, rec = started(routine(), clock)
    clock.advance(0.25)
    session.next()
    assert session.index == 1
    assert rec.of("skipped")[0].fields["remaining"] == 0.75
    assert rec.of("step_started")[-1].t == 0.25
    assert session.remaining() == 2
    assert session.outcomes[0].skipped and session.outcomes[0].actual == 0.25


def test_next_on_the_last_step_finishes(clock: FakeClock) -> None:
    session, _rec = started(routine(), clock)
    for _ in range(7):
        session.next()
    assert session.index == 7
    session.next()
    assert session.finished
    assert session.result is not None
    assert session.result.status == "completed"
    assert session.result.moves_skipped == 3
    assert session.result.moves_done == 0
    assert session.next() == []  # nothing after the end


def test_back_restarts_or_goes_to_previous(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(12)  # 2 s into the first work step
    session.back()
    assert session.index == 0 and session.remaining() == 10
    clock.advance(10 + 5)  # 5 s into the work step
    session.update()
    session.back()
    assert session.index == 1 and session.remaining() == 120
    assert rec.of("step_started")[-1].fields.get("remaining") is None


def test_back_on_the_first_step_restarts_it(clock: FakeClock) -> None:
    session, _ = started(routine(), clock)
    clock.advance(0.5)
    session.back()
    assert session.index == 0 and session.remaining() == 1


def test_controls_while_paused_keep_it_paused(clock: FakeClock) -> None:
    session, rec = started(routine(), clock)
    session.pause()
    session.next()
    assert session.index == 1 and session.paused
    session.back()
    assert session.index == 0 and session.paused
    clock.advance(30)
    session.update()
    assert session.index == 0 and session.remaining() == 1
    session.resume()
    clock.advance(1)
    session.update()
    assert session.index == 1
    assert rec.of("step_started")[-1].t == 31


def test_more_and_less(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    session.more()
    assert session.remaining() == 40
    assert rec.of("time_changed")[-1].fields["delta"] == 30
    session.less()
    session.less()
    assert session.index == 1  # 10 s left, less took them all: the step ended
    assert rec.of("time_changed")[-1].fields["delta"] == -10
    assert session.extension_seconds == 30 - 30 - 10


def test_less_while_paused_never_goes_below_zero(clock: FakeClock) -> None:
    session, _ = started(LONG, clock)
    session.pause()
    session.less()
    assert session.index == 1 and session.paused
    assert session.remaining() == 120


def test_hold_counts_down_and_extends_a_step_end(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(10 + 110)  # 10 s left in the left side
    session.update()
    session.hold()
    assert session.hold_remaining() == 25
    assert session.remaining() == 25  # extended so the step never ends mid-hold
    clock.advance(24.5)
    session.update()
    assert session.index == 1 and session.hold_remaining() == pytest.approx(0.5)
    clock.advance(0.5)
    session.update()
    assert rec.kinds()[-2:] == ["hold_ended", "step_started"]
    assert rec.of("hold_ended")[0].t == 145 and rec.of("step_started")[-1].t == 145
    assert session.outcomes[1].holds == 1
    assert session.extension_seconds == 15


def test_several_holds_and_early_release(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(20)
    session.update()
    session.hold()
    clock.advance(25)
    session.update()
    session.hold()
    clock.advance(3)
    session.hold()  # pressed again: released early
    assert rec.of("hold_ended")[-1].fields["early"] is True
    assert session.outcomes[1].holds == 2
    assert session.hold_remaining() is None


def test_early_release_gives_back_the_extension(clock: FakeClock) -> None:
    session, _ = started(LONG, clock)
    clock.advance(10 + 115)
    session.update()
    session.hold()
    assert session.remaining() == 25
    clock.advance(5)
    session.hold()
    assert session.remaining() == 0
    session.update()
    assert session.index == 2


def test_hold_only_in_work_steps(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    session.hold()
    assert rec.of("hold_started") == []


def test_a_move_without_a_hold_ignores_the_hold_control(clock: FakeClock) -> None:
    session, rec = started(routine(moves=[{"name": "Neck", "duration": 60, "hold": "0s"}]), clock)
    clock.advance(1 + 10)
    session.update()
    assert session.step.kind == "work"
    session.hold()
    assert rec.of("hold_started") == [] and session.hold_remaining() is None
    assert session.remaining() == 50 and session.outcomes[1].holds == 0


def test_pause_during_a_hold_freezes_it(clock: FakeClock) -> None:
    session, _ = started(LONG, clock)
    clock.advance(20)
    session.update()
    session.hold()
    clock.advance(5)
    session.pause()
    clock.advance(60)
    assert session.hold_remaining() == 20
    session.resume()
    clock.advance(20)
    session.update()
    assert session.hold_remaining() is None


def test_quit_records_a_partial_session(clock: FakeClock) -> None:
    session, rec = started(LONG, clock)
    clock.advance(40)
    session.update()
    session.pause()
    clock.advance(5)
    session.quit()
    assert session.finished and rec.kinds()[-1] == "session_finished"
    assert session.result is not None
    assert session.result.status == "stopped"
    assert session.result.elapsed_seconds == 45
    assert session.result.steps[1].actual == 30
    assert rec.events[-1].fields["status"] == "stopped"


def test_start_part_way_for_a_resumed_session(clock: FakeClock) -> None:
    session = Session(build_plan(LONG), clock=clock)
    rec = Recorder(session)
    session.start(index=3, remaining=70.4)
    first = rec.of("step_started")[0]
    assert first.fields["resumed"] is True and first.fields["remaining"] == 70.4
    assert first.fields["index"] == 3
    clock.advance(1000)
    session.update()
    # 49.6 s into a 120 s step: its halfway point is still 10.4 s ahead.
    assert rec.of("halfway")[0].t == pytest.approx(10.4)
    assert rec.events[-1].t == pytest.approx(70.4 + 10 + 30)


def test_halfway_only_for_long_work_steps(clock: FakeClock) -> None:
    session, rec = started(routine(), clock)
    clock.advance(100)
    session.update()
    assert rec.of("halfway") == []


def test_next_due_is_the_next_deadline_or_cue(clock: FakeClock) -> None:
    session, _ = started(LONG, clock)
    assert session.next_due() == clock.now + 7  # countdown 3 of the 10 s transition
    session.pause()
    assert session.next_due() is None


def _redo_left_side(clock: FakeClock, finish_redo: str) -> Session:
    """Skip the left side of Bravo, go back to it from the right side, and do it again."""
    session = Session(build_plan(routine()), clock=clock)
    session.start()
    clock.advance(4.5)  # 0.5 s into Bravo's left side (step 3)
    session.update()
    assert session.index == 3
    session.next()
    clock.advance(1.5)  # the switch (1 s), then 0.5 s into the right side
    session.update()
    assert session.index == 5
    session.back()  # to the switch
    session.back()  # to the left side
    assert session.index == 3
    if finish_redo == "time":
        clock.advance(2)
    else:  # paused, then "less" until nothing is left: the step ends, done
        session.pause()
        session.less()
        session.resume()
    session.update()
    assert session.index == 4
    clock.advance(100)
    session.update()
    return session


@pytest.mark.parametrize("finish_redo", ["time", "less while paused"])
def test_a_skipped_side_done_again_counts_as_done(clock: FakeClock, finish_redo: str) -> None:
    result = _redo_left_side(clock, finish_redo).result
    assert result is not None
    assert (result.moves_done, result.moves_skipped) == (3, 0)
    assert not any(o.skipped for o in result.steps)


def test_more_adds_at_most_ten_minutes_to_a_step(clock: FakeClock) -> None:
    from unknot.core.engine import MAX_ADDED
    from unknot.plain.lines import describe

    assert MAX_ADDED == 600
    session, rec = started(LONG, clock)  # a 10 s get-ready step
    for _ in range(19):
        session.more()
    assert session.remaining() == 10 + 19 * 30
    assert not any(e.fields.get("capped") for e in rec.of("time_changed"))
    session.more()  # the twentieth reaches the cap, and says so
    last = rec.of("time_changed")[-1]
    assert last.fields["delta"] == 30 and last.fields["capped"] is True
    assert describe(last) == "+30 s - 10:10 left (at most 10:00 can be added to a step)"
    for _ in range(300):
        session.more()
    assert session.remaining() == 10 + 600
    last = rec.of("time_changed")[-1]
    assert last.fields["delta"] == 0 and last.fields["capped"] is True
    session.less()
    session.more()  # room for 30 s again
    assert session.remaining() == 10 + 600
    clock.advance(610)
    session.update()  # the next step starts with its own ten minutes of room
    assert session.index == 1
    session.more()
    assert session.remaining() == 150


class TickingClock(FakeClock):
    """A clock that, once set going, moves on by 10 ms each time it is read, as a real one can
    between two readings on a busy machine."""

    tick = 0.0

    def __call__(self) -> float:
        self.advance(self.tick)
        return super().__call__()


def test_a_paused_step_stands_still_however_its_clock_is_read() -> None:
    clock = TickingClock()
    session = Session(build_plan(LONG), clock=clock)
    session.start()
    session.next()  # into Long's left side: 120 s
    session.pause()
    clock.tick = 0.01
    readings = [session.remaining() for _ in range(5)]
    # Never more than the step's length: 120.01 s would show 2:01 on a 2:00 step.
    assert readings == [120.0] * 5
    assert session.active() == session.active()

"""Fitting a routine to a number of minutes: properties over random routines, and the edges."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.core.fit import (
    MinutesError,
    TooShort,
    fit,
    least_seconds,
    parse_minutes,
    priority_order,
)
from unknot.core.plan import build_plan
from unknot.core.routine import Move, Routine


@st.composite
def moves(draw: st.DrawFn) -> Move:
    duration = draw(st.integers(1, 600))
    minimum = draw(st.one_of(st.none(), st.integers(1, duration)))
    return Move(
        name=draw(st.sampled_from(["Calves", "Glutes", "IT band", "Feet", "Quads"])),
        duration=duration,
        sides=draw(st.sampled_from(["each", "none"])),
        min_seconds=minimum,
        priority=draw(st.one_of(st.none(), st.integers(1, 20))),
    )


routines = st.builds(
    Routine,
    name=st.just("R"),
    summary=st.just("s"),
    moves=st.lists(moves(), min_size=1, max_size=12).map(tuple),
    transition=st.integers(1, 30),
    switch=st.integers(1, 15),
)


@settings(max_examples=300, deadline=None)
@given(routine=routines, minutes=st.integers(1, 180 * 60))
def test_any_feasible_fit_hits_the_time_keeps_minimums_order_and_starts(
    routine: Routine, minutes: int
) -> None:
    seconds = minutes  # any whole number of seconds up to 180 min
    try:
        fitted = fit(routine, seconds)
    except TooShort as exc:
        first = routine.moves[priority_order(routine.moves)[0]]
        assert least_seconds(routine, (first,)) > seconds
        assert exc.minutes * 60 >= least_seconds(routine, (first,)) > (exc.minutes - 1) * 60
        return
    plan = build_plan(fitted.routine)
    assert abs(plan.total_seconds - seconds) <= 5
    kept = fitted.routine.moves
    assert len(kept) + len(fitted.notes) == len(routine.moves)
    # Order kept: the kept moves are a subsequence of the routine's, at their minimum or above.
    assert list(fitted.kept) == sorted(fitted.kept)
    for move, where in zip(kept, fitted.kept, strict=True):
        assert move.name == routine.moves[where].name
        assert move.duration >= routine.moves[where].minimum
    previous = None
    for step in plan.steps:
        if previous is not None:
            assert step.start == previous.start + previous.seconds
        previous = step
    assert plan.steps[0].start == 0


@settings(max_examples=200, deadline=None)
@given(routine=routines, extra=st.integers(0, 3 * 60 * 60))
def test_a_time_the_minimums_fit_drops_nothing(routine: Routine, extra: int) -> None:
    seconds = least_seconds(routine, routine.moves) + extra
    fitted = fit(routine, seconds)
    assert fitted.notes == ()
    assert len(fitted.routine.moves) == len(routine.moves)
    assert abs(build_plan(fitted.routine).total_seconds - seconds) <= 5


def _routine(*moves: Move) -> Routine:
    return Routine(name="R", summary="s", moves=moves, transition=10, switch=5)


def test_shares_stay_in_proportion() -> None:
    routine = _routine(Move("A", 60), Move("B", 120), Move("C", 180))
    fitted = fit(routine, 30 + 720)  # twice the work
    assert [m.duration for m in fitted.routine.moves] == [120, 240, 360]


def test_a_move_at_its_floor_leaves_the_rest_to_the_others() -> None:
    routine = _routine(Move("A", 60, min_seconds=50), Move("B", 300))
    fitted = fit(routine, 20 + 250)
    assert [m.duration for m in fitted.routine.moves] == [50, 200]


def test_drops_go_by_priority_with_a_note_each() -> None:
    routine = _routine(
        Move("A", 60, priority=3), Move("B", 60, priority=1), Move("C", 60, priority=2)
    )
    fitted = fit(routine, 2 * (10 + 30))
    assert [m.name for m in fitted.routine.moves] == ["B", "C"]
    assert len(fitted.notes) == 1
    assert fitted.notes[0].startswith("dropped A: 1 min 20 s leaves no room for it")


def test_too_short_for_the_first_move_names_the_fewest_minutes() -> None:
    routine = _routine(Move("A", 200, sides="each"), Move("B", 60))
    with pytest.raises(TooShort) as caught:
        fit(routine, 60)
    assert caught.value.minutes == math.ceil((10 + 5 + 2 * 100) / 60)
    assert "needs at least 4 min" in str(caught.value)
    fit(routine, caught.value.minutes * 60)  # and that many do work


@pytest.mark.parametrize("text", ["0", "-3", "181", "abc", "", "nan", "inf", "1e9"])
def test_minutes_out_of_range_or_not_numbers_are_refused(text: str) -> None:
    with pytest.raises(MinutesError, match=r"--minutes: .*at most 180"):
        parse_minutes(text)


def test_minutes_accept_fractions() -> None:
    assert parse_minutes("12.5") == 12.5
    assert parse_minutes("180") == 180

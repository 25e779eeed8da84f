"""The vocabulary of controls: defined once, applied by value, and every way in covers all of it."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from unknot.core.clock import FakeClock
from unknot.core.controls import INFO, VOCABULARY, Control, parse, words_hint
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.routine import Routine
from unknot.data.library import find
from unknot.tui.keys import CONTROL_KEYS, SESSION_KEYS


def session(clock: FakeClock) -> Session:
    routine: Routine = find("pre-run-five-muscles").routine
    engine = Session(build_plan(routine), clock=clock, routine_id="r", routine_name="R")
    engine.start()
    return engine


def test_every_control_is_described_once_with_words_and_help() -> None:
    assert [info.control for info in VOCABULARY] == sorted(Control, key=list(INFO).index)
    assert set(INFO) == set(Control)
    words = [word for info in VOCABULARY for word in info.words]
    assert len(words) == len(set(words))  # no word names two controls
    for info in VOCABULARY:
        assert info.words[0] == info.control.value and info.help and info.label


def test_plain_words_cover_the_vocabulary() -> None:
    for control in Control:
        assert parse(control.value) is control
        assert parse(f"  {control.value.upper()} ") is control
    assert parse("p") is Control.TOGGLE and parse("q") is Control.STOP
    assert parse("jump") is None and parse("") is None
    assert words_hint() == "p, pause, resume, n, b, h, +, - or q"


def test_the_session_keys_cover_the_vocabulary() -> None:
    assert set(CONTROL_KEYS) == set(Control)
    actions = {b.action for b in SESSION_KEYS if isinstance(b, Binding)}
    for control in Control:
        assert f"control('{control.value}')" in actions


@pytest.mark.parametrize("control", list(Control))
def test_the_engine_applies_each_control_by_value(control: Control) -> None:
    clock = FakeClock()
    engine = session(clock)
    clock.advance(30)
    engine.update()
    before = (engine.index, engine.state, engine.remaining(), engine.hold_remaining())
    engine.apply(control)
    after = (engine.index, engine.state, engine.remaining(), engine.hold_remaining())
    if control is Control.RESUME:
        assert after == before  # already running: nothing to resume
    else:
        assert after != before, control


def test_pause_and_resume_are_idempotent_and_toggle_flips() -> None:
    clock = FakeClock()
    engine = session(clock)
    assert engine.apply(Control.RESUME) == [] and engine.state == "running"
    engine.apply(Control.PAUSE)
    assert engine.apply(Control.PAUSE) == [] and engine.paused
    engine.apply(Control.TOGGLE)
    assert engine.state == "running"
    engine.apply(Control.TOGGLE)
    assert engine.paused
    engine.apply(Control.RESUME)
    assert engine.apply(Control.RESUME) == [] and engine.state == "running"

"""The vocabulary of controls: defined once, applied by value, and every way in covers all of it."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from unknot.core.clock import FakeClock
from unknot.core.controls import (
    INFO,
    VOCABULARY,
    Command,
    CommandError,
    Control,
    from_json,
    parse,
    rating,
    words_hint,
)
from unknot.core.engine import Session
from unknot.core.events import Rated
from unknot.core.plan import build_plan
from unknot.core.routine import Routine
from unknot.data.library import find
from unknot.desktop.media_keys import MPRIS_CONTROLS, NO_MEDIA_KEY
from unknot.remote.state import COMMANDS, page_controls
from unknot.tui.keys import CONTROL_KEYS, RATING_KEYS, SESSION_KEYS

# What each control needs to be whole: rate takes a side and a score, the others nothing.
ARGS = {Control.RATE: " left 7"}


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
        words = control.value + ARGS.get(control, "")
        assert parse(words) == from_json(json_of(control))
        assert parse(f"  {words.upper()} ") is not None
        assert parse(words).control is control  # type: ignore[union-attr]
    assert parse("p") == Command(Control.TOGGLE) and parse("q") == Command(Control.STOP)
    assert parse("jump") is None and parse("") is None
    assert words_hint() == "p, pause, resume, n, b, h, +, -, q or rate"


def json_of(control: Control) -> dict[str, object]:
    return {"command": control.value, **({"side": "left", "score": 7} if ARGS.get(control) else {})}


def test_rate_takes_a_side_and_a_score_the_same_way_from_words_json_and_keys() -> None:
    assert parse("rate left 7") == Command(Control.RATE, "left", 7) == rating("left", 7)
    assert parse("rate right 3") == from_json({"command": "rate", "side": "right", "score": 3})
    assert parse("rate 5") == Command(Control.RATE, None, 5) == rating(None, 5)
    assert parse("rate 10") == Command(Control.RATE, None, 10)
    bad = [
        "rate left 11",
        "rate middle 3",
        "rate",
        "rate left",
        "rate -1",
        "rate 7.5",
        "rate l 7 x",
    ]
    for line in bad:
        with pytest.raises(CommandError) as told:
            parse(line)
        assert "\n" not in str(told.value) and "rate" in str(told.value), line
    for body in (
        {"command": "rate", "score": 11},
        {"command": "rate", "score": True},
        {"command": "rate", "side": "up", "score": 2},
        {"command": "rate"},
    ):
        with pytest.raises(CommandError):
            from_json(body)
    with pytest.raises(CommandError, match="pause takes nothing"):
        parse("pause now")
    assert from_json({"command": "jump"}) is None and from_json({}) is None


def test_the_session_keys_cover_the_vocabulary() -> None:
    assert set(CONTROL_KEYS) == set(Control)
    actions = {b.action for b in SESSION_KEYS if isinstance(b, Binding)}
    for control in Control:
        if control is Control.RATE:
            for score in range(11):
                assert f"control('rate', {score})" in actions
        else:
            assert f"control('{control.value}')" in actions
    assert sorted(RATING_KEYS.values()) == list(range(11))


def test_the_remote_and_the_media_keys_cover_the_vocabulary() -> None:
    assert set(COMMANDS) == {c.value for c in Control}
    page = {c["command"]: c for c in page_controls()}
    assert page["rate"]["scores"] == list(range(11))  # the page's 0-10 buttons
    assert set(MPRIS_CONTROLS.values()) | NO_MEDIA_KEY == set(Control)
    assert not set(MPRIS_CONTROLS.values()) & NO_MEDIA_KEY


@pytest.mark.parametrize("control", list(Control))
def test_the_engine_applies_each_control_by_value(control: Control) -> None:
    clock = FakeClock()
    engine = session(clock)
    clock.advance(30)
    engine.update()
    before = (engine.index, engine.state, engine.remaining(), engine.hold_remaining())
    events = engine.apply(parse(control.value + ARGS.get(control, "")) or control)
    after = (engine.index, engine.state, engine.remaining(), engine.hold_remaining())
    if control is Control.RESUME:
        assert after == before  # already running: nothing to resume
    elif control is Control.RATE:
        assert after == before  # a rating never pauses or moves the clock
        [rated] = events
        assert isinstance(rated, Rated)
        assert rated.to_json() == {
            "t": 30.0,
            "event": "rated",
            "index": engine.index,
            "move": engine.step.move.name,
            "area": "it-band",
            "side": "left",
            "score": 7,
            "when": "after",
        }
    else:
        assert after != before, control


def test_ratings_before_and_after_and_what_is_refused() -> None:
    clock = FakeClock()
    engine = session(clock)  # first: get ready for the IT band (two sides)
    assert engine.step.kind == "transition"
    [left] = engine.apply(rating("left", 6))
    [right] = engine.apply(rating("right", 2))
    assert (left.when, right.when) == ("before", "before")  # type: ignore[attr-defined]
    state = (engine.index, engine.remaining(), engine.state)
    for bad, why in ((rating(None, 5), "two sides"),):
        with pytest.raises(CommandError, match=why):
            engine.apply(bad)
    assert (engine.index, engine.remaining(), engine.state) == state
    engine.apply(Control.PAUSE)
    [paused] = engine.apply(rating("left", 4))  # paused: still taken, still paused
    assert engine.paused and paused.t == 0.0
    engine.apply(Control.STOP)
    with pytest.raises(CommandError, match="no move is current"):
        engine.apply(rating("left", 4))


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

"""The body log: ratings kept in history, the migration that adds them, and what they say."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import ROOT
from unknot.core.clock import FakeClock
from unknot.core.controls import CommandError, rating
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.ratings import Rating, RatingOpen, rating_open, side_to_rate, trend
from unknot.core.routine import Side
from unknot.data.library import find
from unknot.history.ratings import ratings, save_rating
from unknot.history.recorder import Recorder
from unknot.history.schema import SCHEMA_VERSION
from unknot.history.store import History

FIXTURE = ROOT / "tests" / "fixtures" / "history-before-ratings.sqlite3"


def test_a_history_from_the_release_before_ratings_is_migrated_in_place(tmp_path: Path) -> None:
    """The fixture was written by today's release (schema 2, before ratings) through its own
    History and Recorder, and committed before the schema changed: two sessions and their steps.
    Opening it migrates it in place, keeping every row, and ratings can then be stored."""
    db = tmp_path / "history.sqlite3"
    shutil.copy(FIXTURE, db)
    with closing(sqlite3.connect(db)) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 2
        sessions = old.execute("SELECT * FROM sessions ORDER BY id").fetchall()
        steps = old.execute("SELECT * FROM steps ORDER BY session_id, idx").fetchall()
    assert len(sessions) == 2 and len(steps) > 10
    history = History(db)
    assert history.set_aside is None and history.enabled
    listed = history.sessions()
    assert [r.status for r in listed] == ["stopped", "completed"]
    assert save_rating(history, 1, area="calves", side="left", when="before", score=6)
    history.close()
    with closing(sqlite3.connect(db)) as new:
        assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        # Every row as it was; columns a migration added (the fit, schema 3) come after them.
        migrated = new.execute("SELECT * FROM sessions ORDER BY id").fetchall()
        assert [row[: len(sessions[0])] for row in migrated] == sessions
        assert new.execute("SELECT * FROM steps ORDER BY session_id, idx").fetchall() == steps
        assert new.execute("SELECT area, side, score FROM ratings").fetchall() == [
            ("calves", "left", 6)
        ]
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_history_newer_than_the_program_is_refused_never_rewritten(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    shutil.copy(FIXTURE, db)
    with closing(sqlite3.connect(db)) as newer:
        newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        newer.commit()
    before = db.read_bytes()
    told: list[str] = []
    History(db, notify=told.append).close()
    [aside] = tmp_path.glob("history.sqlite3.corrupt-*")
    assert aside.read_bytes() == before and "newer" in told[0]


def test_ratings_given_in_a_session_are_stored_as_they_come(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = tmp_path / "h.sqlite3"
    entry = find("pre-run-five-muscles")
    history = History(db)
    engine = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    Recorder(history, engine, entry)
    engine.start()
    engine.apply(rating("left", 6))
    engine.apply(rating("right", 3))
    engine.apply(rating("left", 5))  # a correction: replaces the first
    with pytest.raises(CommandError):
        engine.apply(rating(None, 4))
    clock.advance(15)
    engine.update()  # the left side's work step
    engine.apply(rating("left", 4))
    kept = ratings(history)
    history.close()
    assert [(r.area, r.side, r.when, r.score) for r in kept] == [
        ("it-band", "right", "before", 3),
        ("it-band", "left", "before", 5),
        ("it-band", "left", "after", 4),
    ]


def _log(pairs: list[tuple[int, int]]) -> list[Rating]:
    out = []
    for n, (left, right) in enumerate(pairs):
        at = f"2026-01-{n + 1:02d}T10:00:00+00:00"
        out += [
            Rating(n, at, "r", "calves", "left", "before", left),
            Rating(n, at, "r", "calves", "right", "before", right),
            Rating(n, at, "r", "calves", "left", "after", 1),  # after: not what is compared
        ]
    return out


def test_a_side_sorer_by_two_points_in_three_of_the_last_four_sessions_is_flagged() -> None:
    calves = trend("calves", _log([(6, 2), (7, 3), (6, 4), (7, 4)]))
    assert (calves.flagged, calves.sorer, calves.mean_difference) == (True, "left", 3.25)
    assert [s for _, s in calves.left] == [6, 1, 7, 1, 6, 1, 7, 1]
    # Only two of the last four differ by 2: not flagged; an older difference is not counted.
    even = trend("calves", _log([(9, 1), (9, 1), (5, 4), (6, 4), (5, 5), (7, 4)]))
    assert (even.flagged, even.sorer) == (False, None)
    # Sorer on different sides by turns is not an asymmetry.
    turns = trend("calves", _log([(6, 2), (2, 6), (6, 2), (3, 6)]))
    assert not turns.flagged
    assert trend("feet", []).mean_difference is None


def test_the_digits_rate_left_then_right_before_and_the_side_shown_after() -> None:
    plan = build_plan(find("pre-run-five-muscles").routine)
    ready, left, switch, right = plan.steps[:4]
    assert side_to_rate(ready, []) == "left"
    assert side_to_rate(ready, ["left"]) == "right"
    assert side_to_rate(ready, ["left", "right"]) == "left"  # again: a correction, left first
    assert (side_to_rate(left, []), side_to_rate(switch, []), side_to_rate(right, [])) == (
        "left",
        "left",
        "right",
    )


def test_a_session_with_ratings_ends_when_the_same_session_without_them_does() -> None:
    plan = build_plan(find("pre-run-five-muscles").routine)
    ends = []
    for rate in (False, True):
        clock = FakeClock()
        engine = Session(plan, clock=clock, routine_id="r")
        engine.start()
        while not engine.finished:
            if rate and engine.step.move.sides == "each":
                engine.apply(rating(side_to_rate(engine.step, []), 4))
            clock.advance(1.0)
            engine.update()
        assert engine.result is not None
        ends.append((engine.result.elapsed_seconds, engine.result.active_seconds))
    assert abs(ends[0][0] - ends[1][0]) <= 0.02 and ends[0] == ends[1]


def test_a_rating_is_invited_before_a_move_and_in_its_last_work_step_only() -> None:
    steps = build_plan(find("pre-run-five-muscles").routine).steps
    offers = [(s.kind, s.side, rating_open(steps, s.index)) for s in steps[:5]]
    move = steps[0].move.name
    both: tuple[Side | None, ...] = ("left", "right")
    assert offers == [
        ("transition", None, RatingOpen("before", move, both)),
        ("work", "left", None),
        ("switch", None, None),
        ("work", "right", RatingOpen("after", move, both)),
        ("transition", None, RatingOpen("before", steps[4].move.name, both)),
    ]
    last = steps[-1]
    assert rating_open(steps, last.index) is not None  # the session's last move: "after"

"""History on real SQLite files: finished, quit, killed, corrupt, newer, full, read while running."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import ROOT
from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.data.library import Entry, find
from unknot.history.recorder import Recorder
from unknot.history.resume import choose_resume
from unknot.history.rows import SessionRow
from unknot.history.schema import MIGRATIONS, SCHEMA_VERSION
from unknot.history.stats import bar_chart, week_figures
from unknot.history.store import History


def run(db: Path, entry: Entry, clock: FakeClock, script: list[tuple[str, float]]) -> Session:
    history = History(db)
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(history, session, entry)
    session.start()
    for action, wait in script:
        clock.advance(wait)
        getattr(session, action)()
        recorder.tick()
    history.close()
    return session


@pytest.fixture
def entry(twelve: Path) -> Entry:
    return find(str(twelve))


def rows(db: Path) -> list[SessionRow]:
    history = History(db)
    try:
        return history.sessions()
    finally:
        history.close()


def test_a_finished_session(tmp_path: Path, entry: Entry, clock: FakeClock) -> None:
    db = tmp_path / "h.sqlite3"
    run(db, entry, clock, [("update", 1.5), ("hold", 0), ("update", 100)])
    [row] = rows(db)
    assert row.status == "completed"
    assert (row.moves_done, row.moves_skipped, row.moves_total, row.holds) == (3, 0, 3, 1)
    assert row.active_seconds == pytest.approx(12 + 23.5)  # a 25 s hold from 1.5 s ends at 26.5 s
    with sqlite3.connect(db) as raw:
        # No WAL: its -shm index is memory-mapped, and a failed write to it is a SIGBUS.
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 8
    assert not db.with_name(db.name + "-shm").exists()


def test_a_session_ended_with_q(tmp_path: Path, entry: Entry, clock: FakeClock) -> None:
    db = tmp_path / "h.sqlite3"
    run(db, entry, clock, [("next", 0.2), ("next", 0.3), ("update", 2), ("quit", 1.5)])
    [row] = rows(db)
    assert row.status == "stopped"
    assert (row.moves_done, row.moves_skipped) == (0, 1)
    assert row.active_seconds == pytest.approx(4.0)


KILLED = textwrap.dedent(
    """
    import os, signal, sys, time
    from unknot.core.engine import Session
    from unknot.history.store import History
    from unknot.data.library import find
    from unknot.core.plan import build_plan
    from unknot.history.recorder import Recorder
    entry = find(sys.argv[1])
    history = History(__import__("pathlib").Path(sys.argv[2]))
    session = Session(build_plan(entry.routine), routine_id=entry.id)
    recorder = Recorder(history, session, entry)
    session.start()
    while True:
        session.update()
        recorder.tick()
        if session.index == 3 and session.remaining() <= 1.0:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.01)
    """
)


@pytest.mark.slow
def test_sigkill_mid_step_keeps_the_place(tmp_path: Path, entry: Entry, clock: FakeClock) -> None:
    db = tmp_path / "h.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED, str(entry.path), str(db)], cwd=ROOT, timeout=30, check=False
    )
    assert proc.returncode == -9
    [row] = rows(db)
    assert row.status == "interrupted"
    assert row.step_index == 3
    # The kill comes in the loop turn after remaining() reached 1.0, and a checkpoint may fall
    # in that same turn: hence a little under 1.0.
    assert row.step_remaining is not None and 0.95 <= row.step_remaining <= 1.6
    # Resuming puts the session back at step 3 with at most a second more than was left.
    history = History(db)
    choice = choose_resume(history, entry, resume=True, fresh=False)
    assert choice.row is not None and choice.start[0] == 3
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(history, session, entry, resume=choice.row)
    first = session.start(*choice.start)[1]
    assert first.fields["resumed"] is True and first.fields["index"] == 3
    assert 0.95 <= float(first.fields["remaining"]) <= 1.6  # type: ignore[arg-type]
    clock.advance(100)
    session.update()
    recorder.tick()
    history.close()
    [row] = rows(db)
    assert row.status == "completed" and row.moves_done == 3


def test_a_corrupt_file_is_set_aside_intact(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    junk = b"this is not a database\x00" * 100
    db.write_bytes(junk)
    told: list[str] = []
    history = History(db, notify=told.append)
    assert history.enabled and history.set_aside is not None
    assert history.set_aside.name.startswith("history.sqlite3.corrupt-")
    assert history.set_aside.read_bytes() == junk
    assert len(told) == 1 and str(history.set_aside) in told[0]
    assert history.begin(
        routine_id="r", routine_name="R", digest="d", moves_total=1, planned_seconds=1
    )
    history.close()


def test_a_newer_schema_is_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    history = History(db)
    assert history.set_aside is not None and history.set_aside.read_bytes() == before
    history.close()


def test_reading_while_a_session_runs(tmp_path: Path, entry: Entry, clock: FakeClock) -> None:
    db = tmp_path / "h.sqlite3"
    writer = History(db)
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(writer, session, entry)
    session.start()
    clock.advance(4.5)
    session.update()
    recorder.tick()
    [row] = rows(db)  # a second connection, as `unknot history` would open
    assert row.status == "running" and row.step_index == 3
    clock.advance(100)
    session.update()
    [row] = rows(db)
    assert row.status == "completed"
    writer.close()


def test_unwritable_folder_turns_history_off_once(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    told: list[str] = []
    history = History(blocker / "sub" / "history.sqlite3", notify=told.append)
    assert not history.enabled
    assert (
        history.begin(
            routine_id="r", routine_name="R", digest="d", moves_total=1, planned_seconds=1
        )
        is None
    )
    assert history.sessions() == []
    assert len(told) == 1 and "history is off" in told[0]


def test_a_full_database_turns_history_off_once(
    tmp_path: Path, entry: Entry, clock: FakeClock
) -> None:
    db = tmp_path / "h.sqlite3"
    told: list[str] = []
    history = History(db, notify=told.append)
    assert history.db is not None
    pages = history.db.execute("PRAGMA page_count").fetchone()[0]
    history.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is nearly full
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(history, session, entry)
    session.start()
    writes = 0
    while history.enabled and writes < 10_000:
        history.begin(
            routine_id="pad", routine_name="x" * 500, digest="d", moves_total=1, planned_seconds=1
        )
        writes += 1
    assert not history.enabled and writes < 10_000
    for _ in range(30):
        clock.advance(1)
        session.update()
        recorder.tick()
    assert session.finished  # the session ran to the end regardless
    assert len(told) == 1 and "full" in told[0]
    # The front end can tell that the end was not saved, and say so on its summary.
    assert recorder.final_write_failed
    assert recorder.final_message is not None
    assert "could not be saved (database or disk is full)" in recorder.final_message
    history.close()
    # With room again, the next start writes the end from the record kept aside.
    [row] = [r for r in rows(db) if r.routine_id == entry.id]
    assert row.status == "completed"


def _row(status: str, when: datetime, moves_done: int = 1) -> SessionRow:
    return SessionRow(
        1, "r", "R", "d", when.isoformat(), None, status, 1, 60, 60, 0, 0, None, moves_done, 0, 0
    )


def test_week_figures_and_streak() -> None:
    now = datetime(2026, 11, 19, 12, tzinfo=UTC)  # a Thursday
    done = [
        _row("completed", now - timedelta(days=1)),
        _row("completed", now - timedelta(days=7)),
        _row("completed", now - timedelta(days=8)),
        _row("completed", now - timedelta(days=14)),
        _row("completed", now - timedelta(days=15)),
        _row("stopped", now - timedelta(days=2)),
        _row("completed", now - timedelta(days=28)),
        # Every move skipped: a session of 31 seconds that did nothing counts towards no goal.
        _row("completed", now - timedelta(days=1), moves_done=0),
    ]
    figures = week_figures(done, goal=2, now=now)
    assert (figures.this_week, figures.goal, figures.streak) == (1, 2, 2)
    assert figures.goal_line() == "1 of 2 sessions, 1 to go"
    assert week_figures(done, goal=1, now=now).streak == 3
    assert week_figures(done, goal=1, now=now).goal_line() == "1 of 1 session: goal met"


def test_bar_chart() -> None:
    lines = bar_chart({"Calves": 600, "Outer thigh": 300, "Feet": 25}, width=10)
    assert lines[0] == "Calves      ██████████ 10 min"
    assert lines[1] == "Outer thigh █████ 5 min"
    assert lines[2] == "Feet        ▏ 25 s"  # not a bar beside "0 min"


def test_a_skipped_side_redone_is_saved_as_done(
    tmp_path: Path, entry: Entry, clock: FakeClock
) -> None:
    db = tmp_path / "h.sqlite3"
    script = [("update", 4.5), ("next", 0), ("update", 1.5), ("back", 0), ("back", 0)]
    script += [("pause", 0), ("less", 0), ("resume", 0), ("update", 100)]
    session = run(db, entry, clock, script)
    assert session.result is not None and session.result.moves_skipped == 0
    [row] = rows(db)
    assert (row.status, row.moves_done, row.moves_skipped) == ("completed", 3, 0)


def test_a_wal_history_from_before_is_turned_to_a_rollback_journal(
    tmp_path: Path, entry: Entry, clock: FakeClock
) -> None:
    db = tmp_path / "h.sqlite3"
    run(db, entry, clock, [("update", 100)])
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
    keep = sqlite3.connect(db)  # held open, so the WAL index stays
    keep.execute("SELECT COUNT(*) FROM sessions").fetchone()
    assert db.with_name(db.name + "-shm").exists()
    keep.close()
    history = History(db)
    assert history.db is not None
    assert history.db.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"
    assert [r.status for r in history.sessions()] == ["completed"]
    history.close()
    assert not db.with_name(db.name + "-shm").exists()
    assert not db.with_name(db.name + "-wal").exists()


def test_a_first_version_history_is_carried_forward(tmp_path: Path) -> None:
    """Sessions ended with q were saved as "quit"; they read as "stopped", as the player says."""
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.executescript(MIGRATIONS[1])
        raw.execute(
            "INSERT INTO sessions (routine_id, routine_name, routine_digest, started_at, status,"
            " moves_total, planned_seconds) VALUES ('r', 'R', 'd', '2026-11-20T10:00:00+00:00',"
            " 'quit', 1, 60)"
        )
        raw.execute("PRAGMA user_version = 1")
    history = History(path)
    assert [r.status for r in history.sessions()] == ["stopped"]
    history.close()

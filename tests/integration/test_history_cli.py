"""History and resume from the command line: real runs, real kills, a real database file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import cli_env, history_json, plain_run, run_cli, unknot_cmd
from unknot.history.store import History

pytestmark = pytest.mark.slow  # real subprocesses on the real clock


def plain(home: Path, routine: Path, *extra: str) -> subprocess.Popen[str]:
    return plain_run(home, routine, "--mute", *extra)


def test_a_finished_run_is_listed_as_completed(unknot_home: Path, twelve: Path) -> None:
    proc = plain(unknot_home, twelve)
    assert proc.wait(timeout=30) == 0
    [row] = history_json(unknot_home)
    assert row["status"] == "completed" and row["routine"] == "twelve"
    assert row["moves_done"] == 3 and row["moves_total"] == 3
    assert abs(float(row["active_seconds"]) - 12) < 0.1  # type: ignore[arg-type]


def test_killed_then_resumed(unknot_home: Path, twelve: Path) -> None:
    proc = plain(unknot_home, twelve)
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "step_started" and event["index"] == 3:
            arrived = time.monotonic()
            # A second reader while the session runs sees it as running.
            assert history_json(unknot_home)[0]["status"] == "running"
            time.sleep(max(0.0, arrived + 1.0 - time.monotonic()))
            os.kill(proc.pid, signal.SIGKILL)
            break
    # On a busy machine the second reader can take long enough for the next step to start:
    # the step the session was in when it was killed is the last one it reported.
    reported = [json.loads(line) for line in proc.stdout]
    last = max([3] + [e["index"] for e in reported if e["event"] == "step_started"])
    proc.wait(timeout=10)
    [row] = history_json(unknot_home)
    assert row["status"] == "interrupted"
    assert row["step_index"] == last

    resumed = plain(unknot_home, twelve, "--resume")
    assert resumed.stdout is not None
    events = [json.loads(line) for line in resumed.stdout]
    assert resumed.wait(timeout=30) == 0
    first = next(e for e in events if e["event"] == "step_started")
    assert first["index"] == last and first["resumed"] is True
    assert 0 < first["remaining"] <= 2
    if last == 3:
        assert 0.4 <= first["remaining"] <= 1.6  # about the second that was left
    assert events[-1]["event"] == "session_finished"
    [row] = history_json(unknot_home)
    assert row["status"] == "completed" and row["moves_done"] == 3


def test_fresh_abandons_and_resume_without_one_starts_over(unknot_home: Path, two: Path) -> None:
    proc = plain(unknot_home, two)
    assert proc.stdout is not None
    for line in proc.stdout:
        if json.loads(line)["event"] == "step_started":
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=10)
    fresh = plain(unknot_home, two, "--fresh")
    assert fresh.wait(timeout=30) == 0
    statuses = [r["status"] for r in history_json(unknot_home)]
    assert statuses == ["completed", "abandoned"]
    again = plain(unknot_home, two, "--resume")
    assert again.wait(timeout=30) == 0
    assert again.stderr is not None and "starting fresh" in again.stderr.read()


def test_a_changed_routine_is_not_resumed(unknot_home: Path, twelve: Path) -> None:
    proc = plain(unknot_home, twelve)
    assert proc.stdout is not None
    for line in proc.stdout:
        if json.loads(line)["event"] == "step_started" and json.loads(line)["index"] == 2:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=10)
    twelve.write_text(twelve.read_text().replace('name = "Charlie"', 'name = "Delta"'))
    resumed = plain(unknot_home, twelve, "--resume")
    assert resumed.stdout is not None
    first = next(json.loads(line) for line in resumed.stdout if '"step_started"' in line)
    # What is checked has happened by the first step: the rest of the run need not be waited for.
    resumed.terminate()
    resumed.wait(timeout=10)
    assert first["index"] == 0 and "resumed" not in first
    assert resumed.stderr is not None and "has changed" in resumed.stderr.read()


def test_junk_over_the_database_is_kept_aside(unknot_home: Path, two: Path) -> None:
    db = unknot_home / "history.sqlite3"
    junk = os.urandom(5000)
    db.write_bytes(junk)
    proc = plain(unknot_home, two)
    assert proc.wait(timeout=30) == 0
    assert proc.stderr is not None and "kept it as" in proc.stderr.read()
    kept = list(unknot_home.glob("history.sqlite3.corrupt-*"))
    assert [p.read_bytes() for p in kept] == [junk]
    assert history_json(unknot_home)[0]["status"] == "completed"


def test_text_history(unknot_home: Path, two: Path) -> None:
    out = run_cli(unknot_home, "history", timeout=30)
    assert out.stdout.strip() == "No sessions yet."
    assert plain(unknot_home, two).wait(timeout=30) == 0
    out = run_cli(unknot_home, "history", timeout=30)
    assert "Two seconds" in out.stdout and "completed" in out.stdout and "1/1" in out.stdout


MINUTE = 'name = "Minute"\nsummary = "s"\n[[moves]]\nname = "Long"\ntool = "hands"\nduration = 60\n'


def test_a_live_session_blocks_resume_and_a_killed_ones_lock_never_does(
    unknot_home: Path, tmp_path: Path
) -> None:
    routine = tmp_path / "minute.toml"
    routine.write_text(MINUTE)
    proc = plain_run(unknot_home, routine, "--mute")
    assert proc.stdout is not None
    for line in proc.stdout:
        if json.loads(line)["event"] == "step_started":
            break
    history = History(unknot_home / "history.sqlite3")
    try:
        [row] = history.sessions()
        assert row.status == "running"  # its lock is held: not offered for resume
        assert history.unfinished() is None
    finally:
        history.close()
    proc.kill()
    proc.communicate(timeout=10)
    assert (unknot_home / "running" / f"{row.id}.lock").exists()  # left behind by the kill
    resumed = run_cli(
        unknot_home, "run", str(routine), "--plain", "--mute", "--resume", stdin="q\n", timeout=30
    )
    assert "Resuming Minute" in resumed.stderr
    [listed] = history_json(unknot_home)
    assert listed["status"] == "stopped"
    assert not list((unknot_home / "running").iterdir())


def test_a_reused_process_id_does_not_block_resume(unknot_home: Path, tmp_path: Path) -> None:
    db = unknot_home / "history.sqlite3"
    history = History(db)
    session_id = history.begin(
        routine_id="r", routine_name="R", digest="d", moves_total=1, planned_seconds=60
    )
    history.close()  # as a killed process would leave it: running, its lock gone
    # A live process that merely has "app" on its command line now has the stored pid.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "app"])
    try:
        with sqlite3.connect(db) as raw:
            raw.execute("UPDATE sessions SET pid = ? WHERE id = ?", (other.pid, session_id))
        history = History(db)
        row = history.unfinished("r")
        history.close()
        assert row is not None and row.id == session_id
    finally:
        other.kill()
        other.wait()


LONG_NAME = "Pre-run release for the calves, shins and the soles of both feet"


def test_text_history_fits_80_columns_and_keeps_columns_apart(
    unknot_home: Path, twelve: Path, tmp_path: Path
) -> None:
    import re

    routine = tmp_path / "long.toml"
    routine.write_text(twelve.read_text().replace('"Twelve seconds"', f'"{LONG_NAME}"'))
    commands = tmp_path / "commands.txt"
    commands.write_text("n\nn\nq\n")  # skip the get-ready and the first move, then quit
    with commands.open() as stdin:
        subprocess.run(
            unknot_cmd("run", str(routine), "--plain", "--mute"),
            env=cli_env(unknot_home),
            stdin=stdin,
            capture_output=True,
            timeout=30,
        )
    env = cli_env(unknot_home) | {"COLUMNS": "80"}
    out = subprocess.run(
        unknot_cmd("history"), env=env, capture_output=True, text=True, timeout=30
    ).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["when", "routine", "status", "time", "moves", "holds"]
    row = lines[2]
    assert re.search(r"\bstopped\s+0:0\d\s+0/3, 1 skipped\s+0$", row), row  # was "skipped0"
    # The name wraps between words: every word is whole, and in order.
    start, end = lines[0].index("routine"), lines[0].index("status")
    words = [w for line in lines[2:] for w in line[start:end].split()]
    assert " ".join(words) == LONG_NAME

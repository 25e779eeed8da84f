"""SIGKILL at random points in short sessions: the database stays consistent and resume works."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import history_json, launch, run_cli

pytestmark = pytest.mark.slow  # real subprocesses on the real clock

SHORT = """\
name = "Six seconds"
summary = "Short enough to kill often."
transition = 1
switch = 1
[[moves]]
name = "A"
duration = 1
[[moves]]
name = "B"
duration = 1
sides = "each"
"""


@pytest.mark.parametrize("seed", range(4))
def test_killed_at_random(seed: int, unknot_home: Path, tmp_path: Path) -> None:
    routine = tmp_path / "six.toml"
    routine.write_text(SHORT)
    delay = random.Random(seed).uniform(0.05, 5.5)
    proc = launch(
        unknot_home,
        *("run", str(routine), "--plain", "--mute"),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=False,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the session has started
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)

    db = unknot_home / "history.sqlite3"
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        steps = raw.execute("SELECT idx, actual, planned FROM steps").fetchall()
    assert all(0 <= idx < 6 and actual >= 0 for idx, actual, _ in steps)
    [row] = history_json(unknot_home)
    assert row["status"] in ("interrupted", "completed")
    if row["status"] == "completed":
        return
    resumed = run_cli(
        unknot_home, "run", str(routine), "--plain", "--jsonl", "--mute", "--resume", timeout=30
    )
    assert resumed.returncode == 0
    first = next(json.loads(x) for x in resumed.stdout.splitlines() if '"step_started"' in x)
    assert first["index"] == row["step_index"] and first.get("resumed") is True
    [row] = history_json(unknot_home)
    assert row["status"] == "completed"

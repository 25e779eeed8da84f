"""Plain mode ended from outside: a `kill`, a closed terminal, a reader that went away. Each ends
the session as stopped, never interrupted, as the full-screen player does."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.helpers import cli_env, history_json, launch, unknot_cmd

pytestmark = pytest.mark.slow  # real subprocesses on the real clock


@pytest.mark.parametrize("remote", [False, True], ids=["alone", "with-remote"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_stops_the_session_with_128_plus_its_number(
    unknot_home: Path, twelve: Path, signum: int, remote: bool
) -> None:
    extra = ("--remote", "127.0.0.1:0") if remote else ()
    proc = launch(
        unknot_home, "run", str(twelve), "--plain", "--jsonl", "--mute", "--no-desktop", *extra
    )
    assert proc.stdout is not None
    for raw in proc.stdout:  # wait until the first step is under way
        if json.loads(raw)["event"] == "step_started":
            break
    proc.send_signal(signum)
    rest = [json.loads(line) for line in proc.stdout]
    assert proc.wait(timeout=10) == 128 + signum
    assert rest[-1]["event"] == "session_finished"
    assert rest[-1]["status"] == "stopped"
    [row] = history_json(unknot_home)
    assert row["status"] == "stopped"


def test_a_signal_while_paused_stops_the_session_too(unknot_home: Path, twelve: Path) -> None:
    proc = launch(unknot_home, "run", str(twelve), "--plain", "--mute", "--no-desktop")
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdin.write("p\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if line.split("  ", 1)[-1].startswith("Paused"):
            break
    proc.send_signal(signal.SIGTERM)  # the loop waits for input with no deadline: woken anyway
    assert proc.wait(timeout=10) == 143
    [row] = history_json(unknot_home)
    assert row["status"] == "stopped"


def test_a_closed_pipe_ends_quietly_as_stopped(unknot_home: Path, twelve: Path) -> None:
    """`unknot run R --plain | head -n 2`: head leaves after two lines, the session stops."""
    command = " ".join(unknot_cmd("run", str(twelve), "--plain", "--mute", "--no-desktop"))
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} < /dev/null | head -n 2"],
        env=cli_env(unknot_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""  # no traceback, no "Exception ignored" on the way out
    assert result.returncode == 0
    [row] = history_json(unknot_home)
    assert row["status"] == "stopped"

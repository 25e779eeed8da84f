"""A closed terminal or a `kill` ends the full-screen player cleanly, on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from bench.terminal import running
from tests.helpers import cli_env, history_json, launch, unknot_cmd
from unknot.tui.app import EXIT_DEADLINE

ALT_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    """What the program wrote until `needle` appeared (or the time ran out, or it closed)."""
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            seen += chunk
    return seen


def in_a_terminal(home: Path, *args: str) -> tuple[int, subprocess.Popen[bytes]]:
    """`unknot ARGS` on a 100x30 pseudo-terminal of its own: the pty's main side, and the process."""
    main, secondary = pty.openpty()
    env = cli_env(home) | {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = launch(
        home,
        *args,
        env=env,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        text=False,
        new_session=True,
    )
    os.close(secondary)
    return main, process


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_the_session_and_gives_the_terminal_back(
    unknot_home: Path, twelve: Path, signum: signal.Signals
) -> None:
    main, process = in_a_terminal(unknot_home, "run", str(twelve), "--mute")
    try:
        first = _read_until(main, b"Alpha", timeout=20)
        assert b"Alpha" in first, first[-500:]
        process.send_signal(signum)
        rest = _read_until(main, b"\x00never", timeout=10)
        status = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    assert status == 128 + signum
    assert ALT_SCREEN_OFF in rest and MOUSE_OFF in rest
    assert b"Traceback" not in first + rest
    sessions = history_json(unknot_home)
    assert [s["status"] for s in sessions] == ["stopped"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_window_closed_as_the_session_appears_never_leaves_the_app_running(
    unknot_home: Path, twelve: Path
) -> None:
    """Closing the terminal the moment the session shows (the pty hangs up: SIGHUP, then
    SIGCONT) left about one app in four alive and invisible, stuck in Textual's shutdown on a
    write to the gone terminal. Every one must end, its session saved as stopped."""
    env = cli_env(unknot_home)
    exports = " ".join(f"{k}={shlex.quote(env[k])}" for k in ("UNKNOT_HOME", "PYTHONPATH", "PATH"))
    command = shlex.join(unknot_cmd("run", str(twelve), "--mute", "--fresh"))
    pids: list[int] = []
    for _ in range(12):
        tmux = ["tmux", "-L", f"unknot-{uuid.uuid4().hex[:8]}"]
        line = f"exec env -u COLUMNS -u LINES {exports} TERM=xterm-256color {command}"
        subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30", line], check=True)
        panes = subprocess.run([*tmux, "list-panes", "-F", "#{pane_pid}"], capture_output=True)
        pids.append(int(panes.stdout.split()[0]))
        end = time.monotonic() + 20
        while time.monotonic() < end:
            shown = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
            if "Alpha" in shown.stdout:
                break
            time.sleep(0.002)
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    end = time.monotonic() + EXIT_DEADLINE + 5
    while any(running(pid) for pid in pids) and time.monotonic() < end:
        time.sleep(0.1)
    left = [pid for pid in pids if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"{len(left)} of {len(pids)} apps still running after their window closed"
    assert [s["status"] for s in history_json(unknot_home)] == ["stopped"] * len(pids)


AFTER_THE_APP = """
import asyncio, os, signal
from unknot.core.clock import FakeClock
from unknot.session import SessionOptions, open_session
from unknot.tui.app import UnknotApp

async def main() -> None:
    with open_session(SessionOptions(clock=FakeClock())) as sessions:
        await run(UnknotApp(sessions))

async def run(app: UnknotApp) -> None:
    async with app.run_test() as pilot:
        await pilot.pause()

asyncio.run(main())
print("app ended", flush=True)
os.kill(os.getpid(), signal.SIGTERM)
print("still here", flush=True)
"""


def test_a_signal_after_the_app_has_ended_does_what_it_does_by_default(
    unknot_home: Path,
) -> None:
    """The app's handler stays installed after its event loop has closed; a signal then ends
    the process as it would without unknot, with no traceback from a closed loop."""
    result = subprocess.run(
        [sys.executable, "-c", AFTER_THE_APP],
        env=cli_env(unknot_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout == "app ended\n", result.stderr[-2000:]
    assert result.returncode == -signal.SIGTERM
    assert "Traceback" not in result.stderr


def _state(pid: int) -> str:
    """The process's state letter from /proc: T while stopped."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


# A get-ready step the suspend below outlasts, with seconds to spare for reaching it.
GET_READY = 4.0
SUSPENDED_FOR = 6.0
SUSPENDABLE = f"""\
name = "Suspendable"
summary = "A get-ready step shorter than the suspend, then a long move."
transition = "{GET_READY:g}s"

[[moves]]
name = "Alpha"
tool = "hands"
duration = 60
"""


@pytest.mark.slow
def test_ctrl_z_suspends_and_pauses_the_session_and_sigcont_shows_it_paused(
    unknot_home: Path, tmp_path: Path
) -> None:
    """ctrl+z stops the process as other full-screen programs do; the time stopped is not the
    session's: it comes back paused where it was, says so, and redraws."""
    routine = tmp_path / "suspendable.toml"
    routine.write_text(SUSPENDABLE)
    main, process = in_a_terminal(unknot_home, "run", str(routine), "--mute")
    try:
        first = _read_until(main, b"GET READY", timeout=20)
        assert b"GET READY" in first, first[-500:]
        os.write(main, b"\x1a")  # ctrl+z
        end = time.monotonic() + 10
        while _state(process.pid) != "T" and time.monotonic() < end:
            # Read what it draws meanwhile, as a terminal does: a full pty would block its writes.
            _read_until(main, b"\x00never", timeout=0.05)
        assert _state(process.pid) == "T"  # stopped, as a suspend does
        stopped_at = time.monotonic()
        time.sleep(SUSPENDED_FOR)  # longer than the get-ready step: it must not end unseen
        process.send_signal(signal.SIGCONT)
        back = _read_until(main, b"Paused while suspended", timeout=20)
        back += _read_until(main, b"\x00never", timeout=1.0)  # the rest of the redraw
        stopped_for = time.monotonic() - stopped_at
        assert b"Paused while suspended" in back, back[-800:]
        # Redrawn, paused, and still in the first step: getting ready for Alpha.
        assert b"PAUSED" in back and b"step 1 of" in back
        process.send_signal(signal.SIGTERM)
        _read_until(main, b"\x00never", timeout=10)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    (session,) = history_json(unknot_home)
    assert session["status"] == "stopped"
    # The stopped time is paused time, never active time.
    assert float(session["paused_seconds"]) >= stopped_for - 2  # type: ignore[arg-type]
    assert float(session["active_seconds"]) < SUSPENDED_FOR  # type: ignore[arg-type]

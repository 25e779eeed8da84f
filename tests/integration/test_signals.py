"""A closed terminal or a `kill` ends the full-screen player cleanly, on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env, history_json, unknot_cmd

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


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_saves_the_session_and_gives_the_terminal_back(
    unknot_home: Path, twelve: Path, signum: signal.Signals
) -> None:
    main, secondary = pty.openpty()
    env = cli_env(unknot_home) | {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        unknot_cmd("run", str(twelve), "--mute"),
        env=env,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        start_new_session=True,
    )
    os.close(secondary)
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

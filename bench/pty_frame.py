"""Time to first frame on a pseudo-terminal: no tmux, no polling of a screen copy.

The program runs in a pty of a fixed size; its output is read as it comes, escape sequences
taken out, and the first frame is the moment the visible text first matches what the program's
frame shows. Both sides of a comparison pay the same small cost of reading the pty, so the
ratio is the programs' own. Modelled on the project's shared `tui_metrics.py`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator

ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-~])"
)


def first_frame(
    command: list[str],
    env: dict[str, str],
    expect: str,
    size: tuple[int, int] = (100, 30),
    timeout: float = 20.0,
) -> float:
    """Seconds from just before the start until the visible text matches `expect`."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    pattern = re.compile(expect)
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        env={**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])},
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        start_new_session=True,
    )
    os.close(secondary)
    seen = ""
    try:
        end = started + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([main], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + ESCAPES.sub("", chunk.decode("utf-8", "replace")))[-20000:]
            if pattern.search(seen):
                return time.monotonic() - started
        raise TimeoutError(f"{command[-1]}: no frame matching {expect!r} in {timeout} s")
    finally:
        _end(proc, main)


def _end(proc: subprocess.Popen[bytes], main: int) -> None:
    """Close the terminal (a hang-up) and wait for the program to go, so that its shutdown never
    runs beside the next start-up."""
    with contextlib.suppress(OSError):
        os.close(main)
    # The program leads a session of its own without a controlling terminal, so closing the pty
    # sends it no hang-up: send it as a closed terminal would.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGHUP)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    time.sleep(SETTLE)


SETTLE = 1.0  # seconds between one program's exit and the next start: what it wrote settles


@contextlib.contextmanager
def one_core_busy() -> Iterator[None]:
    """Another process keeps one of the cores busy for as long as the block runs."""
    spin = "while True: pass"
    burner = subprocess.Popen([sys.executable, "-c", spin])
    try:
        time.sleep(0.3)
        yield
    finally:
        burner.kill()
        burner.wait()

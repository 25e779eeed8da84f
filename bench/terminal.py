"""Programs in a real terminal (tmux), side by side: CPU while counting down, peak RSS.

The first frame is timed on a bare pseudo-terminal instead (`bench.pty_frame`).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


class Pane:
    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)):
        self.socket = f"bench-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"exec env {exports} TERM=xterm-256color {shlex.join(command)}"
        self.started = time.monotonic()
        self._tmux("new-session", "-d", "-x", str(size[0]), "-y", str(size[1]), line)
        self.pid = int(self._tmux("list-panes", "-F", "#{pane_pid}").split()[0])

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def wait_for(self, seen: Callable[[str], bool], timeout: float = 20) -> float:
        """Seconds from start until the screen shows what `seen` looks for."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if seen(self.screen()):
                return time.monotonic() - self.started
            time.sleep(0.002)
        raise TimeoutError(f"nothing seen; the screen shows:\n{self.screen()}")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        # The program saves and exits on the hang-up; the next measurement starts once it has
        # gone, so that its shutdown does not run beside the next start-up.
        end = time.monotonic() + 10
        while running(self.pid) and time.monotonic() < end:
            time.sleep(0.01)


def running(pid: int) -> bool:
    """True while `pid` is a live process (a zombie waiting to be reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def cpu_and_rss(
    programs: dict[str, tuple[list[str], Callable[[str], bool]]],
    env: dict[str, str],
    window: float,
) -> dict[str, tuple[float, float]]:
    """Run the programs side by side; for each, % of one core over the same `window` seconds
    (after its first frame and a moment to settle) and its peak RSS in MB."""
    panes = {name: Pane(command, env) for name, (command, _) in programs.items()}
    try:
        for name, (_, seen) in programs.items():
            panes[name].wait_for(seen)
        time.sleep(2.0)  # let start-up work settle
        before = {name: pane.cpu_seconds() for name, pane in panes.items()}
        started = time.monotonic()
        time.sleep(window)
        spent = time.monotonic() - started
        return {
            name: (100 * (pane.cpu_seconds() - before[name]) / spent, pane.peak_rss_mb())
            for name, pane in panes.items()
        }
    finally:
        for pane in panes.values():
            pane.close()

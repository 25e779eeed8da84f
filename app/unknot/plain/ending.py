"""How plain mode ends on a signal or a closed pipe: stopped, with the status a shell expects."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unknot.plain.input import LineInput


class Ending:
    """How plain mode is told to end early: SIGTERM or SIGHUP (a `kill`, a closed terminal) or
    a reader that went away (`| head -n 2`). Each ends the session as `q` would, saved as
    stopped; a signal's exit status is 128 plus its number, a closed pipe ends quietly.

    A signal handler only notes the signal, except while the loop waits for input or a deadline:
    then it interrupts the wait, so the session is stopped between two of its own steps, never
    in the middle of one."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP)

    class Interrupted(Exception):
        """Raised out of a wait by a signal."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.pipe_closed = False
        self.waiting = False
        self._before: dict[int, object] = {}

    @property
    def due(self) -> bool:
        return self.signum is not None or self.pipe_closed

    @property
    def status(self) -> int:
        return 128 + self.signum if self.signum is not None else 0

    def caught(self, signum: int, _frame: object = None) -> None:
        self.signum = signum
        if self.waiting:
            self.waiting = False
            raise self.Interrupted

    def catch(self) -> None:
        for signum in self.SIGNALS:
            self._before[signum] = signal.signal(signum, self.caught)

    def release(self) -> None:
        for signum, before in self._before.items():
            signal.signal(signum, before)  # type: ignore[arg-type]
        self._before.clear()

    def wait(self, commands: LineInput, timeout: float | None) -> list[str]:
        """`commands.wait(timeout)`, cut short by SIGTERM or SIGHUP."""
        self.waiting = True
        try:
            if self.due:
                return []
            return commands.wait(timeout)
        except self.Interrupted:
            return []
        finally:
            self.waiting = False

    def pipe_gone(self) -> None:
        """The reader of standard output went away: stop writing there, and end quietly (the
        descriptor points at /dev/null from now on, so nothing complains at exit)."""
        self.pipe_closed = True
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)

"""Plain mode's commands: lines from standard input, a pipe or a file, read without ever
blocking the timer, and a line too long to be a command dropped as it arrives."""

from __future__ import annotations

import os
import selectors
import time
from collections.abc import Callable
from typing import TextIO

MAX_LINE = 1024  # bytes; no command is longer, so a longer line is dropped unread
READ_CHUNK = 65536


class LineInput:
    """Commands from a file descriptor, read without blocking the timer.

    A terminal or a pipe is waited on with a selector. A regular file (`< commands.txt`) cannot be
    waited on that way, but reading it never blocks, so it is read as it is. Lines are read in
    bounded chunks, and a line longer than MAX_LINE is dropped as it arrives, never held whole.
    """

    def __init__(self, stream: TextIO, on_too_long: Callable[[], None] | None = None) -> None:
        self._buffer = b""
        self._dropping = False
        self._on_too_long = on_too_long
        self._selector: selectors.BaseSelector | None = None
        self._fd: int | None = None
        try:
            self._fd = stream.fileno()
        except (OSError, ValueError):
            return  # closed, or not a real file: no input
        try:
            self._selector = selectors.DefaultSelector()
            self._selector.register(self._fd, selectors.EVENT_READ)
        except (OSError, ValueError):
            # epoll refuses regular files and some devices: they are always ready to read.
            if self._selector is not None:
                self._selector.close()
            self._selector = None

    @property
    def open(self) -> bool:
        return self._fd is not None

    def _close(self) -> None:
        if self._selector is not None:
            self._selector.close()
            self._selector = None
        self._fd = None

    @property
    def fd(self) -> int | None:
        return self._fd

    def wait(self, timeout: float | None) -> list[str]:
        """Wait up to `timeout` seconds (None: forever) for input; return the complete lines."""
        if self._fd is None:
            if timeout is not None:
                time.sleep(max(0.0, timeout))
            return []
        if self._selector is not None and not self._selector.select(timeout):
            return []
        return self.read()

    def read(self) -> list[str]:
        """Read what is there now (once), and return the lines it completes."""
        if self._fd is None:
            return []
        try:
            chunk = os.read(self._fd, READ_CHUNK)
        except BlockingIOError:
            return []
        except OSError:
            chunk = b""
        if not chunk:
            self._close()
            rest = b"" if self._dropping else self._buffer
            self._buffer = b""
            return [rest.decode("utf-8", "replace")] if rest.strip() else []
        return self._split(chunk)

    def _split(self, chunk: bytes) -> list[str]:
        lines: list[str] = []
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            if end < 0:
                break
            if self._dropping:
                self._dropping = False
            else:
                line = self._buffer + chunk[start:end]
                if len(line) > MAX_LINE:
                    self._too_long()
                else:
                    lines.append(line.decode("utf-8", "replace"))
            self._buffer = b""
            start = end + 1
        if not self._dropping:
            self._buffer += chunk[start:]
            if len(self._buffer) > MAX_LINE:
                self._buffer = b""
                self._dropping = True
                self._too_long()
        return lines

    def _too_long(self) -> None:
        if self._on_too_long is not None:
            self._on_too_long()

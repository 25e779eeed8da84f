"""Plain mode: a session as lines of text (or JSON), driven by commands on standard input.

For screen readers, SSH sessions, scripts and tests. The loop sleeps until the engine's next
deadline or a line of input, whichever comes first; it never counts ticks. With the remote on,
the same loop runs in asyncio beside its server, and a browser's command wakes it too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import selectors
import signal
import sys
import time
from collections.abc import Callable
from typing import TextIO

from unknot.core.controls import Command, CommandError, Control, parse, words_hint
from unknot.core.durations import format_clock
from unknot.core.events import (
    Countdown,
    Event,
    Halfway,
    HoldEnded,
    HoldStarted,
    Paused,
    Rated,
    Resumed,
    SessionFinished,
    SessionStarted,
    Skipped,
    StepStarted,
    TimeChanged,
)
from unknot.core.problems import printable
from unknot.core.result import SessionResult
from unknot.core.words import plural, tool_label
from unknot.session import LiveSession

TICK = 0.5  # while running, wake at least this often for on_tick (history checkpoints)


def stamp(seconds: float) -> str:
    """Session time as 00:03, or 1:02:03 past the hour."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe(event: Event) -> str:
    """One readable line for an event (without the time stamp)."""
    step = event.step
    match event:
        case SessionStarted():
            return f"Starting {event.name or event.routine}: {plural(event.steps, 'step')}"
        case StepStarted():
            length = format_clock(event.remaining if event.remaining is not None else step.seconds)
            tool = "" if step.move.tool == "none" else f" - {tool_label(step.move.tool)}"
            prefix = "Resuming: " if event.resumed else ""
            if step.kind == "transition":
                return f"{prefix}Get ready: {step.move.name} - {length}{tool}"
            if step.kind == "switch":
                return f"{prefix}Switch sides - {length}"
            return f"{prefix}{step.label()} - {length}{tool}"
        case Countdown():
            return str(event.n)
        case Halfway():
            return "Halfway"
        case HoldStarted():
            return f"Hold on the hot spot - {format_clock(event.seconds)}"
        case HoldEnded():
            return "Release"
        case Paused():
            return f"Paused - {format_clock(event.remaining)} left in this step"
        case Resumed():
            return "Resumed"
        case Skipped():
            return "Skipped"
        case TimeChanged():
            sign = "+" if event.delta >= 0 else "-"
            line = f"{sign}{abs(event.delta):.0f} s - {format_clock(event.remaining)} left"
            if event.capped and event.limit is not None:
                line += f" (at most {format_clock(event.limit)} can be added to a step)"
            return line
        case Rated():
            side = f", {event.side} side" if event.side else ""
            return f"Rated {step.move.name}{side}: {event.score} of 10 ({event.when})"
        case SessionFinished():
            return _finished_line(event.result)
    return event.kind


def _finished_line(result: SessionResult) -> str:
    status = "Session complete" if result.status == "completed" else "Session ended"
    return (
        f"{status}: {result.moves_done} of {plural(result.moves_total, 'move')} done, "
        f"{result.moves_skipped} skipped, {plural(result.holds, 'hold')}, "
        f"{format_clock(result.elapsed_seconds)} "
        f"(planned {format_clock(result.planned_seconds)})"
    )


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


def run_plain(
    live: LiveSession,
    *,
    jsonl: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> int:
    """Run `live` to its end on its own clock. With its remote on, it is also served to browsers
    (unknot.remote); with its desktop bridge, it is on the desktop's bus too (unknot.desktop).
    Either way the loop runs in asyncio to share it."""
    out = stdout if stdout is not None else sys.stdout
    session = live.engine

    def too_long() -> None:
        sys.stderr.write(f"ignored an input line over {MAX_LINE} bytes; use {words_hint()}\n")

    commands = LineInput(stdin if stdin is not None else sys.stdin, on_too_long=too_long)
    ending = Ending()

    def show(event: Event) -> None:
        if ending.pipe_closed:
            return
        try:
            if jsonl:
                out.write(json.dumps(event.to_json()) + "\n")
            else:
                out.write(f"{stamp(event.t)}  {describe(event)}\n")
            out.flush()
        except BrokenPipeError:
            ending.pipe_gone()

    session.listen(show)
    if on_event is not None:
        session.listen(on_event)
    ending.catch()
    try:
        if live.remote_on or live.desktop is not None:
            asyncio.run(_run_in_asyncio(live, commands, out, jsonl, ending))
        else:
            _run_in_loop(live, commands, ending)
    finally:
        ending.release()
    return ending.status


def _run_in_loop(live: LiveSession, commands: LineInput, ending: Ending) -> None:
    session = live.engine
    live.start()
    while not session.finished:
        timeout = _step(live, commands)
        if session.finished:
            break
        if ending.due:
            live.apply(Control.STOP)
            break
        for line in ending.wait(commands, timeout):
            _command(live, line)


def _step(live: LiveSession, commands: LineInput) -> float | None:
    """Bring the session up to now; answer how long to wait for input (None: until there is
    some). Nothing to wait for once the session has finished."""
    session = live.engine
    while True:
        session.update()
        if session.finished:
            return None
        live.recorder.tick()
        due = session.next_due()
        if due is None and not commands.open:
            # Input has closed while paused: nobody can resume, so carry on.
            session.resume()
            continue
        if due is None:
            return None
        return min(max(0.0, due - live.clock()), TICK)


def _command(live: LiveSession, line: str) -> None:
    try:
        command = parse(line)
        if command is not None:
            live.apply(command)
    except CommandError as exc:
        sys.stderr.write(f"{exc}; nothing was recorded\n")
        return
    if command is None and line.strip():
        shown = printable(line.strip()[:20]) + ("..." if len(line.strip()) > 20 else "")
        sys.stderr.write(f"unknown command '{shown}'; use {words_hint()}\n")


async def _run_in_asyncio(
    live: LiveSession, commands: LineInput, out: TextIO, jsonl: bool, ending: Ending
) -> None:
    """The same loop in asyncio, so the remote's server and the desktop bridge share it: it
    sleeps until the engine's next deadline, a line of input, a command from a browser or a
    media key, whichever comes first."""
    session = live.engine
    loop = asyncio.get_running_loop()
    wake = asyncio.Event()
    lines: list[str] = []

    def readable() -> None:
        lines.extend(commands.read())
        wake.set()
        if not commands.open and fd is not None:
            loop.remove_reader(fd)

    def apply(control: Control | Command | str) -> None:
        live.apply(control if isinstance(control, Command) else Control(control))
        wake.set()

    def signalled(signum: int) -> None:
        ending.signum = signum
        wake.set()

    for signum in Ending.SIGNALS:
        loop.add_signal_handler(signum, signalled, signum)
    fd = commands.fd
    watched = False
    if fd is not None:
        try:
            loop.add_reader(fd, readable)
            watched = True
        except (OSError, ValueError):
            pass  # a regular file: reading it never blocks, so it is read in the loop
    try:
        if live.remote_on:
            await _serve(live, apply, out, jsonl)
        live.start()
        if live.desktop is not None:
            await live.desktop.start(session, apply)
        while not session.finished:
            timeout = _step(live, commands)
            if session.finished:
                break
            if ending.due:
                live.apply(Control.STOP)
                break
            if not watched and commands.open:
                lines.extend(commands.read())
            if not lines:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout)
            wake.clear()
            while lines:
                _command(live, lines.pop(0))
    finally:
        for signum in Ending.SIGNALS:
            loop.remove_signal_handler(signum)
        if watched and commands.open and fd is not None:
            loop.remove_reader(fd)
        await live.remote.stop()
        if live.desktop is not None:
            await live.desktop.wait()  # the notice at the end goes out before the bus is left
            await live.desktop.stop()


async def _serve(
    live: LiveSession, apply: Callable[[Control | Command | str], None], out: TextIO, jsonl: bool
) -> None:
    """Start the remote and say where it is (or, should its port have gone, why not)."""
    await live.remote.start(live.engine, apply)
    if not live.remote.running:
        sys.stderr.write(f"Remote: {live.remote.problem}\n")
    elif jsonl:
        out.write(json.dumps({"event": "remote_ready", "url": live.remote.url}) + "\n")
    else:
        out.write(f"Remote control: {live.remote.url}\n")
    out.flush()

"""Plain mode's loop: the session run to its end on its own clock, in asyncio when the remote or
the desktop bridge shares the loop."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Callable
from typing import TextIO

from unknot.core.controls import Command, CommandError, Control, parse, words_hint
from unknot.core.events import (
    Event,
)
from unknot.core.problems import printable
from unknot.plain.ending import Ending
from unknot.plain.input import MAX_LINE, LineInput
from unknot.plain.lines import describe, stamp
from unknot.session import LiveSession

TICK = 0.5  # while running, wake at least this often for on_tick (history checkpoints)


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
    live.start()
    while (timeout := _next_wait(live, commands, ending)) is not _OVER:
        for line in ending.wait(commands, timeout):
            _command(live, line)


_OVER = -1.0  # what _next_wait answers once the session has ended


def _next_wait(live: LiveSession, commands: LineInput, ending: Ending) -> float | None:
    """Bring the session up to now and answer how long to wait for input (None: until there is
    some), or _OVER once it has finished, or been stopped by a signal or a closed pipe."""
    timeout = _step(live, commands)
    if live.engine.finished:
        return _OVER
    if ending.due:
        live.apply(Control.STOP)
        return _OVER
    return timeout


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
        while (timeout := _next_wait(live, commands, ending)) is not _OVER:
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

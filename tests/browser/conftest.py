"""A served session and Debian's chromium driven by Playwright, for the remote's page."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pytest_asyncio import is_async_test

from bench.remote import CHROMIUM, CHROMIUM_ARGS
from unknot.core.clock import monotonic
from unknot.core.controls import Command, Control
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.routine import Routine
from unknot.core.routine_file import RoutineFile
from unknot.data.library import find
from unknot.remote.server import RemoteServer

# Its get-ready step outlasts any wait for a page on a busy machine (8 s did not, beside a second
# test suite): the tests move on with `next`, never by waiting for a step to end.
ROUTINE = RoutineFile.model_validate(
    {
        "name": "Browser test",
        "summary": "Long enough steps to follow from a page.",
        "transition": 60,
        "switch": 5,
        "moves": [
            {"name": "Calf sweep", "duration": 60, "sides": "each", "hold": 20},
            {"name": "Quad roll", "duration": 45},
        ],
    }
).to_routine()


def need_chromium() -> None:
    """Without chromium, skip; in CI the browser tests must run, so there it fails instead."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: tools/setup.sh installs it (apt-get)")
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium package)")


@dataclass
class Served:
    """A session on the real clock, run by a loop like plain mode's, and served to browsers."""

    engine: Session
    server: RemoteServer
    url: str = ""
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        while not self.engine.finished:
            self.engine.update()
            due = self.engine.next_due()
            timeout = None if due is None else max(0.0, due - monotonic())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout)
            self.wake.clear()


Serve = Callable[[Routine], Awaitable[Served]]


# One chromium per test process, shared by every browser test in it: its start-up is the dearer
# part of most of these tests. The tests therefore share one event loop (the browser's), and each
# gets a browser whose pages open in contexts of their own, all closed when the test ends.
BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    shared_loop = pytest.mark.asyncio(loop_scope="session")
    for item in items:
        if is_async_test(item) and BROWSER_TESTS in item.path.parents:
            item.add_marker(shared_loop, append=False)


@pytest_asyncio.fixture(loop_scope="session")
async def serve() -> AsyncIterator[Serve]:
    """Serve a routine as plain mode does: the server stops when the session ends."""
    running: list[tuple[Served, asyncio.Task[None]]] = []

    async def start(routine: Routine) -> Served:
        engine = Session(build_plan(routine), routine_id="browser-test", routine_name=routine.name)

        def apply(control: Control | Command) -> None:
            engine.apply(control)
            holder.wake.set()

        server = RemoteServer(engine, apply, host="127.0.0.1", port=0)
        holder = Served(engine, server)
        holder.url = await server.start()
        engine.start()

        async def run() -> None:
            await holder.run()
            await server.stop()

        task = asyncio.create_task(run())
        running.append((holder, task))
        return holder

    yield start
    for holder, task in running:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await holder.server.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def served(serve: Serve) -> Served:
    return await serve(ROUTINE)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def chromium() -> AsyncIterator[Any]:
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="session")
async def browser(chromium: Any) -> AsyncIterator[Any]:
    """The shared chromium; `new_page` gives a page in a fresh context (no cookies, storage or
    permissions from another test), and every context a test opened is closed after it."""
    assert not chromium.contexts, "a test before this one left a browser context open"
    yield chromium
    for context in chromium.contexts:
        await context.close()


def routine(*moves: tuple[str, int], transition: int = 60, hold: int = 20) -> Routine:
    """A routine of moves (name, seconds), the first worked on each side with a hold."""
    return RoutineFile.model_validate(
        {
            "name": "Browser test",
            "summary": "Steps to follow from a page.",
            "transition": transition,
            "switch": 5,
            "moves": [
                {"name": name, "duration": seconds}
                | ({"sides": "each", "hold": hold} if n == 0 else {})
                for n, (name, seconds) in enumerate(moves)
            ],
        }
    ).to_routine()


def bundled(routine_id: str) -> Routine:
    """A bundled routine whose get-ready step lasts a minute, like `ROUTINE`'s."""
    return replace(find(routine_id).routine, transition=60)


# The contrast of every visible text on its background, from the computed styles (WCAG 2).
CONTRASTS = """
() => {
  const parse = (c) => {
    const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = (c) => {
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const backdrop = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (["SCRIPT", "STYLE", "VIDEO", "SOURCE"].includes(el.tagName) || el.closest(".sr")) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden" || el.disabled) continue;
    const bg = backdrop(el), fg = parse(style.color);
    const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [hi, lo] = [lum(mixed), lum(bg)].sort((a, b) => b - a);
    out.push([el.id || el.tagName, el.textContent.trim().slice(0, 24), (hi + 0.05) / (lo + 0.05)]);
  }
  return out;
}
"""

"""A served session and Debian's chromium driven by Playwright, for the remote's page."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bench.remote import CHROMIUM, CHROMIUM_ARGS
from unknot.core.clock import monotonic
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.routine_file import RoutineFile
from unknot.remote.server import RemoteServer

ROUTINE = RoutineFile.model_validate(
    {
        "name": "Browser test",
        "summary": "Long enough steps to follow from a page.",
        "transition": 8,
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


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    engine = Session(build_plan(ROUTINE), routine_id="browser-test", routine_name="Browser test")

    def apply(command: str) -> None:
        getattr(engine, command)()
        holder.wake.set()

    server = RemoteServer(engine, apply, host="127.0.0.1", port=0)
    holder = Served(engine, server)
    holder.url = await server.start()
    engine.start()
    task = asyncio.create_task(holder.run())
    yield holder
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await server.stop()


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        await chromium.close()

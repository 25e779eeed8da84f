"""The remote's delays, both ways: from an engine event to the page's handler for it, and from a
tap on the page's button to the engine's event for it, in a real browser.

A session is served on the loopback; Debian's chromium, driven by Playwright, opens its page.
The engine then emits events 20 ms apart (30 s more, 30 s less, ...). Python stamps each as the
engine emits it; the page stamps each as its event handler runs. Both stamps are wall-clock
milliseconds on this machine, so their difference is the delay, server and browser included.
The other way, the page stamps each tap (a click on +30 s or -30 s, as it reaches the page) and
Python stamps the engine's `time_changed` for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unknot.core.controls import Command, Control
from unknot.core.engine import Session
from unknot.core.events import Event
from unknot.core.plan import build_plan
from unknot.core.routine_file import RoutineFile
from unknot.remote.server import RemoteServer

if TYPE_CHECKING:
    from playwright.async_api import Page

# Debian's chromium, as the browser tests drive it too (tests/browser/conftest.py).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EVENTS = 100
SPACING = 0.02  # seconds between events, so that each is delivered on its own
# Every event the page's handler sees, with the page's wall clock when it ran.
_RECORD = """
window.__stamps = [];
window.addEventListener("unknot-event", (e) => {
  window.__stamps.push([e.detail.event, performance.timeOrigin + performance.now()]);
});
"""


def _session() -> Session:
    routine = RoutineFile.model_validate(
        {
            "name": "Bench",
            "summary": "One long move.",
            "transition": 1,
            "moves": [{"name": "Long", "duration": 3600}],
        }
    ).to_routine()
    return Session(build_plan(routine), routine_id="bench")


@contextlib.asynccontextmanager
async def _served(
    engine: Session, apply: Callable[[Control | Command], None], script: str
) -> AsyncIterator[tuple[RemoteServer, Page]]:
    """The engine served on the loopback and started, and chromium showing its page with
    `script` run first; all of it closed on the way out."""
    from playwright.async_api import async_playwright

    server = RemoteServer(engine, apply, host="127.0.0.1", port=0)
    url = await server.start()
    engine.start()
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = await browser.new_page()
                await page.add_init_script(script)
                await page.goto(url)
                yield server, page
            finally:
                await browser.close()
    finally:
        await server.stop()


async def _measure(events: int) -> dict[str, float]:
    engine = _session()
    emitted: list[float] = []

    def stamp(event: Event) -> None:
        if event.kind == "time_changed":
            emitted.append(time.time() * 1000)

    engine.listen(stamp)  # before the server's listener: stamped as the engine emits
    async with _served(engine, lambda command: None, _RECORD) as (server, page):
        for _ in range(500):  # until the page's event stream is open
            if server.clients:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)
        for n in range(events):
            (engine.more if n % 2 == 0 else engine.less)()
            await asyncio.sleep(SPACING)
        seen: list[list[Any]] = []
        for _ in range(500):
            seen = [s for s in await page.evaluate("window.__stamps") if s[0] == "time_changed"]
            if len(seen) >= events:
                break
            await asyncio.sleep(0.01)
    delays = [float(s[1]) - e for s, e in zip(seen, emitted, strict=False)]
    if len(delays) < events:
        raise RuntimeError(f"the page handled {len(delays)} of {events} events")
    return {
        "events": float(len(delays)),
        "median_ms": statistics.median(delays),
        "max_ms": max(delays),
    }


_TAPS = """
window.__taps = [];
document.addEventListener("click", () => {
  window.__taps.push(performance.timeOrigin + performance.now());
}, true);
"""
TAPS = 30


async def _measure_taps(taps: int) -> dict[str, float]:
    engine = _session()
    applied: list[float] = []

    def stamp(event: Event) -> None:
        if event.kind == "time_changed":
            applied.append(time.time() * 1000)

    engine.listen(stamp)

    def apply(control: Control | Command) -> None:
        engine.apply(control)

    async with _served(engine, apply, _TAPS) as (_, page):
        await page.wait_for_function("document.body.dataset.connection === 'live'")
        await asyncio.sleep(0.3)
        for n in range(taps):
            command = "more" if n % 2 == 0 else "less"
            await page.click(f"#controls button[data-command={command}]")
            for _ in range(200):  # this tap's event before the next tap
                if len(applied) > n:
                    break
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.05)
        stamps: list[float] = await page.evaluate("window.__taps")
    delays = [a - t for t, a in zip(stamps, applied, strict=False)]
    if len(delays) < taps:
        raise RuntimeError(f"the engine applied {len(delays)} of {taps} taps")
    return {
        "taps": float(len(delays)),
        "median_ms": statistics.median(delays),
        "max_ms": max(delays),
    }


def tap_latency(taps: int = TAPS) -> dict[str, float] | None:
    """From a tap on the page to the engine's event: median and worst in ms, or None."""
    if not CHROMIUM.exists():
        return None
    return asyncio.run(_measure_taps(taps))


def remote_latency(events: int = EVENTS) -> dict[str, float] | None:
    """Median and worst delay in ms, or None without chromium."""
    if not CHROMIUM.exists():
        return None
    return asyncio.run(_measure(events))


if __name__ == "__main__":
    print(remote_latency(), tap_latency())

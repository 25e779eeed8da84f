"""The page never lies about the connection: a stopped server, a frozen one and a finished
session each show as what they are, in Debian's chromium."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Serve, Served, routine
from tests.browser.test_page import same_time, text
from tests.helpers import launch

pytestmark = pytest.mark.slow  # a real browser on the real clock

LONG = """\
name = "Long"
summary = "One long move, for a remote that is frozen and thawed."
transition = "2s"

[[moves]]
name = "Alpha"
tool = "hands"
duration = 300
"""


async def connection(page: Any) -> str:
    return str(await page.evaluate("document.body.dataset.connection"))


async def clock_stays(page: Any, seconds: float) -> str:
    """The clock shows the same text for `seconds` (it stopped), and that text."""
    shown = await text(page, "#time")
    await asyncio.sleep(seconds)
    assert await text(page, "#time") == shown, "the clock moved while the connection was lost"
    return shown


async def test_a_stopped_server_is_lost_at_once_and_the_state_comes_first_on_return(
    served: Served, browser: Any
) -> None:
    page = await browser.new_page()
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    assert await connection(page) == "live"
    port = int(served.url.split(":")[2].split("/")[0])
    await served.server.stop()
    await expect(page.locator("body")).to_have_attribute("data-connection", "lost", timeout=6000)
    await expect(page.locator("#phase")).to_have_text("CONNECTION LOST")
    shown = await clock_stays(page, 2.5)
    notice = await text(page, "#notice")
    assert notice.startswith(f"Connection lost, last seen {shown} at "), notice
    assert await page.locator("#controls button[data-command]:enabled").count() == 0
    # Changes while the page is cut off; back, it shows them, not the time it had.
    served.engine.next()
    served.engine.pause()
    served.server.port = port
    await served.server.start()
    # It tries again after 1, 2, 4 and 8 s: back within the next try, however slow the machine.
    await expect(page.locator("body")).to_have_attribute("data-connection", "live", timeout=20000)
    await expect(page.locator("#phase")).to_have_text("PAUSED")
    assert await text(page, "#move") == "Calf sweep"
    assert await text(page, "#side") == "◀◀◀  LEFT SIDE"
    await same_time(page, served)


async def test_a_frozen_server_is_lost_when_its_heartbeat_stops(
    browser: Any, unknot_home: Path, tmp_path: Path
) -> None:
    """SIGSTOP keeps the connection open and silent, as a dropped Wi-Fi does: only the missing
    heartbeat can tell."""
    path = tmp_path / "long.toml"
    path.write_text(LONG)
    proc = launch(
        unknot_home, "run", str(path), "--plain", "--jsonl", "--mute", "--remote", "127.0.0.1:0"
    )
    try:
        assert proc.stdout is not None
        url = str(json.loads(proc.stdout.readline())["url"])
        page = await browser.new_page()
        await page.goto(url)
        await expect(page.locator("body")).to_have_attribute("data-connection", "live")
        await expect(page.locator("#move")).to_have_text("Alpha")
        os.kill(proc.pid, signal.SIGSTOP)
        await expect(page.locator("body")).to_have_attribute(
            "data-connection", "lost", timeout=6500
        )
        await clock_stays(page, 2.0)
        os.kill(proc.pid, signal.SIGCONT)
        await expect(page.locator("body")).to_have_attribute(
            "data-connection", "live", timeout=15000
        )
        proc.kill()
        await expect(page.locator("body")).to_have_attribute(
            "data-connection", "lost", timeout=6000
        )
        await clock_stays(page, 1.5)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGCONT)
        proc.kill()
        proc.wait(10)


async def test_the_end_is_said_and_the_page_stops(serve: Serve, browser: Any) -> None:
    served = await serve(routine(("Calf sweep", 60), ("Quad roll", 45)))
    page = await browser.new_page()
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    served.engine.next()  # into the left side
    served.engine.next()  # skip it
    served.wake.set()
    await expect(page.locator("#phase")).to_have_text("SWITCH SIDES")
    await page.click("#controls button[data-command=toggle]")  # pause from the phone
    await expect(page.locator("#phase")).to_have_text("PAUSED")
    served.engine.quit()  # q on the terminal: the session ends and its remote stops
    served.wake.set()
    await expect(page.locator("body")).to_have_attribute("data-connection", "ended")
    await expect(page.locator("#phase")).to_have_text("STOPPED")
    summary = await text(page, "#summary")
    assert summary.startswith("0 of 2 moves done · 1 skipped · ") and summary.endswith(" active")
    assert "remote has stopped" in await text(page, "#notice")
    for _ in range(10):  # the server is gone: the page stays ended and says nothing else
        await asyncio.sleep(0.3)
        assert await connection(page) == "ended"
        assert "connect" not in (await page.inner_text("body")).lower()
    assert not await page.locator("#controls").is_visible()

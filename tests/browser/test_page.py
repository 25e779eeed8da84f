"""The remote's page in a real browser: it follows the session as the terminal shows it, its
buttons control the engine at once, two pages agree, and a dropped connection comes back."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Served
from unknot.core.durations import format_clock
from unknot.core.engine import countdown_display

pytestmark = pytest.mark.slow  # a real browser on the real clock


async def text(page: Any, selector: str) -> str:
    return str(await page.text_content(selector)).strip()


async def same_time(page: Any, served: Served) -> None:
    """The page shows the time the terminal would show now: read again for up to a second, as a
    second's edge can fall between the two readings, and a busy machine can draw the page a few
    hundred milliseconds after the engine's second has turned."""
    end = time.monotonic() + 1.0
    while True:
        expected = format_clock(countdown_display(served.engine.remaining()))
        if await text(page, "#time") == expected:
            return
        if time.monotonic() > end:
            break
        await asyncio.sleep(0.05)
    raise AssertionError(f"page shows {await text(page, '#time')}, the session {expected}")


async def test_the_page_follows_and_controls_the_session(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    assert await text(page, "#move") == "Calf sweep"
    await same_time(page, served)
    # The time moves on by itself.
    first = await text(page, "#time")
    await expect(page.locator("#time")).not_to_have_text(first, timeout=3000)
    await same_time(page, served)
    # Next, from the page: the work step, its side as a band, as on the terminal.
    await page.click("button[data-command=next]")
    await expect(page.locator("#phase")).to_have_text("WORK")
    assert served.engine.step.kind == "work" and served.engine.step.side == "left"
    assert await page.get_attribute("#side", "class") == "left"
    assert "LEFT SIDE" in await text(page, "#side")
    assert await text(page, "#next") == "Next: switch sides"
    await same_time(page, served)

    # Pause with a tap: the engine is paused at once (a bound a busy machine keeps; `make bench`
    # measures the tap to the engine's event: a few milliseconds).
    tapped = time.monotonic()
    await page.click("#toggle")
    while not served.engine.paused:
        assert time.monotonic() - tapped < 1.0, "the engine was not paused within a second"
        await asyncio.sleep(0.002)
    await expect(page.locator("#phase")).to_have_text("PAUSED")
    assert await text(page, "#toggle") == "Resume"

    # A second page sees the same state.
    other = await browser.new_page()
    await other.goto(served.url)
    await expect(other.locator("#phase")).to_have_text("PAUSED")
    for selector in ("#move", "#side", "#time", "#next"):
        assert await text(other, selector) == await text(page, selector)
    await same_time(other, served)

    # A command from the terminal's side reaches both pages.
    served.engine.resume()
    for each in (page, other):
        await expect(each.locator("#phase")).to_have_text("WORK")


async def test_the_page_asks_for_a_token(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    response = await page.goto(served.url.split("?")[0])
    assert response.status == 401

"""The page on a phone's screen: every button in sight and big enough, upright and on its side,
a clock that fits, text that can be read in light and dark, and words for screen readers."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import CONTRASTS, Serve, Served, routine
from tests.browser.test_page import text

pytestmark = pytest.mark.slow  # a real browser on the real clock

SIZES = [(390, 844), (360, 640), (320, 568), (844, 390), (640, 360)]


async def fits(page: Any) -> None:
    """No scrolling; every control inside the viewport and at least 44 px each way."""
    width, height = await page.evaluate("[innerWidth, innerHeight]")
    assert await page.evaluate("document.documentElement.scrollHeight") <= height
    assert await page.evaluate("document.documentElement.scrollWidth") <= width
    buttons = page.locator("#controls button:visible")
    assert await buttons.count() >= 6
    for n in range(await buttons.count()):
        box = await buttons.nth(n).bounding_box()
        name = await buttons.nth(n).text_content()
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
        assert box["x"] >= 0 and box["y"] >= 0, (name, box)
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, (name, box)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_button_is_in_sight(
    served: Served, browser: Any, width: int, height: int
) -> None:
    page = await browser.new_page(viewport={"width": width, "height": height})
    await page.add_init_script("delete Navigator.prototype.wakeLock;")  # the awake button shows
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    await expect(page.locator("#awake")).to_be_visible()
    await fits(page)
    if width > height:  # on its side: the controls beside the clock, not under it
        clock = await page.locator("#time").bounding_box()
        controls = await page.locator("#controls").bounding_box()
        assert controls["x"] >= clock["x"] + clock["width"] - 1


async def test_a_long_clock_fits_a_small_phone(serve: Serve, browser: Any) -> None:
    served = await serve(routine(("Calf sweep", 754)))
    page = await browser.new_page(viewport={"width": 320, "height": 568})
    await page.goto(served.url)
    served.engine.next()
    served.engine.pause()
    await expect(page.locator("#time")).to_have_text("12:34")
    for shown in ("12:34", "99:59"):
        if shown == "99:59":  # longer than a move may be: the widest a clock can read
            await page.evaluate(
                "document.getElementById('clock').textContent = '99:59';"
                "window.dispatchEvent(new Event('resize'))"
            )
        span = await page.locator("#clock").bounding_box()
        box = await page.locator("#time").bounding_box()
        assert span["x"] >= box["x"] and span["x"] + span["width"] <= box["x"] + box["width"]
        assert span["x"] + span["width"] <= 320
        assert span["height"] >= 60, "the clock shrank more than it had to"


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_all_text_is_readable_in_every_state(serve: Serve, browser: Any, scheme: str) -> None:
    served = await serve(routine(("Calf sweep", 60), ("Quad roll", 45)))
    page = await browser.new_page(color_scheme=scheme, viewport={"width": 390, "height": 844})
    await page.goto(served.url)
    seen: set[str] = set()

    async def check(state: str) -> None:
        await expect(page.locator("#phase")).to_have_text(state)
        low = [c for c in await page.evaluate(CONTRASTS) if c[2] < 4.5]
        assert not low, f"{scheme}, {state}: {low}"
        seen.add(state)

    await check("GET READY")
    served.engine.next()
    await check("WORK")  # and the left side's band
    await page.click("#controls button[data-command=hold]")
    await check("HOLD")
    assert await text(page, "#controls button[data-command=hold]") == "Release"
    await page.click("#controls button[data-command=hold]")
    await expect(page.locator("#controls button[data-command=hold]")).to_have_text("Hold")
    served.engine.next()
    await check("SWITCH SIDES")
    served.engine.next()
    await check("WORK")  # the right side's band
    await page.click("#controls button[data-command=toggle]")
    await check("PAUSED")
    await served.server.stop()
    await check("CONNECTION LOST")
    await served.server.start()
    await expect(page.locator("body")).to_have_attribute("data-connection", "live", timeout=12000)
    served.engine.quit()
    served.wake.set()
    await check("STOPPED")
    assert len(seen) == 7


async def test_step_changes_are_announced(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    await page.goto(served.url)
    assert await page.get_attribute("#announce", "aria-live") == "polite"
    await expect(page.locator("#announce")).to_have_text("GET READY: Calf sweep, left side")
    await page.click("#controls button[data-command=next]")
    await expect(page.locator("#announce")).to_have_text("WORK: Calf sweep, left side")
    assert await page.get_attribute("#time", "aria-live") == "off"  # not every second


async def test_a_wrong_link_opens_a_page_that_says_so(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    for url, status in (
        (served.url.split("?")[0], 401),
        (served.url[:-4] + "xxxx", 403),
    ):
        response = await page.goto(url)
        assert response.status == status
        await expect(page.locator("h1")).to_have_text("This link is not valid")
        assert "QR code" in await page.inner_text("body")
        assert "{" not in await page.inner_text("body")
        low = [c for c in await page.evaluate(CONTRASTS) if c[2] < 4.5]
        assert not low
    # A script asking for JSON keeps JSON.
    answer = await page.request.get(
        served.url[:-4] + "xxxx", headers={"Accept": "application/json"}
    )
    assert answer.status == 403 and "error" in await answer.json()

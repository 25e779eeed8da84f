"""The page's rating rows: a row of 0-10 per side in the get-ready step before a move, a tap
rates without pausing, the score chosen shows, and every score button is in sight on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Serve, Served, bundled
from tests.browser.test_layout import fits
from unknot.core.events import Event, Rated

pytestmark = pytest.mark.slow  # a real browser on the real clock

SIZES = [(390, 844), (360, 640), (844, 390)]


async def in_sight(page: Any) -> None:
    """Every score button at least 44 px each way and inside the viewport; the clock and the
    figure still shown."""
    width, height = await page.evaluate("[innerWidth, innerHeight]")
    scores = page.locator("#rating button")
    assert await scores.count() == 22
    for n in range(await scores.count()):
        box = await scores.nth(n).bounding_box()
        name = await scores.nth(n).get_attribute("aria-label")
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
        assert box["x"] >= 0 and box["y"] >= 0, (name, box)
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, (name, box)
    for part, least in (("#clock", 0.08 * height), ("#figure svg", 30)):
        box = await page.locator(part).bounding_box()
        assert box is not None and box["height"] >= least, (part, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (part, box)
    # The digits whole inside their box (which hides what overflows), under the figure.
    clock = await page.locator("#clock").bounding_box()
    room = await page.locator("#time").bounding_box()
    figure = await page.locator("#figure svg").bounding_box()
    assert (
        clock["y"] >= room["y"] - 1
        and clock["y"] + clock["height"] <= room["y"] + room["height"] + 1
    )
    assert (
        clock["x"] >= room["x"] - 1 and clock["x"] + clock["width"] <= room["x"] + room["width"] + 1
    )
    assert figure["y"] + figure["height"] <= clock["y"] + 1


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_tap_rates_a_side_and_shows_the_score(
    serve: Serve, browser: Any, width: int, height: int
) -> None:
    served = await serve(bundled("pre-run-five-muscles"))
    heard: list[Event] = []
    served.engine.listen(heard.append)
    page = await browser.new_page(viewport={"width": width, "height": height})
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    await expect(page.locator("#rating .row")).to_have_count(2)
    await expect(page.locator("#figure svg")).to_be_visible()
    await in_sight(page)
    await fits(page)
    await page.click("#rating .row[data-side=left] button[data-score='7']")
    await expect(page.locator("#rating .row[data-side=left] .name")).to_have_text("Left 7")
    chosen = page.locator("#rating .row[data-side=left] button[data-score='7']")
    await expect(chosen).to_have_attribute("aria-pressed", "true")
    rated = [e for e in heard if isinstance(e, Rated)]
    assert [(e.side, e.score, e.when) for e in rated] == [("left", 7, "before")]
    assert served.engine.state == "running"  # rating never pauses
    await page.click("#rating .row[data-side=right] button[data-score='10']")
    await expect(page.locator("#rating .row[data-side=right] .name")).to_have_text("Right 10")


async def test_the_rows_show_only_while_a_rating_is_invited(served: Served, browser: Any) -> None:
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    await page.goto(served.url)
    await expect(page.locator("#rating")).to_be_visible()
    served.engine.next()  # the left side's work: no rating invited
    served.wake.set()
    await expect(page.locator("#phase")).to_have_text("WORK")
    await expect(page.locator("#rating")).to_be_hidden()
    served.engine.next()  # switch
    served.engine.next()  # the right side, the move's last work step: "after"
    served.wake.set()
    await expect(page.locator("#rating .ask")).to_contain_text("after")
    base, token = served.url.split("?t=")
    answer = await page.request.get(base + "state", headers={"Authorization": "Bearer " + token})
    state = await answer.json()
    assert state["rating"]["when"] == "after" and state["rating"]["sides"] == ["left", "right"]
    await page.click("#rating .row[data-side=right] button[data-score='3']")
    await expect(page.locator("#rating .row[data-side=right] .name")).to_have_text("Right 3")

"""The move's figure on the phone page: inline SVG under its name, as wide as the page, on the
side the runner is on, without taking the clock's room."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Serve, bundled

pytestmark = pytest.mark.slow  # a real browser on the real clock


@pytest.mark.parametrize(("width", "height"), [(390, 844), (360, 640), (844, 390)])
async def test_the_figure_shows_under_the_move_and_follows_the_side(
    serve: Serve, browser: Any, width: int, height: int
) -> None:
    served = await serve(bundled("pre-run-five-muscles"))
    page = await browser.new_page(viewport={"width": width, "height": height})
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    svg = page.locator("#figure svg")
    await expect(svg).to_have_count(1)
    # Getting ready for the IT band shows it already, on the left side it leads to.
    assert "left side" in (await page.locator("#figure svg title").text_content() or "")
    move = await page.locator("#move").bounding_box()
    picture = await svg.bounding_box()
    clock = await page.locator("#clock").bounding_box()
    view = await page.locator("#view").bounding_box()
    assert picture["y"] >= move["y"] + move["height"] - 1  # under the move's name
    assert picture["y"] + picture["height"] <= clock["y"] + 1  # above the clock, not over it
    assert picture["width"] >= 0.6 * view["width"] or picture["height"] >= 0.2 * height
    assert clock["height"] >= 0.12 * height  # the clock keeps its size
    following = page.locator("button[data-command=next]")
    await following.click()  # to the IT band's left side
    await expect(page.locator("#phase")).to_have_text("WORK")
    await following.click()  # past it, to switching sides
    await expect(page.locator("#phase")).to_have_text("SWITCH SIDES")
    await expect(page.locator("#figure svg title")).to_contain_text("right side")


async def test_a_move_without_a_pose_shows_no_figure(served: Any, browser: Any) -> None:
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    await page.wait_for_timeout(300)
    assert await page.locator("#figure svg").count() == 0
    assert not await page.locator("#figure").is_visible()

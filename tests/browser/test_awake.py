"""The screen stays on: the Wake Lock API where the browser has it, a muted looping video where
it has not (plain HTTP on a phone), and plain advice where neither can run."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Served

pytestmark = pytest.mark.slow  # a real browser on the real clock

NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"
# A Wake Lock API that grants every request and can be released from the test.
FAKE_WAKE_LOCK = """
window.__requests = 0;
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get() {
  return { request: async () => {
    window.__requests += 1;
    const lock = new EventTarget();
    window.__lock = lock;
    return lock;
  } };
} });
"""
NO_VIDEO = (
    "HTMLMediaElement.prototype.play = function () { return Promise.reject(new Error('no')); };"
)


async def awake(page: Any) -> str:
    return str(await page.evaluate("document.body.dataset.awake"))


async def test_without_the_wake_lock_api_a_tap_plays_a_video(served: Served, browser: Any) -> None:
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    await page.add_init_script(NO_WAKE_LOCK)
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    assert await page.evaluate("'wakeLock' in navigator") is False
    assert await awake(page) == "none"
    await expect(page.locator("#awake")).to_be_visible()
    await page.click("#awake")
    await expect(page.locator("body")).to_have_attribute("data-awake", "video")
    playing = await page.wait_for_function(
        "() => { const v = document.querySelector('video#keeper');"
        " return v && !v.paused && v.muted && v.loop && v.currentTime > 0; }",
        timeout=5000,
    )
    assert playing
    assert not served.engine.paused, "the tap that keeps the screen on paused the session"
    await expect(page.locator("#awake")).to_be_hidden()
    # Hidden and shown again (the phone locked, or another app): the video plays again.
    await page.evaluate("document.querySelector('video#keeper').pause()")
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    await page.wait_for_function("() => !document.querySelector('video#keeper').paused")
    assert await awake(page) == "video"


async def test_the_wake_lock_api_is_used_and_taken_again(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    await page.add_init_script(FAKE_WAKE_LOCK)
    await page.goto(served.url)
    await expect(page.locator("body")).to_have_attribute("data-awake", "wakelock")
    assert await page.evaluate("window.__requests") == 1
    await expect(page.locator("#awake")).to_be_hidden()
    # The browser releases it (the page was hidden); visible again, it is taken again.
    await page.evaluate("window.__lock.dispatchEvent(new Event('release'))")
    await expect(page.locator("body")).to_have_attribute("data-awake", "none")
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    await expect(page.locator("body")).to_have_attribute("data-awake", "wakelock")
    assert await page.evaluate("window.__requests") == 2
    assert await page.locator("video").count() == 0


async def test_where_neither_can_run_the_page_says_how(served: Served, browser: Any) -> None:
    page = await browser.new_page()
    await page.add_init_script(NO_WAKE_LOCK + NO_VIDEO)
    await page.goto(served.url)
    await expect(page.locator("#phase")).to_have_text("GET READY")
    await page.click("#awake")
    await expect(page.locator("#advice")).to_be_visible()
    assert "screen timeout" in str(await page.text_content("#advice"))
    assert await awake(page) == "none"
    assert not served.engine.paused

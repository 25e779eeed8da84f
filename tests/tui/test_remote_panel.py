"""The session screen's remote: started with the session, its URL and QR code shown, commands
from a browser shown on the terminal at once, and keys to hide the code and stop the server."""

from __future__ import annotations

import asyncio

from aiohttp import ClientConnectionError, ClientSession
from textual.widgets import Static

from tests.tui.conftest import make_app, screen_text
from unknot.core.clock import FakeClock
from unknot.data.library import Entry
from unknot.tui.app import UnknotApp
from unknot.tui.screens.session import SessionScreen
from unknot.tui.widgets.remote_panel import RemotePanel, qr_lines


async def remote_app(entry: Entry) -> tuple[UnknotApp, FakeClock]:
    clock = FakeClock()
    app = make_app(clock, start=entry, remote=("127.0.0.1", 0))
    return app, clock


async def until(predicate: object, pilot: object) -> None:
    for _ in range(200):
        if predicate():  # type: ignore[operator]
            return
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    raise AssertionError("never happened")


async def test_a_command_from_the_browser_shows_on_the_terminal(twelve_entry: Entry) -> None:
    app, _ = await remote_app(twelve_entry)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(lambda: screen.remote.running, pilot)
        url = screen.remote.url
        assert url.startswith("http://127.0.0.1:") and "/?t=" in url
        await pilot.pause()
        shown = screen_text(app)
        assert url in shown  # the status line
        assert qr_lines(url)[1].strip() in shown  # the code, beside the clock
        async with ClientSession() as http:
            response = await http.post(url.replace("/?", "/control?"), json={"command": "pause"})
            assert response.status == 200
            assert (await response.json())["paused"] is True
            await pilot.pause()
            assert screen.session.paused
            assert "PAUSED" in str(screen.query_one("#banner", Static).render())
            # The other way round: a key on the terminal changes what the browser reads.
            await pilot.press("space", "n")
            state = await (await http.get(url.replace("/?", "/state?"))).json()
            assert state["paused"] is False and state["step"]["index"] == 1


async def test_keys_hide_the_code_and_stop_the_remote(twelve_entry: Entry) -> None:
    app, _ = await remote_app(twelve_entry)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(lambda: screen.remote.running, pilot)
        url = screen.remote.url
        panel = screen.query_one(RemotePanel)
        assert panel.display
        await pilot.press("c")
        assert not panel.display
        await pilot.press("c")
        assert panel.display
        await pilot.press("r")
        await until(lambda: not screen.remote.running, pilot)
        assert not panel.display
        assert url not in screen_text(app)
        async with ClientSession() as http:
            try:
                await http.get(url.replace("/?", "/state?"))
            except ClientConnectionError:
                pass
            else:
                raise AssertionError("the server still answers")
        await pilot.press("r")  # on again, with the same token
        await until(lambda: screen.remote.running, pilot)
        assert screen.remote.url.endswith(url.split("?")[1])


async def test_a_small_window_keeps_the_clock_and_the_url(twelve_entry: Entry) -> None:
    app, _ = await remote_app(twelve_entry)
    async with app.run_test(size=(60, 18)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(lambda: screen.remote.running, pilot)
        await pilot.pause()
        assert not screen.query_one(RemotePanel).display


async def test_the_server_stops_with_the_session(twelve_entry: Entry) -> None:
    app, clock = await remote_app(twelve_entry)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(lambda: screen.remote.running, pilot)
        clock.advance(60)
        screen.sync()
        await until(lambda: not screen.remote.running, pilot)
        await asyncio.sleep(0)


def test_the_qr_code_is_small() -> None:
    lines = qr_lines("http://192.168.100.100:8421/?t=" + "A" * 22)
    assert len(lines) <= 17 and all(len(line) <= 33 for line in lines)


async def test_a_busy_port_is_told_and_the_session_goes_on(twelve_entry: Entry) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        clock = FakeClock()
        app = make_app(clock, start=twelve_entry, remote=("127.0.0.1", port))
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            await until(lambda: screen.remote.problem, pilot)
            await pilot.pause()
            assert not screen.remote.running
            status = str(screen.query_one("#status", Static).render())
            assert status.startswith(
                f"remote off: the remote cannot listen on 127.0.0.1, port {port}"
            )
            assert not screen.query_one(RemotePanel).display
            assert screen.session.state == "running"

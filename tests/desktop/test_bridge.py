"""The bridge in this process, on a bus of the tests' own, driving a real engine on a fake
clock: every media key reaches the engine as a control, and the desktop hears every change."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbus_fast.aio import MessageBus

from tests.desktop.fakes import MPRIS, FakeDesktop, press, read, start_desktop, title
from unknot.core.clock import FakeClock
from unknot.core.controls import VOCABULARY, Control
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.data.library import load_file
from unknot.desktop.bridge import NO_BUS, DesktopBridge
from unknot.desktop.calls import has_owner
from unknot.desktop.media_keys import MPRIS_CONTROLS, NO_MEDIA_KEY
from unknot.desktop.mpris import step_title


def test_every_media_key_is_a_control_and_the_rest_are_named() -> None:
    assert set(MPRIS_CONTROLS) == {"PlayPause", "Play", "Pause", "Next", "Previous", "Stop"}
    assert all(isinstance(c, Control) for c in MPRIS_CONTROLS.values())
    everything = {info.control for info in VOCABULARY}
    assert set(MPRIS_CONTROLS.values()) | NO_MEDIA_KEY == everything
    assert not set(MPRIS_CONTROLS.values()) & NO_MEDIA_KEY


def engine_for(path: Path, clock: FakeClock) -> Session:
    entry = load_file(path)
    return Session(
        build_plan(entry.routine), clock=clock, routine_id=entry.id, routine_name=entry.routine.name
    )


def test_titles_name_the_move_and_the_side(twelve: Path, clock: FakeClock) -> None:
    steps = engine_for(twelve, clock).plan.steps
    assert [step_title(s) for s in steps[2:6]] == [
        "Get ready: Bravo",
        "Bravo, left side",
        "Switch sides",
        "Bravo, right side",
    ]
    assert step_title(steps[1]) == "Alpha"


async def started(engine: Session, **kwargs: bool) -> DesktopBridge:
    bridge = DesktopBridge(**kwargs)
    engine.start()
    assert await bridge.start(engine, engine.apply)
    return bridge


async def test_media_keys_drive_the_engine(
    twelve: Path, clock: FakeClock, desktop: FakeDesktop, client: MessageBus
) -> None:
    engine = engine_for(twelve, clock)
    bridge = await started(engine)
    assert bridge.name == MPRIS
    assert await read(client, "PlaybackStatus") == "Playing"
    await press(client, "PlayPause")
    assert engine.paused
    assert await read(client, "PlaybackStatus") == "Paused"
    await press(client, "Play")
    assert engine.state == "running"
    await press(client, "Next")
    await press(client, "Next")
    assert engine.index == 2
    assert title(await read(client, "Metadata")) == "Get ready: Bravo"
    await press(client, "Next")
    meta = await read(client, "Metadata")
    assert title(meta) == "Bravo, left side"
    assert isinstance(meta, dict)
    assert meta["xesam:artist"].value == ["Twelve seconds"]
    assert meta["mpris:length"].value == 2_000_000
    assert meta["mpris:trackid"].value == "/org/unknot/step/3"
    clock.advance(0.5)
    assert await read(client, "Position") == 500_000
    await press(client, "Previous")  # within 3 s of its start: the step before
    assert engine.index == 2
    assert await read(client, "CanSeek") is False
    await press(client, "Pause")
    await press(client, "Pause")  # idempotent, as everywhere
    assert engine.paused
    await bridge.stop()


async def test_the_screen_is_kept_on_until_the_end_and_a_notice_says_so(
    twelve: Path, clock: FakeClock, desktop: FakeDesktop, client: MessageBus
) -> None:
    engine = engine_for(twelve, clock)
    bridge = await started(engine)
    assert bridge.keeper.by == "screensaver"
    assert len(desktop.held) == 1
    await press(client, "PlayPause")
    assert len(desktop.held) == 1, "kept while paused: the screen still tells where they are"
    await press(client, "Stop")
    assert engine.finished and engine.result is not None
    assert engine.result.status == "stopped"
    await bridge.wait()
    assert desktop.held == {}
    assert [kind for kind, _ in desktop.log] == ["inhibit", "uninhibit"]
    assert desktop.notifications == [], "stopped by someone right there: no notice"
    assert not await has_owner(client, MPRIS), "the player leaves the bus with the session"


async def test_a_finished_session_says_so_with_the_routine_and_the_time(
    twelve: Path, clock: FakeClock, desktop: FakeDesktop, client: MessageBus
) -> None:
    engine = engine_for(twelve, clock)
    bridge = await started(engine)
    clock.advance(60)
    engine.update()
    await bridge.wait()
    assert desktop.notifications == [("Session complete", "Twelve seconds - 0:12")]
    assert desktop.held == {}


async def test_notifications_can_be_turned_off(
    two: Path, clock: FakeClock, desktop: FakeDesktop
) -> None:
    engine = engine_for(two, clock)
    bridge = await started(engine, notifications=False)
    clock.advance(60)
    engine.update()
    await bridge.wait()
    assert desktop.notifications == []
    assert desktop.held == {}


async def test_a_second_unknot_takes_an_instance_name(
    two: Path, clock: FakeClock, desktop: FakeDesktop, client: MessageBus
) -> None:
    first = await started(engine_for(two, clock))
    second = await started(engine_for(two, FakeClock()))
    assert first.name == MPRIS
    assert second.name.startswith(MPRIS + ".instance")
    assert await read(client, "PlaybackStatus", name=second.name) == "Playing"
    await first.stop()
    await second.stop()


async def test_the_portal_keeps_the_screen_on_where_no_screen_saver_answers(
    two: Path, clock: FakeClock, session_bus: str
) -> None:
    portal = await start_desktop(screensaver=False, portal=True)
    bridge = await started(engine_for(two, clock))
    assert bridge.keeper.by == "portal"
    assert len(portal.held) == 1
    await bridge.stop()
    assert portal.held == {}
    assert [kind for kind, _ in portal.log] == ["portal-inhibit", "portal-close"]
    portal.bus.disconnect()


async def test_without_a_screen_saver_the_session_goes_on_and_says_why(
    two: Path, clock: FakeClock, session_bus: str
) -> None:
    bridge = await started(engine_for(two, clock))
    assert not bridge.keeper.held
    assert "ServiceUnknown" in bridge.problem
    await bridge.stop()


async def test_without_a_bus_nothing_happens(
    two: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    engine = engine_for(two, clock)
    bridge = DesktopBridge()
    engine.start()
    assert not await bridge.start(engine, engine.apply)
    assert bridge.problem == NO_BUS
    assert not bridge.running


async def test_a_bus_that_is_gone_is_a_problem_not_a_crash(
    two: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    engine = engine_for(two, clock)
    bridge = DesktopBridge()
    engine.start()
    assert not await bridge.start(engine, engine.apply)
    assert bridge.problem.startswith("cannot reach the session bus")

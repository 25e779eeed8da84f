"""The picker's minutes field and the "Build a session" screen, through Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, SelectionList, Static

from tests.tui.conftest import Harness, record_notifications
from unknot.core.plan import build_plan
from unknot.data.library import find
from unknot.tui.screens.build import BuildScreen
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.session import SessionScreen


async def test_minutes_in_the_picker_fit_the_routine(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"uw five", "tab", *"8", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert abs(build_plan(screen.entry.routine).total_seconds - 480) <= 5
        assert len(screen.entry.routine.moves) == 3
        assert screen.entry.digest != find("uw-five-moves").digest


async def test_too_few_minutes_in_the_picker_start_nothing(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    said = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"uw five", "tab", *"1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("needs at least 3 min" in message for message in said)


async def test_build_a_session_previews_saves_and_starts(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BuildScreen)
        preview = screen.query_one("#preview", Static)
        assert "Built maintenance" in str(preview.render())
        minutes = screen.query_one("#build-minutes", Input)
        minutes.value = "6"
        areas = screen.query_one("#areas", SelectionList)
        areas.select("calves")
        areas.select("glutes")
        await pilot.pause()
        text = str(preview.render())
        # Six minutes hold the calves only: the name says so, and the glutes' move is dropped.
        assert text.startswith("Built maintenance: calves\n1 move, 5:59")
        assert "Dropped for time (1 move; more minutes keep them): Gluteus medius" in text
        assert screen.built is not None
        assert abs(build_plan(screen.built.routine).total_seconds - 360) <= 5
        minutes.value = "0.2"
        await pilot.pause()
        assert "needs at least" in str(preview.render())
        minutes.value = "6"
        screen.query_one("#save-id", Input).value = "my-calves"
        await pilot.click("#save")
        await pilot.pause()
        assert (unknot_home / "routines" / "my-calves.toml").is_file()
        assert "Saved as my-calves" in str(screen.query_one("#status", Static).render())
        assert abs(build_plan(find("my-calves").routine).total_seconds - 360) <= 5
        screen.query_one("#save", Button).press()  # never over an existing file
        await pilot.pause()
        assert "already exists" in str(screen.query_one("#status", Static).render())
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.entry.routine.name.startswith("Built maintenance: calves")


async def test_back_from_the_build_screen(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, BuildScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)

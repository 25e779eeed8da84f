"""The picker through Pilot: filtering, details, broken files, starting a routine."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tests.tui.conftest import Harness, screen_text
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.session import SessionScreen


async def test_lists_filters_and_starts(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        options = screen.query_one("#routines", OptionList)
        assert options.option_count >= 8
        await pilot.press(*"uw five")
        assert options.option_count == 1
        detail = str(screen.query_one("#detail", Static).render())
        assert "Outer hip ball massage" in detail and "UW Medicine" in detail
        await pilot.press("escape")
        assert options.option_count >= 8
        await pilot.press(*"zzzz")
        assert options.option_count == 0
        await pilot.press("enter")  # nothing to start
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape", *"pre-run", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.entry.routine.purpose == "pre-run"


async def test_broken_files_are_listed_apart(unknot_home: Path) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    (folder / "oops.toml").write_text('name = "x"\nsummary = "y"\nmoves = []\n')
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        broken = harness.app.screen.query_one("#broken", Static)
        assert broken.display
        assert f"{folder / 'oops.toml'}: moves: must not be empty" in str(broken.render())
        assert harness.app.screen.query_one("#routines", OptionList).option_count >= 8


async def test_command_palette_starts_a_routine(unknot_home: Path) -> None:
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"foam roller six")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.entry.id == "foam-rolling-six"


async def test_every_printable_character_goes_into_the_filter(unknot_home: Path) -> None:
    """Capitals, `?` and `q` are text; history, build, help and quit are on keys that are not,
    and the title and the footer name them."""
    harness = Harness()
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"hipHB?q")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one("#filter", Input).value == "hipHB?q"
        shown = screen_text(app)
        title = shown.splitlines()[0]
        footer = shown.splitlines()[-1]
        for key, word in (("^b", "build"), ("^r", "history"), ("f1", "keys")):
            assert f"{key} {word}" in title
        assert "History" in footer and "Build" in footer
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        await pilot.press("escape", "ctrl+b")
        await pilot.pause()
        assert type(app.screen).__name__ == "BuildScreen"

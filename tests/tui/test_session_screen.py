"""The session screen through Pilot: keys in, fake time forward, widgets and cues out."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tests.tui.conftest import Harness, screen_text
from unknot import startup
from unknot.core.controls import Control
from unknot.data.library import find
from unknot.tui.dialogs.confirm import ConfirmQuit
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.session import SessionScreen
from unknot.tui.screens.summary import SummaryScreen
from unknot.tui.widgets.bigclock import BigClock, BlockTitle, SideBand


def text(app: App[Any], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def digits(app: App[Any]) -> str:
    return app.screen.query_one("#clock", BigClock).text


async def test_runs_pauses_and_freezes(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "GET READY" in text(app, "#banner")
        assert app.screen.query_one("#move", BlockTitle).text == "Alpha"
        harness.advance(1.5)
        await pilot.pause()
        assert "WORK" in text(app, "#banner")
        assert digits(app) == "0:02"
        await pilot.press("space")
        assert "PAUSED" in text(app, "#banner")
        assert app.screen.has_class("-paused")
        frozen = digits(app)
        harness.advance(30)
        await pilot.pause()
        assert digits(app) == frozen
        await pilot.press("space")
        harness.advance(0.5)
        await pilot.pause()
        assert digits(app) == "0:01"  # 1 s of the 2 s step done; the pause did not count
        assert harness.player.tones[:2] == ["ready", "go"]


async def test_next_back_hold_and_time(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("n", "n", "n")
        assert screen.session.index == 3
        assert screen.query_one(SideBand).side == "LEFT"
        await pilot.press("right")
        assert screen.session.index == 4 and "SWITCH" in text(app, "#banner")
        await pilot.press("n")
        assert screen.query_one(SideBand).side == "RIGHT"
        await pilot.press("b")
        assert screen.session.index == 4
        await pilot.press("left")
        assert screen.session.index == 3
        await pilot.press("h")
        assert "HOLD" in text(app, "#banner")
        assert "hold" in harness.player.tones
        await pilot.press("plus")
        assert screen.session.remaining() == 32
        await pilot.press("minus")
        assert screen.session.remaining() == 2
        assert "Next: switch sides" in text(app, "#next")


async def test_quit_asks_first(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # stopped, then the summary


async def test_summary_then_back_to_the_picker(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")  # not a work step: ignored
        harness.advance(1.2)
        await pilot.press("h")
        harness.advance(100)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        table = text(app, "#summary-table")
        assert "3 of 3" in table and "Holds taken    1" in table
        assert "SESSION COMPLETE" in text(app, "#summary-title")
        assert harness.player.tones[-1] == "done"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_markup_like_names_show_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(
        'name = "[b]Bold[/b] routine"\nsummary = "[red]x"\n[[moves]]\n'
        'name = "Quads [/bold] roll"\nduration = 5\nhow = "[link=x]press[/]"\n'
        'cautions = ["[/]"]\n'
    )
    harness = Harness(start=find(str(path)))
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert harness.app.screen.query_one("#move", BlockTitle).text == "Quads [/bold] roll"
        assert "Quads [/bold] roll" in text(harness.app, "#banner")
        assert "[link=x]press[/]" in text(harness.app, "#how")
        assert "[/]" in text(harness.app, "#how")


async def test_a_moves_caution_shows_in_a_small_window() -> None:
    # IT band's how-to is longer than the few rows an 80x24 window gives it.
    harness = Harness(start=find("pre-run-five-muscles"))
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(harness.app).split())
        assert "⚠ Keep the roller off the bony point of the hip" in shown


def clock_rows(app: object) -> int:
    """How many rows the clock's glyphs take: 1 for the one-row fallback."""
    size = app.screen.query_one("#clock", BigClock).font_size  # type: ignore[attr-defined]
    return 1 if size is None else size.rows


def clock_on_screen(app: object) -> bool:
    """The remaining time is within the visible screen, drawn or as text."""
    clock = app.screen.query_one("#clock", BigClock)  # type: ignore[attr-defined]
    region = clock.region
    screen_height = app.screen.size.height  # type: ignore[attr-defined]
    return bool(
        clock.display and region.height >= clock_rows(app) and region.bottom <= screen_height - 1
    )


async def test_the_clock_follows_the_window(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(1.5)
        await pilot.pause()
        assert clock_rows(app) >= 10
        seen = [clock_rows(app)]
        for size in [(200, 60), (80, 24), (40, 12), (20, 6), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert clock_on_screen(app), size
            seen.append(clock_rows(app))
        assert seen[1] >= 20  # 200x60
        assert seen[1] > seen[0] >= seen[2] > seen[3] > seen[4] == 1  # 80x24, 40x12, 20x6
        assert seen[5] == seen[0]  # and back
        assert digits(app) == "0:02"
        assert isinstance(app.screen, SessionScreen)


async def test_a_click_on_the_clock_pauses_and_resumes(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.click("#clock", offset=(2, 1))  # anywhere on it, not just the digits
        await pilot.pause()
        assert screen.session.paused and "PAUSED" in text(app, "#banner")
        await pilot.click("#clock", offset=(50, 6))
        await pilot.pause()
        assert not screen.session.paused


async def test_the_footer_keys_are_clickable(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        keys = {key.description: key for key in screen.query(FooterKey)}
        await pilot.click(keys["Pause"])
        await pilot.pause()
        assert screen.session.paused
        keys = {key.description: key for key in screen.query(FooterKey)}  # now says Resume
        assert "Resume" in keys and "Pause" not in keys
        await pilot.click(keys["Next"])
        await pilot.pause()
        assert screen.session.index == 1


async def test_wakes_only_when_something_changes(harness: Harness) -> None:
    """The screen schedules one timer, for the next visible change or engine deadline."""
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        harness.advance(0.25)
        timer = screen._timer
        assert timer is not None
        # 0.75 s to the transition's end, which is also when the display changes.
        assert abs(timer._interval - 0.752) < 1e-6
        await pilot.press("space")
        assert screen._timer is None  # paused: nothing to wake for


async def test_mute_and_voice_are_visible(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "sound: recording" in text(app, "#status")
        assert "voice on" in text(app, "#status")
        await pilot.press("v")
        assert "voice off" in text(app, "#status")
        await pilot.press("m")
        assert "SOUND OFF" in text(app, "#status")
        played = len(harness.player.played)
        await pilot.press("n")
        assert len(harness.player.played) == played  # muted: nothing more was played
        await pilot.press("m")
        await pilot.press("n")
        assert len(harness.player.played) == played + 1


async def test_pause_and_resume_are_idempotent_and_p_toggles(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.apply_control(Control.RESUME)
        assert screen.session.state == "running"
        screen.apply_control(Control.PAUSE)
        screen.apply_control(Control.PAUSE)
        assert screen.session.paused
        await pilot.press("p")
        assert screen.session.state == "running"
        await pilot.press("p")
        assert screen.session.paused
        screen.apply_control(Control.RESUME)
        screen.apply_control(Control.RESUME)
        assert screen.session.state == "running"
        screen.apply_control(Control.STOP)  # from the phone or a media key: no question
        await pilot.pause()
        assert screen.session.finished


async def test_the_full_screen_player_turns_it_on_once_its_first_frame_is_out(
    harness: Harness,
) -> None:
    """The garbage collector, held off while unknot starts (unknot.startup)."""
    startup.hold()  # as `unknot run` does before anything is imported
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, SessionScreen)
        assert gc.isenabled()

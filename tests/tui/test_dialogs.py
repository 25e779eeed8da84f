"""Every dialog says in words what it is about and what its keys do, at small and large sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import Harness, record_notifications, screen_text, shown_in, shown_when
from tests.tui.test_history_screens import interrupted
from unknot.audio import BellPlayer
from unknot.data import paths
from unknot.data.library import Entry, find
from unknot.history.store import History
from unknot.tui.app import UnknotApp
from unknot.tui.dialogs.confirm import ConfirmQuit
from unknot.tui.dialogs.help import HelpScreen
from unknot.tui.dialogs.resume import ResumeDialog
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.session import SessionScreen
from unknot.tui.screens.summary import SummaryScreen

SIZES = [(80, 24), (200, 50)]


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_every_key_of_the_session_screen(
    harness: Harness, size: tuple[int, int]
) -> None:
    app = harness.app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for binding in SessionScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.tooltip, f"{binding.key} has no help text"
            if binding.action == "control('resume')":
                continue  # space says "pause" while running, "resume" while paused
            assert binding.tooltip in shown, binding.tooltip
        assert "space" in shown and "n / →" in shown and "escape" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_help_follows_the_screen_it_opens_from(unknot_home: Path) -> None:
    harness = Harness()
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, PickerScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(harness.app.screen, HelpScreen)
        shown = screen_text(harness.app)
        assert "start the chosen routine" in shown and "past sessions" in shown
        assert "skip the rest of this step" not in shown


@pytest.mark.parametrize("size", SIZES)
async def test_quit_says_what_it_does_and_ends_at_the_summary(
    harness: Harness, size: tuple[int, int]
) -> None:
    app = harness.app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        harness.advance(1.5)  # into Alpha, 0:02 left
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        shown = screen_text(app)
        assert "Stop this session?" in shown
        assert "It is saved as stopped at Alpha, 0:02 left." in shown
        assert "stop and see the summary" in shown and "keep going" in shown
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "SESSION ENDED" in screen_text(app)
    history = History(paths.history_db())
    assert [r.status for r in history.sessions()] == ["stopped"]
    history.close()


@pytest.mark.parametrize("size", SIZES)
async def test_resume_offer_names_routine_move_and_time(
    unknot_home: Path, size: tuple[int, int]
) -> None:
    entry = find("pre-run-five-muscles")
    interrupted(entry, 10 + 60 + 5 + 50)  # IT band, right side, 10 s left
    harness = Harness()
    async with harness.app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, ResumeDialog)
        shown = await shown_when(harness.app, pilot, "#dialog", f"Resume {entry.routine.name}?")
        assert "stopped at IT band, right side, 0:10 left." in shown
        assert "resume there" in shown and "start over from the first move" in shown


async def test_start_over_abandons_and_escape_keeps_it(unknot_home: Path) -> None:
    entry = find("pre-run-five-muscles")
    interrupted(entry, 30)
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(harness.app.screen, PickerScreen)
    history = History(paths.history_db())
    assert [r.status for r in history.sessions()] == ["interrupted"]
    history.close()
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, SessionScreen) and screen.session.index == 0
    history = History(paths.history_db())
    assert [r.status for r in history.sessions()][-1] == "abandoned"
    history.close()


async def test_q_in_the_picker_types_in_the_filter_and_ctrl_q_quits(unknot_home: Path) -> None:
    harness = Harness()
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(harness.app.screen, PickerScreen)  # "q" is a filter ("quad")
        assert harness.app.screen.query_one("#filter", Input).value == "q"
        assert harness.app.return_code is None
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
        assert harness.app.return_code == 0  # exit asked for, no dialog in between


async def test_a_second_session_asks_first_and_stops_the_first(
    unknot_home: Path, twelve_entry: Entry
) -> None:
    harness = Harness(start=twelve_entry)
    app = harness.app
    other = find("pre-run-five-muscles")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = app.screen
        assert isinstance(first, SessionScreen)
        running: SessionScreen = first
        app.start_session(other)
        await pilot.pause()
        shown = await shown_when(app, pilot, "#dialog", f"Start {other.routine.name}?")
        assert "saved as stopped at getting ready for Alpha" in shown
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is running and not running.session.finished
        app.start_session(other)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, SessionScreen) and second.entry.id == other.id
        assert running.session.finished
    history = History(paths.history_db())
    statuses = {r.routine_id: r.status for r in history.sessions()}
    history.close()
    assert statuses[twelve_entry.id] == "stopped"


async def footer_showing(app: UnknotApp, pilot: Pilot[int], word: str) -> str:
    """The footer's line once it shows `word`: on a busy machine it can draw its keys a frame
    after the rest of the screen."""
    footer = ""
    for _ in range(300):
        footer = screen_text(app).splitlines()[-1]
        if word in footer:
            return footer
        await pilot.pause(0.01)
    raise AssertionError(f"the footer never showed {word!r}: {footer!r}")


async def test_footer_says_resume_while_paused(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await footer_showing(app, pilot, "Pause")
        await pilot.press("space")
        footer = await footer_showing(app, pilot, "Resume")
        assert "Pause" not in footer
        await pilot.press("space")
        await pilot.pause()
        assert harness.app.screen.query_one("#banner").render() is not None
        assert not isinstance(app.screen, HelpScreen)
        await footer_showing(app, pilot, "Pause")


async def test_settings_problems_are_shown_once(unknot_home: Path, twelve_entry: Entry) -> None:
    harness = Harness(start=twelve_entry)
    harness.app.sessions.notices("settings.toml: weekly_goal must be a whole number; using 2")
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "weekly_goal must be a whole number" in screen_text(harness.app)


async def test_notices_in_a_session_go_to_the_status_line_not_a_toast(harness: Harness) -> None:
    app = harness.app
    said = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.tell("Sound: no audio device; using the terminal bell")
        await pilot.pause()
        assert said == []
        assert "no audio device" in screen_text(app)


async def test_the_bell_and_why_show_in_the_status_line_once(twelve_entry: Entry) -> None:
    harness = Harness(
        start=twelve_entry, player=BellPlayer(ring=lambda: None, reason="no sound device found")
    )
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = shown_in(harness.app, "#status")
        assert status.startswith("sound: terminal bell (no sound device found)")
        assert status.count("no sound device found") == 1


async def test_adding_time_stops_at_the_cap_and_says_so(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(1.5)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for _ in range(25):
            await pilot.press("plus")
        await pilot.pause()
        assert screen.session.remaining() == pytest.approx(1.5 + 600)  # 1.5 s were left
        assert "At most 10:00 can be added to one step." in shown_in(app, "#status")


async def test_a_final_write_that_failed_is_said_on_the_summary(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.recorder.final_write_failed = True
        screen.recorder.final_message = "the disk is full; this session is saved at the next start"
        harness.advance(100)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await shown_when(app, pilot, "#summary-notice", "the disk is full")


async def test_words_in_the_picker_count_right(unknot_home: Path) -> None:
    (unknot_home / "routines").mkdir()
    (unknot_home / "routines" / "one.toml").write_text(
        'name = "Just one"\nsummary = "s"\n[[moves]]\nname = "Palm press"\nduration = 30\n'
    )
    harness = Harness()
    async with harness.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("J", "u", "s", "t")
        await pilot.pause()
        shown = screen_text(harness.app)
        assert "1 move ·" in shown and "1 moves" not in shown
        assert "Palm press  30 s once" in shown  # no tool named for a move without one


async def test_help_lists_the_apps_priority_keys_over_the_screens_plumbing(
    unknot_home: Path,
) -> None:
    """Textual's screens bind ctrl+c to copying; the App's ctrl+c (priority) is what works."""
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert "quit at once (a session is saved as stopped)" in screen_text(harness.app)


@pytest.mark.parametrize("key", ["q", "question_mark"])
async def test_the_quit_question_and_help_pause_the_session_and_say_so(
    harness: Harness, key: str
) -> None:
    """The time the quit question names stays true while it is open; help waits too. Closing
    either carries on from the same place."""
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(1.5)  # into Alpha, 0:02 left
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen_stack[-2]
        assert isinstance(screen, SessionScreen)
        assert screen.session.paused
        assert "Paused while you decide" in screen_text(app) or (
            "the session waits while this is open" in screen_text(app)
        )
        harness.advance(30)  # the dialog stays open a while
        await pilot.pause()
        assert "Alpha, 0:02 left" in screen.where()
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.session.paused
        assert app.screen is screen

"""The "Build a session" screen by keyboard, its plan, "from my log", and small windows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, RadioSet, Static

from tests.tui.conftest import Harness, screen_text
from unknot.data import paths
from unknot.data.library import find
from unknot.history.ratings import save_rating
from unknot.history.store import History
from unknot.tui.app import UnknotApp
from unknot.tui.dialogs.help import HelpScreen
from unknot.tui.screens.build import CHOICES, FROM_LOG, TOO_SMALL, BuildScreen
from unknot.tui.screens.picker import SHORT_TITLE, TITLE


async def _open(app: UnknotApp, pilot: object) -> BuildScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    await pilot.press("ctrl+b")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BuildScreen)
    return screen


def _preview(screen: BuildScreen) -> str:
    return str(screen.query_one("#preview", Static).render())


async def test_every_focus_stop_shows_it_has_the_focus(unknot_home: Path) -> None:
    app = Harness().app
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        chain = list(screen.focus_chain)
        assert len(chain) == 8
        for widget in chain:
            screen.set_focus(None)
            await pilot.pause()
            unfocused = app.export_screenshot()
            screen.set_focus(widget)
            await pilot.pause()
            assert app.export_screenshot() != unfocused, f"no sign of focus on {widget!r}"


async def test_enter_in_the_id_field_saves_and_the_field_fits_at_80x24(
    unknot_home: Path,
) -> None:
    app = Harness().app
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        field = screen.query_one("#save-id", Input)
        assert field.content_region.width >= 12
        field.focus()
        await pilot.press(*"my-feet", "enter")
        await pilot.pause()
        assert (unknot_home / "routines" / "my-feet.toml").is_file()
        assert "Saved as my-feet" in str(screen.query_one("#status", Static).render())
        assert screen.focused is field
        await pilot.press("shift+tab")
        assert screen.focused is screen.query_one("#start")


async def test_question_mark_in_the_minutes_field_opens_help(unknot_home: Path) -> None:
    app = Harness().app
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert screen.focused is screen.query_one("#build-minutes")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#build-minutes", Input).value == "10"


async def test_the_plan_shows_moves_with_tools_first_and_folds_the_drops(
    unknot_home: Path,
) -> None:
    app = Harness().app
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        built = screen.built
        assert built is not None
        lines = _preview(screen).splitlines()
        assert lines[0] == built.routine.name
        first = built.routine.moves[0]
        assert f"{first.name} · {first.tool.replace('-', ' ')} ·" in lines[2]
        assert not any(line.startswith("Note") or line.startswith("dropped") for line in lines)
        assert sum(line.startswith("Dropped for time (") for line in lines) == 1
        # The name is made of what is in the session, whole words, no "...".
        assert "..." not in built.routine.name
        assert "neck" not in built.routine.name.lower()
        # The first move and its tool are in sight at 80x24, not below the fold.
        assert f"{first.name} · {first.tool.replace('-', ' ')}" in screen_text(app)
        screen.query_one("#save-id", Input).value = "ten"
        screen.save()
        assert find("ten").routine.name == built.routine.name


async def test_from_my_log_puts_the_sorest_area_first_and_says_why(unknot_home: Path) -> None:
    history = History(paths.history_db())
    session = history.begin(
        routine_id="r", routine_name="R", digest="d", moves_total=1, planned_seconds=60
    )
    assert session is not None
    at = datetime.now(UTC).isoformat(timespec="seconds")
    for side, score in (("left", 7), ("right", 3)):
        save_rating(history, session, area="quads", side=side, when="before", score=score, at=at)
    history.close()
    app = Harness().app
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        screen.query_one("#purpose", RadioSet).focus()
        await pilot.press(*["down"] * CHOICES.index(FROM_LOG), "enter")
        await pilot.pause()
        assert screen.from_log()
        built = screen.built
        assert built is not None
        assert built.picks[0][0].area == "quads"
        text = _preview(screen)
        assert "quads: sorest lately, 7 of 10 on its sorer side; 2.4x the time" in text
        assert "calves: not rated lately; a run works it" in text
        assert text.index("quads: sorest") > text.index(built.routine.moves[-1].name)


async def test_from_my_log_with_no_ratings_says_so(unknot_home: Path) -> None:
    app = Harness().app
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        screen.query_one("#purpose", RadioSet).focus()
        await pilot.press(*["down"] * CHOICES.index(FROM_LOG), "enter")
        await pilot.pause()
        assert "no ratings yet: this is the default maintenance session" in _preview(screen)
        assert screen.built is not None
        assert screen.built.routine.name.startswith("Built maintenance: feet")


async def test_at_40x12_the_build_screen_says_what_size_it_needs(unknot_home: Path) -> None:
    app = Harness().app
    async with app.run_test(size=(40, 12)) as pilot:
        await _open(app, pilot)
        text = screen_text(app)
        # The screen's own title stays on top: another screen's narrow rules do not hide it.
        assert text.splitlines()[0].strip().startswith("build a session")
        assert " ".join(TOO_SMALL.split()) in " ".join(text.split())


async def test_the_picker_title_fits_at_80x24_and_40x12(unknot_home: Path) -> None:
    for size, title in (((80, 24), TITLE), ((40, 12), SHORT_TITLE)):
        app = Harness().app
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert screen_text(app).splitlines()[0].strip() == title


async def test_history_at_40x12_shows_its_sessions(unknot_home: Path) -> None:
    app = Harness().app
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.size.height >= 5
        assert "No sessions" in screen_text(app)
        assert "This week" in screen_text(app)

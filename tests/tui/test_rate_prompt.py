"""The session screen asks how tender each side is in the steps that invite a rating, in the
status line (where it covers nothing that counts down), and settings can turn the ask off."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import Harness, shown_in
from unknot.audio import RecordingPlayer
from unknot.core.clock import FakeClock
from unknot.data import paths
from unknot.data.library import Entry
from unknot.data.settings import Settings, load_settings
from unknot.history.store import History
from unknot.session import SessionOptions, Sessions
from unknot.tui.app import UnknotApp
from unknot.tui.screens.session import SessionScreen

SIZE = (120, 30)


async def test_the_status_line_asks_before_and_after_a_move_and_shows_the_scores(
    harness: Harness,
) -> None:
    app = harness.app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Alpha (no sides), getting ready: before.
        assert "rate before: 0-9, t=10" in shown_in(app, "#status")
        await pilot.press("7")
        await pilot.pause()
        assert "rate before: 0-9, t=10 (7)" in shown_in(app, "#status")
        harness.advance(1.0)  # Alpha's work, its last: after
        await pilot.pause()
        assert "rate after: 0-9, t=10" in shown_in(app, "#status")
        harness.advance(2.0)  # getting ready for Bravo, two sides: left, then right
        await pilot.pause()
        assert "rate before: left 0-9, t=10" in shown_in(app, "#status")
        await pilot.press("3")
        await pilot.pause()
        assert "rate before: right 0-9, t=10 (left 3)" in shown_in(app, "#status")
        await pilot.press("t")
        await pilot.pause()
        assert "(left 3, right 10)" in shown_in(app, "#status")
        harness.advance(1.0)  # Bravo's left side: nothing asked
        await pilot.pause()
        assert "rate " not in shown_in(app, "#status")


async def test_rate_prompts_off_keeps_the_keys(unknot_home: Path, twelve_entry: Entry) -> None:
    clock = FakeClock()
    sessions = Sessions(
        SessionOptions(clock=clock),
        player=RecordingPlayer(clock),
        history=History(paths.history_db()),
        settings=Settings(rate_prompts=False),
    )
    app = UnknotApp(sessions, start=twelve_entry)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "rate" not in shown_in(app, "#status")
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "Rated Alpha 5 (before)" in shown_in(app, "#status")
        assert "rate before" not in shown_in(app, "#status")


def test_the_setting_is_read_and_checked(tmp_path: Path) -> None:
    file = tmp_path / "settings.toml"
    file.write_text("rate_prompts = false\n")
    assert load_settings(file).rate_prompts is False
    assert load_settings(tmp_path / "none.toml").rate_prompts is True
    file.write_text('rate_prompts = "no"\n')
    problem = load_settings(file).problem
    assert problem.endswith("rate_prompts: 'no' is not true or false; using the defaults")

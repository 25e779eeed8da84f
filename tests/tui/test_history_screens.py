"""Resume offers and the history screen, through Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.tui.conftest import Harness, screen_text
from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.data import paths
from unknot.data.library import Entry, find
from unknot.history.recorder import Recorder
from unknot.history.store import History
from unknot.tui.dialogs.resume import ResumeDialog
from unknot.tui.screens.history import HistoryScreen
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.session import SessionScreen


def interrupted(entry: Entry, seconds: float) -> None:
    """Leave an interrupted session behind, as a killed process would."""
    history = History(paths.history_db())
    clock = FakeClock()
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(history, session, entry)
    session.start()
    clock.advance(seconds)
    session.update()
    recorder.checkpoint(force=True)
    assert history.db is not None
    history.db.execute("UPDATE sessions SET pid = 0")  # its process is gone
    history.close()


async def test_unknot_offers_to_resume(unknot_home: Path) -> None:
    entry = find("pre-run-five-muscles")
    interrupted(entry, 10 + 60 + 5 + 50)  # IT band, right side, 10 s left
    harness = Harness()
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = harness.app.screen
        assert isinstance(dialog, ResumeDialog)
        texts = " ".join(str(w.render()) for w in dialog.query(Static))
        assert "Resume Pre-run: five muscles?" in texts
        assert "stopped at IT band, right side, 0:10 left." in texts
        await pilot.press("y")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.index == 3 and screen.session.remaining() == 10


async def test_history_screen(unknot_home: Path, twelve_entry: Entry) -> None:
    harness = Harness(start=twelve_entry)
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(100)
        await pilot.pause()
        await pilot.press("enter")  # summary -> picker
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        assert "Twelve seconds" in str(table.get_row_at(0)[1])
        goal = str(screen.query_one("#goal", Static).render())
        assert "1 of 2 sessions, 1 to go" in goal
        areas = str(screen.query_one("#areas", Static).render())
        assert "Alpha" in areas and "Bravo" in areas
        await pilot.press("escape")
        assert isinstance(harness.app.screen, PickerScreen)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_history_columns_fit_the_window(unknot_home: Path, size: tuple[int, int]) -> None:
    long_name = find("trigger-point-maintenance")
    interrupted(long_name, 125)
    interrupted(find("pre-run-five-muscles"), 5)
    harness = Harness()
    async with harness.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("escape", "ctrl+r")
        await pilot.pause()
        lines = screen_text(harness.app).splitlines()
        header = ["when", "routine", "status", "time", "moves", "skip", "holds"]
        assert lines[1].split()[:7] == header
        row = lines[2].split()
        assert "interrupted" in row and "0/5" in row and "0:05" in row
        name = long_name.routine.name
        # The whole name where it fits, else its start and "…"
        assert any(name in line or (f"{name[:10]}" in line and "…" in line) for line in lines)


async def test_run_resume_and_fresh_in_the_player(unknot_home: Path) -> None:
    entry = find("pre-run-five-muscles")
    interrupted(entry, 10 + 60 + 5 + 50)
    resumed = Harness(start=entry, resume=True)  # as `unknot run ROUTINE --resume`
    async with resumed.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = resumed.app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.index == 3 and screen.session.remaining() == 10
        assert "Resuming" in resumed.app.status_message
    interrupted(entry, 30)
    fresh = Harness(start=entry, fresh=True)  # as `unknot run ROUTINE --fresh`
    async with fresh.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = fresh.app.screen
        assert isinstance(screen, SessionScreen) and screen.session.index == 0
    history = History(paths.history_db())
    assert "abandoned" in [r.status for r in history.sessions()]
    history.close()

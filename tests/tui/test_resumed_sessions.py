"""A resumed session is the same session: fitted as it was, and counted whole on every screen."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import Harness, screen_text, shown_when
from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.data import paths
from unknot.data.built import fit_entry
from unknot.data.library import Entry, find
from unknot.history.recorder import Recorder
from unknot.history.store import History
from unknot.tui.dialogs.resume import ResumeDialog
from unknot.tui.screens.session import SessionScreen
from unknot.tui.screens.summary import SummaryScreen
from unknot.tui.widgets.meter import Meter

THREE_MINUTES = 180


def killed_with_a_hold(entry: Entry) -> None:
    """A session of `entry` that took a hold in IT band's left side, finished that side and was
    killed 7 s into the right side (the fitted plan: 10 s get ready, 38 s a side, 5 s switch)."""
    history = History(paths.history_db())
    clock = FakeClock()
    session = Session(build_plan(entry.routine), clock=clock, routine_id=entry.id)
    recorder = Recorder(history, session, entry)
    session.start()
    clock.advance(12)
    session.update()
    session.hold()
    for _ in range(48):  # a second at a time, as a front end wakes
        clock.advance(1)
        session.update()
        recorder.tick()
    assert session.index == 3, session.index
    recorder.checkpoint(force=True)
    assert history.db is not None
    history.db.execute("UPDATE sessions SET pid = 0")  # its process is gone
    history.close()


def fitted_five_muscles() -> Entry:
    return fit_entry(find("pre-run-five-muscles"), THREE_MINUTES)[0]


async def test_a_fitted_session_resumes_from_the_picker(unknot_home: Path) -> None:
    killed_with_a_hold(fitted_five_muscles())
    harness = Harness()  # `unknot`: the picker, which offers the interrupted session
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(harness.app.screen, ResumeDialog)
        shown = await shown_when(harness.app, pilot, "#dialog", "Resume Pre-run: five muscles?")
        assert "cannot be resumed" not in shown
        await pilot.press("y")
        await pilot.pause()
        screen = harness.app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.entry.fit_seconds == THREE_MINUTES
        assert screen.session.plan.total_seconds == THREE_MINUTES
        assert screen.session.index == 3


async def test_summary_meter_and_history_count_the_whole_resumed_session(
    unknot_home: Path,
) -> None:
    killed_with_a_hold(fitted_five_muscles())
    harness = Harness(start=fitted_five_muscles(), resume=True)  # `run --minutes 3 --resume`
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        harness.advance(1)
        await pilot.pause()
        # 61 s of 180 behind it: the meter starts a third full, not empty.
        assert 0.3 < screen.query_one("#session-bar", Meter).fraction < 0.37
        harness.advance(10)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        result = app.screen.result
        shown = screen_text(app)
    history = History(paths.history_db())
    [row] = history.sessions()
    history.close()
    assert result.holds == 1 == row.holds
    assert result.moves_total == 2 == row.moves_total
    assert abs(result.active_seconds - row.active_seconds) < 0.01
    assert 70 < row.active_seconds < 72  # 60 s before the kill, 11 s after the resume
    assert "Holds taken    1" in shown
    assert "Active time    1:11" in shown


def test_run_resume_without_minutes_carries_on_the_fitted_session(unknot_home: Path) -> None:
    from unknot.history.resume import choose_resume

    killed_with_a_hold(fitted_five_muscles())
    history = History(paths.history_db())
    choice = choose_resume(history, find("pre-run-five-muscles"), resume=True, fresh=False)
    history.close()
    assert choice.row is not None and choice.entry is not None
    assert choice.entry.fit_seconds == THREE_MINUTES
    assert choice.message.startswith("Resuming Pre-run: five muscles: IT band, right side")

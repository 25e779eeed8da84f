"""The summary's table of the session's ratings: what was rated shows, and a digit on a cell adds
or corrects a score in history, replacing the earlier one."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui.conftest import Harness, shown_in
from unknot.data import paths
from unknot.data.library import Entry
from unknot.history.ratings import ratings
from unknot.history.store import History
from unknot.tui.screens.picker import PickerScreen
from unknot.tui.screens.summary import SummaryScreen
from unknot.tui.widgets.ratings_table import RatingsTable


async def rated_then_ended(harness: Harness, pilot: Pilot[Any]) -> None:
    """Rate Alpha 7 in its get-ready step, then let the session run to its end."""
    await pilot.pause()
    await pilot.press("7")
    harness.advance(60)
    await pilot.pause()


async def test_the_summary_shows_the_ratings_and_corrects_them(twelve_entry: Entry) -> None:
    harness = Harness(start=twelve_entry)
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await rated_then_ended(harness, pilot)
        assert isinstance(app.screen, SummaryScreen)
        table = app.screen.query_one(RatingsTable)
        assert table.get_row_at(0) == ["Alpha", "7", "·", "–", "–"]
        assert [row[0] for row in (table.get_row_at(n) for n in range(3))] == [
            "Alpha",
            "Bravo",
            "Charlie",
        ]
        await pilot.press("right", "4")  # Alpha after: 4
        await pilot.press("left", "2")  # Alpha before: 7 corrected to 2
        await pilot.press("down", "right", "right", "t")  # Bravo right before: 10
        await pilot.pause()
        assert table.get_row_at(0) == ["Alpha", "2", "4", "–", "–"]
        assert table.get_row_at(1) == ["Bravo", "·", "·", "10", "·"]
        assert "Bravo: right before 10" in shown_in(app, "#summary-rate-help")
        await pilot.press("up", "right", "right", "5")  # Alpha has no right side
        await pilot.pause()
        assert "pick a side's cell" in shown_in(app, "#summary-rate-help")
        stored = {(r.area, r.side, r.when): r.score for r in ratings(History(paths.history_db()))}
        assert stored == {
            ("Alpha", None, "before"): 2,
            ("Alpha", None, "after"): 4,
            ("Bravo", "right", "before"): 10,
        }
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


def test_summary_with_ratings_at_80x24(snap_compare: Any, twelve_entry: Entry) -> None:
    harness = Harness(start=twelve_entry)

    async def run_before(pilot: Pilot[Any]) -> None:
        await rated_then_ended(harness, pilot)
        await pilot.press("down", "t")

    assert snap_compare(harness.app, terminal_size=(80, 24), run_before=run_before)

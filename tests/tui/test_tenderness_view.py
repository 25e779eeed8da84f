"""The tenderness view: each rated area's sides as trends, flagged areas first, at 80x24 and
120x40, and what it says with nothing yet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Sparkline, Static

from unknot.history.ratings import save_rating
from unknot.history.store import History
from unknot.tui.screens.tenderness import EMPTY, TendernessScreen

SnapCompare = Callable[..., bool]

# Four weeks of sessions: calves sorer on the left, the IT band even and easing.
LOG = [
    ("calves", (6, 2), (7, 3), (6, 4), (7, 4), (6, 3)),
    ("it-band", (5, 5), (4, 5), (3, 3), (3, 2), (2, 2)),
]


def filled(path: Path) -> History:
    history = History(path)
    now = datetime.now(UTC)
    for n in range(5):
        session = history.begin(
            routine_id="r", routine_name="R", digest="d", moves_total=2, planned_seconds=60
        )
        assert session is not None
        at = (now - timedelta(days=7 * (4 - n))).isoformat(timespec="seconds")
        for area, *scores in LOG:
            left, right = scores[n]
            for side, score in (("left", left), ("right", right)):
                save_rating(
                    history, session, area=area, side=side, when="before", score=score, at=at
                )
    return history


class Viewer(App[None]):
    def __init__(self, history: History) -> None:
        super().__init__()
        self.history = history

    def on_mount(self) -> None:
        self.push_screen(TendernessScreen(self.history))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_both_sides_trends_flagged_first(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(Viewer(filled(tmp_path / "h.sqlite3")), terminal_size=size)


def test_nothing_yet(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(Viewer(History(tmp_path / "h.sqlite3")), terminal_size=(80, 24))


async def test_the_view_holds_two_trends_per_area_in_sight_at_80x24(tmp_path: Path) -> None:
    app = Viewer(filled(tmp_path / "h.sqlite3"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = app.screen.query(Sparkline)
        assert len(lines) == 4
        assert [list(s.data or []) for s in lines][:2] == [[6, 7, 6, 7, 6], [2, 3, 4, 4, 3]]
        titles = [str(s.render()) for s in app.screen.query(".area-title").results(Static)]
        assert titles[0].startswith("Calves") and "left side is sorer" in titles[0]
        assert all(s.region.bottom <= 23 for s in lines)  # all four in sight above the footer

    empty = Viewer(History(tmp_path / "empty.sqlite3"))
    async with empty.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(empty.screen.query_one("#tenderness-empty", Static).render()) == EMPTY

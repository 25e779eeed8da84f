"""The move's figure on the session screen: beside the how-to, never at the clock's cost."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from tests.tui.conftest import Harness
from unknot.data.library import find
from unknot.tui.widgets.figure import FigureView


def _braille(widget: Widget) -> int:
    return sum(
        1
        for y in range(widget.size.height)
        for segment in widget.render_line(y)
        for char in segment.text
        if 0x2800 < ord(char) <= 0x28FF
    )


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (200, 60)])
async def test_the_figure_sits_beside_the_how_to(size: tuple[int, int]) -> None:
    harness = Harness(start=find("pre-run-five-muscles"))
    app = harness.app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        harness.advance(12)  # into the IT band, left side
        await pilot.pause()
        figure = app.screen.query_one(FigureView)
        how = app.screen.query_one("#how").region
        clock = app.screen.query_one("#clock").region
        assert figure.region.height >= 4
        assert figure.region.y == how.y and figure.region.x >= how.right
        assert figure.region.bottom <= clock.y
        assert _braille(figure) > 20
        shape = figure.figure()
        assert shape is not None and shape.target == "left_thigh"
        if size[1] >= 40:
            assert clock.height >= 12


async def test_the_figure_follows_the_side_and_goes_first_in_a_small_window() -> None:
    harness = Harness(start=find("pre-run-five-muscles"))
    app = harness.app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        harness.advance(12 + 60)  # the switch: the figure already shows the right side
        await pilot.pause()
        shape = app.screen.query_one(FigureView).figure()
        assert shape is not None and shape.target == "right_thigh"
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not app.screen.query_one(FigureView).region.height


async def test_a_move_without_a_pose_shows_no_figure(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(FigureView).region.height

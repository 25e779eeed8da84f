"""SVG snapshots of the screens a user sees, on a frozen clock.

`snap_compare` must be called from a plain (sync) test. Update with `pytest --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import Harness
from unknot.data.library import Entry, find

SnapCompare = Callable[..., bool]


def _session(
    steps: Callable[[Harness], None], *keys: str
) -> tuple[Harness, Callable[[Pilot[Any]], Awaitable[None]]]:
    harness = Harness(start=find("pre-run-five-muscles"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        steps(harness)
        await pilot.press(*keys)
        await pilot.pause()

    return harness, run_before


def test_picker(snap_compare: SnapCompare) -> None:
    harness = Harness()
    assert snap_compare(harness.app, terminal_size=(100, 30))


# From a small laptop window to a big screen across the room.
SIZES = [(40, 12), (80, 24), (100, 30), (200, 60)]
size_ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.mark.parametrize("size", SIZES, ids=size_ids)
def test_sided_work_step(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    harness, before = _session(lambda h: h.advance(23.4))
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=size_ids)
def test_hold(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    harness, before = _session(lambda h: h.advance(15), "h")
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=size_ids)
def test_switch(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    # 10 s to get ready and a minute on the left: two seconds into the switch.
    harness, before = _session(lambda h: h.advance(72))
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=size_ids)
def test_get_ready(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    harness, before = _session(lambda h: h.advance(4.5))
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=size_ids)
def test_paused(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    harness, before = _session(lambda h: h.advance(4.5), "space")
    assert snap_compare(harness.app, terminal_size=size, run_before=before)


def test_summary(snap_compare: SnapCompare, twelve_entry: Entry) -> None:
    harness = Harness(start=twelve_entry)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("n")
        harness.advance(1)
        await pilot.press("h")
        harness.advance(60)
        await pilot.pause()

    assert snap_compare(harness.app, terminal_size=(80, 24), run_before=run_before)


def test_tiny_terminal(snap_compare: SnapCompare) -> None:
    """At 20x6 everything else gives way; the time stays."""
    harness, before = _session(lambda h: h.advance(23.4))
    assert snap_compare(harness.app, terminal_size=(20, 6), run_before=before)

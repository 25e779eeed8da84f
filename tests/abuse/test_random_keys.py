"""Random key sequences, fast repeats and resizes through the player: no crash, and the engine's
invariants hold after every burst."""

from __future__ import annotations

import random

import pytest

from tests.tui.conftest import Harness
from tests.unit.test_engine_properties import check
from unknot.data.library import find
from unknot.tui.screens.session import SessionScreen

KEYS = [
    "space",
    "n",
    "b",
    "h",
    "plus",
    "minus",
    "m",
    "v",
    "right",
    "left",
    "question_mark",
    "escape",
    "q",
    "n",
    "y",
    "enter",
    "x",
    "H",
]
SIZES = [(80, 24), (40, 12), (30, 8), (120, 40), (100, 30)]


@pytest.mark.parametrize("seed", range(6))
async def test_random_keys(seed: int) -> None:
    rng = random.Random(seed)
    harness = Harness(start=find("pre-run-five-muscles"))
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(40):
            burst = rng.choice(["keys", "repeat", "resize", "time"])
            if burst == "keys":
                await pilot.press(*rng.choices(KEYS, k=rng.randint(1, 6)))
            elif burst == "repeat":
                await pilot.press(*[rng.choice(KEYS[:10])] * rng.randint(10, 30))
            elif burst == "resize":
                await pilot.resize_terminal(*rng.choice(SIZES))
            else:
                harness.advance(rng.choice([0.3, 1, 7, 60, 400]))
            await pilot.pause()
            if not app.is_running:
                break
            screen = app.screen
            if isinstance(screen, SessionScreen):
                check(screen.session)

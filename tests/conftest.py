"""Shared fixtures: an isolated UNKNOT_HOME for every test, and helpers to write routines."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from unknot.core.clock import FakeClock

# Locally every run explores new examples; in CI the same examples run every time, so a red build
# means a change broke something rather than a lucky draw.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


TWELVE_SECONDS = """\
name = "Twelve seconds"
summary = "Three short moves for testing the timeline."
transition = "1s"
switch = "1s"

[[moves]]
name = "Alpha"
tool = "foam-roller"
duration = 2

[[moves]]
name = "Bravo"
tool = "massage-ball"
duration = 2
sides = "each"
hold = "1s"

[[moves]]
name = "Charlie"
tool = "hands"
duration = 2
"""


@pytest.fixture(autouse=True)
def unknot_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("UNKNOT_HOME", str(home))
    yield home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def twelve(tmp_path: Path) -> Path:
    path = tmp_path / "twelve.toml"
    path.write_text(TWELVE_SECONDS)
    return path


# For tests that only need a real session to run to its end: each second of a routine run on the
# real clock is a second of the test suite.
TWO_SECONDS = """\
name = "Two seconds"
summary = "One short move for tests that need a session to end."
transition = "1s"

[[moves]]
name = "Alpha"
tool = "hands"
duration = 1
"""


@pytest.fixture
def two(tmp_path: Path) -> Path:
    path = tmp_path / "two.toml"
    path.write_text(TWO_SECONDS)
    return path

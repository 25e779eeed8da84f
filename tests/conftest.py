"""Shared fixtures: an isolated UNKNOT_HOME for every test, and helpers to write routines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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

ROOT = Path(__file__).resolve().parent.parent

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


def cli_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UNKNOT_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT / "app")
    return env


def unknot_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "unknot", *args]


def run_cli(
    home: Path, *args: str, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`unknot ARGS` as a user runs it, in a subprocess; standard input closed unless given."""
    return subprocess.run(
        unknot_cmd(*args),
        env=cli_env(home),
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def history_json(home: Path) -> list[dict[str, object]]:
    """What `unknot history --json` says, from a real subprocess."""
    out = subprocess.run(
        unknot_cmd("history", "--json"),
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def plain_run(
    home: Path, routine: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`unknot run ROUTINE --plain --jsonl` as a subprocess with its output piped."""
    return subprocess.Popen(
        unknot_cmd("run", str(routine), "--plain", "--jsonl", *extra),
        env=env if env is not None else cli_env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

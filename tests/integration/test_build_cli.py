"""`unknot moves` and `unknot build` as a user meets them: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.unit.test_catalog import KEYS


def test_moves_json_has_exactly_the_catalog_keys(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "moves", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 25
    assert all(set(row) == KEYS for row in rows)
    calves = json.loads(run_cli(unknot_home, "moves", "--area", "calves", "--json").stdout)
    assert calves and all(row["area"] == "calves" for row in calves)
    balls = json.loads(run_cli(unknot_home, "moves", "--tool", "golf-ball", "--json").stdout)
    assert balls and all("golf-ball" in row["tools"] for row in balls)


def test_moves_text_lists_ids_and_sources(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "moves", "--area", "feet")
    assert result.returncode == 0
    assert "soles-of-the-feet-regimen" in result.stdout
    assert "from: " in result.stdout


@pytest.mark.parametrize(
    ("args", "guess"),
    [
        (["moves", "--area", "calf"], "calves"),
        (["moves", "--tool", "foam"], "foam-roller"),
        (["build", "--minutes", "8", "--areas", "calves,hamstring"], "hamstrings"),
        (["build", "--minutes", "8", "--tools", "lacrose-ball"], "lacrosse-ball"),
        (["build", "--minutes", "8", "--purpose", "warmup"], "warm-up"),
    ],
)
def test_unknown_words_exit_1_naming_the_allowed_and_the_nearest(
    unknot_home: Path, args: list[str], guess: str
) -> None:
    result = run_cli(unknot_home, *args)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "allowed: " in lines[0]
    assert lines[0].endswith(f"did you mean {guess!r}?")


@pytest.mark.parametrize("minutes", ["0", "-1", "181", "eight"])
def test_build_bad_minutes_exit_2(unknot_home: Path, minutes: str) -> None:
    result = run_cli(unknot_home, "build", f"--minutes={minutes}")
    assert result.returncode == 2
    assert result.stderr.startswith("unknot: --minutes: ")


def test_build_too_short_exits_1_with_the_fewest_minutes(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "build", "--minutes", "0.2", "--areas", "upper-back")
    assert result.returncode == 1
    assert "needs at least 2 min" in result.stderr


def test_build_json_is_a_plan(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "build", "--minutes", "8", "--areas", "calves,it-band", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"routine", "total_seconds", "steps", "notes"}
    assert abs(data["total_seconds"] - 480) <= 5
    assert set(data["steps"][0]) == {"index", "kind", "move", "side", "start", "seconds"}


def test_build_save_writes_a_routine_that_validates_and_runs(unknot_home: Path) -> None:
    args = ["build", "--minutes", "6", "--areas", "calves,glutes", "--purpose", "recovery"]
    result = run_cli(unknot_home, *args, "--save", "sore-calves")
    assert result.returncode == 0, result.stderr
    saved = unknot_home / "routines" / "sore-calves.toml"
    assert run_cli(unknot_home, "validate", str(saved)).returncode == 0
    plan = json.loads(run_cli(unknot_home, "plan", "sore-calves", "--json").stdout)
    assert abs(plan["total_seconds"] - 360) <= 5
    ran = run_cli(unknot_home, "run", "sore-calves", "--plain", "--jsonl", "--mute", stdin="q\n")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout.splitlines()[0])["routine"] == "sore-calves"
    before = saved.read_text()
    again = run_cli(unknot_home, "build", "--minutes", "9", "--save", "sore-calves")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"unknot: {saved} already exists; add --force to replace it"
    ]
    assert saved.read_text() == before
    forced = run_cli(unknot_home, "build", "--minutes", "9", "--save", "sore-calves", "--force")
    assert forced.returncode == 0, forced.stderr
    assert saved.read_text() != before


def test_build_save_refuses_a_bad_id(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "build", "--minutes", "9", "--save", "../escape")
    assert result.returncode == 1
    assert "is not a routine id" in result.stderr
    assert not (unknot_home / "escape.toml").exists()

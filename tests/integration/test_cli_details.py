"""The command line's details a new user meets: headed columns, every bad value named, durations
in quotes, and reading history without writing anything."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import run_cli


def test_plan_has_column_headers(unknot_home: Path, twelve: Path) -> None:
    out = run_cli(unknot_home, "plan", str(twelve))
    assert out.returncode == 0, out.stderr
    header = out.stdout.splitlines()[1]
    assert header.split() == ["#", "starts", "lasts", "step"]
    assert out.stdout.splitlines()[2].split()[:3] == ["0", "0:00", "0:01"]


def test_build_names_every_bad_value_one_line_each(unknot_home: Path) -> None:
    out = run_cli(
        unknot_home, "build", "--minutes", "10", "--areas", "calves,quad,nek", "--tools", "rollr"
    )
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert [line.split("'")[1] for line in lines] == ["quad", "nek", "rollr"]
    assert all(line.startswith("unknot: unknown ") for line in lines)
    assert "did you mean 'quads'" in lines[0]


def test_build_help_says_how_its_purposes_map_onto_a_routines(unknot_home: Path) -> None:
    out = run_cli(unknot_home, "build", "--help")
    text = " ".join(out.stdout.split())
    assert "warm-up (a pre-run routine), recovery (a post-run routine)" in text


def test_a_duration_in_quotes_is_the_same_as_the_number(unknot_home: Path, tmp_path: Path) -> None:
    routine = tmp_path / "quoted.toml"
    routine.write_text(
        'name = "Quoted"\nsummary = "s"\n\n[[moves]]\nname = "Neck"\ntool = "hands"\n'
        'duration = "40"\nhold = "0"\n'
    )
    out = run_cli(unknot_home, "validate", str(routine))
    assert out.returncode == 0, out.stderr
    shown = run_cli(unknot_home, "show", str(routine))
    assert "40 s once - no hot-spot hold" in shown.stdout


def test_history_writes_nothing(unknot_home: Path, two: Path) -> None:
    data = unknot_home  # where UNKNOT_HOME puts the history
    before = set(unknot_home.rglob("*"))
    out = run_cli(unknot_home, "history")
    assert out.returncode == 0 and out.stdout.strip() == "No sessions yet."
    assert set(unknot_home.rglob("*")) == before  # no data folder, no database
    assert run_cli(unknot_home, "run", str(two), "--plain", "--mute").returncode == 0
    journals = sorted(data.rglob("*-journal"))
    for journal in journals:
        journal.unlink()
    listing = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    out = run_cli(unknot_home, "history")
    assert out.returncode == 0 and "Two seconds" in out.stdout
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == listing
    assert not any(name.endswith("-journal") for name in os.listdir(data))

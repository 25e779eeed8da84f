"""The body log end to end: ratings typed in plain mode, kept in history, read back."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import run_cli

pytestmark = pytest.mark.slow  # real subprocess sessions on the real clock

# The shortest session with a get-ready step to rate in: the lines typed are all waiting on
# standard input when it starts, so a second's get-ready step reads them with room to spare.
CALVES = """
name = "Calves, short"
summary = "Both calves, briefly."
transition = "1s"
switch = "1s"

[[moves]]
move = "calves-subiaco"
duration = "1s"
"""


def _session(home: Path, routine: Path, left: int, right: int) -> list[dict[str, object]]:
    lines = f"rate left {left}\nrate right {right}\nrate 5\nrate left 11\nrate middle 2\n"
    out = run_cli(home, "run", str(routine), "--plain", "--jsonl", "--mute", stdin=lines)
    assert out.returncode == 0, out.stderr
    errors = [line for line in out.stderr.splitlines() if "nothing was recorded" in line]
    assert len(errors) == 3, out.stderr  # no side, score 11, side 'middle': one line each
    assert "Traceback" not in out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_four_sessions_rated_sorer_on_the_left_flag_the_calves(tmp_path: Path) -> None:
    routine = tmp_path / "calves.toml"
    routine.write_text(CALVES)
    for left, right in ((6, 2), (7, 3), (6, 4), (7, 4)):
        events = _session(tmp_path, routine, left, right)
        rated = [e for e in events if e["event"] == "rated"]
        assert [(e["area"], e["side"], e["score"], e["when"]) for e in rated] == [
            ("calves", "left", left, "before"),
            ("calves", "right", right, "before"),
        ]
        assert events[-1]["event"] == "session_finished"
    out = run_cli(tmp_path, "tenderness", "--summary", "--json")
    assert out.returncode == 0, out.stderr
    [calves] = json.loads(out.stdout)
    assert (calves["area"], calves["flagged"], calves["sorer"]) == ("calves", True, "left")
    assert calves["mean_difference"] == 3.25
    assert [p["score"] for p in calves["left"]] == [6, 7, 6, 7]
    rows = run_cli(tmp_path, "tenderness", "--csv").stdout.splitlines()
    assert rows[0] == "time,routine,area,side,when,score" and len(rows) == 9
    assert rows[1].endswith(",calves,calves,left,before,6")
    text = run_cli(tmp_path, "tenderness", "--summary").stdout
    assert "FLAGGED: the left side is sorer" in text and "not a diagnosis" in text
    built = run_cli(tmp_path, "build", "--minutes", "12", "--from-log", "--json")
    assert built.returncode == 0, built.stderr
    plan = json.loads(built.stdout)
    assert plan["steps"][0]["move"] == "Calves"
    assert any("calves" in note and "sorest" in note for note in plan["notes"]), plan["notes"]
    sessions = run_cli(tmp_path, "history", "--csv").stdout.splitlines()
    assert len(sessions) == 5 and sessions[0].startswith("id,")


def test_with_no_ratings_yet_it_says_so(tmp_path: Path) -> None:
    assert "No ratings yet" in run_cli(tmp_path, "tenderness").stdout
    assert "No ratings in the last 8 weeks" in run_cli(tmp_path, "tenderness", "--summary").stdout
    assert json.loads(run_cli(tmp_path, "tenderness", "--summary", "--json").stdout) == []
    built = run_cli(tmp_path, "build", "--minutes", "12", "--from-log")
    assert built.returncode == 0, built.stderr
    assert "no ratings yet" in built.stdout.lower()


def test_a_session_with_ratings_ends_when_the_same_one_without_them_does(tmp_path: Path) -> None:
    """On the real clock, in real processes run side by side: ratings never move the clock, so
    the session ends within 20 ms of the same session without them (`t` is active time, so a
    pause would not show in it: the result's paused and added seconds must be 0 as well)."""
    routine = tmp_path / "calves.toml"
    routine.write_text(CALVES)
    rates = "".join(f"rate {side} {n}\n" for n in range(11) for side in ("left", "right"))
    homes = [tmp_path / "rated", tmp_path / "unrated"]
    with ThreadPoolExecutor(2) as pool:
        runs = list(
            pool.map(
                lambda home, lines: run_cli(
                    home, "run", str(routine), "--plain", "--jsonl", "--mute", stdin=lines
                ),
                homes,
                [rates, ""],
            )
        )
    ends: list[float] = []
    for out in runs:
        assert out.returncode == 0, out.stderr
        events = [json.loads(line) for line in out.stdout.splitlines()]
        assert events[-1]["event"] == "session_finished"
        ends.append(float(events[-1]["t"]))
        result = events[-1]["result"]
        assert isinstance(result, dict)
        # Neither paused (t counts active time only) nor longer than planned: nothing was added.
        assert result["paused_seconds"] == 0 and result["extension_seconds"] == 0, result
        assert abs(ends[-1] - result["planned_seconds"]) <= 0.020, result
        if out is runs[0]:
            assert sum(e["event"] == "rated" for e in events) == 22
    assert abs(ends[0] - ends[1]) <= 0.020, ends

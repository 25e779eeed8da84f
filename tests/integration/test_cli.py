"""The command line as a user meets it: real subprocesses, real files."""

import json
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import cli_env, run_cli

GOOD = 'name = "T"\nsummary = "s"\n[[moves]]\nname = "M"\ntool = "hands"\nduration = "2m"\n'


def test_list_json(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 5
    for row in rows:
        assert {"id", "name", "purpose", "source", "moves", "total_seconds", "path"} <= set(row)
        assert Path(row["path"]).is_file()


def test_validate_bundled_routines(unknot_home: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    result = run_cli(unknot_home, "validate", str(root / "routines"))
    assert result.returncode == 0, result.stderr


BROKEN = {
    "syntax": ('name = "x\nsummary = "y"\n', "line 1: TOML syntax error"),
    "no-name": (GOOD.replace('name = "T"\n', ""), "name: is required but missing"),
    "negative": (GOOD.replace('"2m"', "-10"), "moves[0].duration: -10 is out of range"),
    "zero": (GOOD.replace('"2m"', '"0s"'), "moves[0].duration: 0 s is out of range"),
    "huge": (GOOD.replace('"2m"', '"600m"'), "moves[0].duration: 600 min is out of range"),
    "unparseable": (GOOD.replace('"2m"', '"soon"'), "moves[0].duration: 'soon' is not a duration"),
    "sides": (
        GOOD + 'sides = "both-ways"\n',
        "moves[0].sides: 'both-ways' is not one of: each, none",
    ),
    "tool": (GOOD.replace('"hands"', '"spoon"'), "moves[0].tool: 'spoon' is not one of:"),
    "misspelt": (GOOD + 'cautons = ["x"]\n', "did you mean 'cautions'?"),
    "empty-moves": ('name = "x"\nsummary = "y"\nmoves = []\n', "moves: must not be empty"),
    "escape": (
        GOOD.replace('name = "M"', 'name = "M\\u001b[31m"'),
        "moves[0].name: contains the control",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_give_one_line_and_exit_1(
    unknot_home: Path, tmp_path: Path, case: str
) -> None:
    text, expected = BROKEN[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text)
    started = time.monotonic()
    result = run_cli(unknot_home, "validate", str(path))
    assert time.monotonic() - started < 5  # interpreter start included; the check itself is ms
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: ") and expected in lines[0], lines
    assert "Traceback" not in result.stderr


def test_binary_junk_and_a_3mb_file(unknot_home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.toml"
    junk.write_bytes(bytes(range(256)) * 8)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 3_000_000)
    result = run_cli(unknot_home, "validate", str(junk), str(big))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{junk}: ") and "UTF-8" in lines[0]
    assert lines[1].startswith(f"{big}: ") and "the limit is 1 MiB" in lines[1]
    assert "Traceback" not in result.stderr


def test_plan_json_of_the_twelve_second_routine(unknot_home: Path, twelve: Path) -> None:
    result = run_cli(unknot_home, "plan", str(twelve), "--json")
    data = json.loads(result.stdout)
    assert data["routine"] == "twelve"
    assert data["total_seconds"] == 12
    assert [s["start"] for s in data["steps"]] == [0, 1, 3, 4, 6, 7, 9, 10]
    assert data["steps"][3] == {
        "index": 3,
        "kind": "work",
        "move": "Bravo",
        "side": "left",
        "start": 4.0,
        "seconds": 2.0,
    }


def test_show_schema_and_usage_errors(unknot_home: Path) -> None:
    shown = run_cli(unknot_home, "show", "pre-run-five-muscles")
    assert shown.returncode == 0
    assert "IT band" in shown.stdout and "Caution:" in shown.stdout
    assert "foam roller - 1 min each side - hot-spot hold 25 s" in shown.stdout
    folder = unknot_home / "routines"
    folder.mkdir()
    (folder / "neck.toml").write_text(
        'name = "Neck"\nsummary = "s"\n[[moves]]\nname = "Sides"\ntool = "hands"\nduration = 60\nhold = 0\n'
    )
    assert "hands - 1 min once - no hot-spot hold" in run_cli(unknot_home, "show", "neck").stdout
    schema = json.loads(run_cli(unknot_home, "schema").stdout)
    assert schema["additionalProperties"] is False
    assert "moves" in schema["required"]
    assert run_cli(unknot_home, "show").returncode == 2
    assert run_cli(unknot_home, "frobnicate").returncode == 2
    missing = run_cli(unknot_home, "show", "no-such-routine")
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1


def test_list_reports_broken_user_file_but_shows_the_rest(unknot_home: Path) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    (folder / "bad.toml").write_bytes(b"\x00\xff junk")
    result = run_cli(unknot_home, "list", "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) >= 5
    assert "bad.toml" in result.stderr and "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_and_logged(unknot_home: Path, tmp_path: Path) -> None:
    # A plan whose routine path is a folder named like a file: an OSError no check expects.
    weird = tmp_path / "folder.toml"
    weird.mkdir()
    result = run_cli(unknot_home, "plan", str(weird))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{weird}: is a folder, not a regular file; only regular files are read as routines"
    )
    code = "import unknot.cli as c; c.COMMANDS['plan'] = lambda a: 1 / 0; raise SystemExit(c.main(['plan', 'x']))"
    import sys

    crashed = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(unknot_home), capture_output=True, text=True
    )
    assert crashed.returncode == 70
    assert "Traceback" not in crashed.stderr
    assert crashed.stderr.count("\n") == 1 and "ZeroDivisionError" in crashed.stderr
    assert "ZeroDivisionError" in (unknot_home / "cache" / "crash.log").read_text()


def test_list_is_bundled_first_then_the_users_each_by_name(unknot_home: Path) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    (folder / "zz.toml").write_text(GOOD.replace('name = "T"', 'name = "aardvark"'))
    (folder / "aa.toml").write_text(GOOD.replace('name = "T"', 'name = "Zebra"'))
    result = run_cli(unknot_home, "list", "--json")
    rows = json.loads(result.stdout)
    assert [r["bundled"] for r in rows] == sorted((r["bundled"] for r in rows), reverse=True)
    bundled = [r["name"] for r in rows if r["bundled"]]
    assert bundled == sorted(bundled, key=str.lower) and len(bundled) >= 5
    assert [r["id"] for r in rows if not r["bundled"]] == ["zz", "aa"]
    text = run_cli(unknot_home, "list").stdout
    assert text.index("aardvark") > text.index(bundled[-1]) and text.index("Zebra") > text.index(
        "aardvark"
    )


@pytest.mark.parametrize("command", [["list"], ["run", "x", "--plain"], ["history"], []])
def test_unknot_home_that_is_a_file(tmp_path: Path, command: list[str]) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    result = run_cli(home, *command)
    assert result.returncode == 1
    assert result.stderr == (
        f"unknot: UNKNOT_HOME is {home}, which is a file, not a folder; "
        "point it at a folder (it is created when missing)\n"
    )
    below = run_cli(home / "sub", "list")
    assert below.returncode == 1
    assert f"but {home} is a file, not a folder" in below.stderr
    assert run_cli(home, "schema").returncode == 0


def test_plan_minutes_fits_the_time_and_notes_the_drops(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "plan", "uw-five-moves", "--minutes", "15", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert abs(data["total_seconds"] - 900) <= 5
    assert data["notes"] == []
    short = json.loads(
        run_cli(unknot_home, "plan", "uw-five-moves", "--minutes", "8", "--json").stdout
    )
    assert abs(short["total_seconds"] - 480) <= 5
    assert len(short["notes"]) == 2
    assert all(note.startswith("dropped ") for note in short["notes"])
    text = run_cli(unknot_home, "plan", "uw-five-moves", "--minutes", "8")
    assert text.stdout.splitlines()[1].startswith("Note: dropped ")


def test_plan_without_minutes_has_no_notes(unknot_home: Path) -> None:
    data = json.loads(run_cli(unknot_home, "plan", "uw-five-moves", "--json").stdout)
    assert data["notes"] == []
    assert data["total_seconds"] == 1325


@pytest.mark.parametrize("command", ["plan", "run"])
@pytest.mark.parametrize("minutes", ["0", "-3", "181", "ten", "nan"])
def test_bad_minutes_exit_2_with_one_line(unknot_home: Path, command: str, minutes: str) -> None:
    extra = ["--plain", "--mute"] if command == "run" else []
    result = run_cli(unknot_home, command, "uw-five-moves", f"--minutes={minutes}", *extra)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("unknot: --minutes: ")
    assert "at most 180" in lines[0]


@pytest.mark.parametrize("command", ["plan", "run"])
def test_too_few_minutes_exit_1_naming_the_fewest(unknot_home: Path, command: str) -> None:
    extra = ["--plain", "--mute"] if command == "run" else []
    result = run_cli(unknot_home, command, "uw-five-moves", "--minutes", "1", *extra)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "unknot: Five best moves: hip, IT band, adductor, calves needs at least 3 min "
        "(its first move at its minimum, with the time to get into position)"
    ]
    assert run_cli(unknot_home, "plan", "uw-five-moves", "--minutes", "3").returncode == 0


def test_run_plain_follows_the_fitted_plan(unknot_home: Path) -> None:
    result = run_cli(
        unknot_home,
        "run",
        "uw-five-moves",
        "--plain",
        "--jsonl",
        "--mute",
        "--minutes",
        "8",
        stdin="q\n",
    )
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["event"] == "session_started"
    assert events[0]["steps"] == 12  # three sided moves of five: 3 x 4 steps
    assert events[1]["seconds"] == 15.0
    assert sum("dropped" in line for line in result.stderr.splitlines()) == 2

"""Plain mode as a script meets it: a real subprocess, its stdin and stdout, a busy machine."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import cli_env, launch, run_cli, unknot_cmd
from unknot.core.controls import words_hint

pytestmark = pytest.mark.slow  # real subprocesses on the real clock

PLAN_STARTS = [0, 1, 3, 4, 6, 7, 9, 10]


@pytest.fixture
def busy_cores() -> Iterator[None]:
    """Both cores kept busy for the length of a test."""
    spin = "import time\nend = time.monotonic() + 60\nwhile time.monotonic() < end: pass\n"
    burners = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(2)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


class Reader:
    """Reads JSON lines from a session, noting when each arrived."""

    def __init__(self, home: Path, routine: Path, *extra: str) -> None:
        self.proc = launch(home, "run", str(routine), "--plain", "--jsonl", "--mute", *extra)
        self.lines: list[tuple[float, dict[str, object]]] = []

    def read_until(self, event: str) -> dict[str, object]:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            data: dict[str, object] = json.loads(raw)
            self.lines.append((time.monotonic(), data))
            if data["event"] == event:
                return data
        raise AssertionError(
            f"no {event}; stderr: {self.proc.stderr.read() if self.proc.stderr else ''}"
        )

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def finish(self) -> int:
        self.read_until("session_finished")
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=10)

    def starts(self) -> list[dict[str, object]]:
        return [d for _, d in self.lines if d["event"] == "step_started"]


def test_steps_start_on_time_on_a_busy_machine(
    busy_cores: None, unknot_home: Path, twelve: Path
) -> None:
    reader = Reader(unknot_home, twelve)
    assert reader.finish() == 0
    starts = reader.starts()
    assert [s["index"] for s in starts] == list(range(8))
    for planned, step in zip(PLAN_STARTS, starts, strict=True):
        assert abs(float(step["t"]) - planned) <= 0.030, starts  # type: ignore[arg-type]
    first = starts[0]
    assert {"index", "kind", "move", "side", "seconds"} <= set(first)
    # Lines reach the reader promptly: arrival time against the event's own time.
    origin = reader.lines[0][0] - float(reader.lines[0][1]["t"])  # type: ignore[arg-type]
    lags = [arrival - origin - float(d["t"]) for arrival, d in reader.lines]  # type: ignore[arg-type]
    # Bounds a busy machine cannot break; `make bench` reports the real figures.
    assert max(lags) <= 0.5, lags
    finished = reader.lines[-1][1]
    assert abs(float(finished["t"]) - 12) <= 0.030  # type: ignore[arg-type]


def test_pause_shifts_every_later_step(unknot_home: Path, twelve: Path) -> None:
    reader = Reader(unknot_home, twelve)
    reader.read_until("step_started")
    reader.read_until("step_started")  # step 1 at t=1
    reader.send("p")
    paused = reader.read_until("paused")
    time.sleep(1.0)
    reader.send("p")
    resumed = reader.read_until("resumed")
    pause = float(resumed["t"]) - float(paused["t"])  # type: ignore[arg-type]
    assert 0.9 < pause < 1.5
    assert reader.finish() == 0
    for planned, step in zip(PLAN_STARTS, reader.starts(), strict=True):
        shift = pause if planned > 1 else 0.0
        assert abs(float(step["t"]) - planned - shift) <= 0.030  # type: ignore[arg-type]


def test_next_starts_the_next_step_at_once(unknot_home: Path, twelve: Path) -> None:
    reader = Reader(unknot_home, twelve)
    reader.read_until("step_started")
    reader.read_until("step_started")  # step 1, two seconds long
    sent = time.monotonic()
    reader.send("n")
    skipped = reader.read_until("skipped")
    step = reader.read_until("step_started")
    assert time.monotonic() - sent < 0.100
    assert step["index"] == 2 and step["t"] == skipped["t"]
    assert float(step["t"]) < 2.9  # type: ignore[arg-type]
    reader.send("q")  # the skip is checked; the rest of the session need not be sat through
    assert reader.finish() == 0


def test_text_lines_and_quit(unknot_home: Path, twelve: Path) -> None:
    proc = run_cli(
        unknot_home,
        "run",
        str(twelve),
        "--plain",
        "--mute",
        stdin="n\nn\nn\nbogus\nq\n",
        timeout=30,
    )
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[1] == "00:00  Get ready: Alpha - 0:01 - foam roller"
    assert any(line.endswith("Bravo - left side - 0:02 - massage ball") for line in lines)
    assert lines[-1].startswith("00:00  Session ended: 0 of 3 moves done")
    assert "unknown command 'bogus'" in proc.stderr


def test_bad_routine_exits_1_with_the_validate_line(unknot_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nsummary = "y"\n[[moves]]\nname = "m"\nduration = "forever"\n')
    proc = run_cli(unknot_home, "run", str(bad), "--plain", timeout=30)
    assert proc.returncode == 1
    assert (
        proc.stderr
        == f'{bad}: moves[0].duration: \'forever\' is not a duration; use whole seconds (90 or "90") or text like "90s", "2m", "1m30s"\n'
    )


def test_core_modules_import_without_textual() -> None:
    code = (
        "import sys, unknot.core.routine_file, unknot.data.library, unknot.core.plan, unknot.core.engine, unknot.plain\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')], "
        "sorted(m for m in sys.modules if m.startswith(('textual', 'rich')))\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, timeout=30)


MINUTE = 'name = "Minute"\nsummary = "s"\n[[moves]]\nname = "Long"\ntool = "hands"\nduration = 60\n'


def test_commands_from_a_file_are_applied(unknot_home: Path, twelve: Path, tmp_path: Path) -> None:
    commands = tmp_path / "commands.txt"
    commands.write_text("n\nn\nq\n")
    with commands.open() as stdin:
        result = subprocess.run(
            unknot_cmd("run", str(twelve), "--plain", "--jsonl", "--mute"),
            env=cli_env(unknot_home),
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["index"] for e in events if e["event"] == "skipped"] == [0, 1]


def test_commands_from_a_pipe_are_applied(unknot_home: Path, tmp_path: Path) -> None:
    routine = tmp_path / "minute.toml"
    routine.write_text(MINUTE)
    result = run_cli(
        unknot_home, "run", str(routine), "--plain", "--jsonl", "--mute", stdin="p\nq\n"
    )
    kinds = [json.loads(line)["event"] for line in result.stdout.splitlines()]
    assert "paused" in kinds and kinds[-1] == "session_finished"
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "stopped"


def test_a_10_mb_line_is_dropped_quickly_and_not_echoed(unknot_home: Path, tmp_path: Path) -> None:
    routine = tmp_path / "minute.toml"
    routine.write_text(MINUTE)
    began = time.monotonic()
    long_line = "x" * 10_000_000 + "\nq\n"
    result = run_cli(
        unknot_home, "run", str(routine), "--plain", "--jsonl", "--mute", stdin=long_line
    )
    took = time.monotonic() - began
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "stopped"
    assert took < 6, took  # a minute-long session, quit as soon as the line is read past
    assert result.stderr.splitlines() == [
        f"ignored an input line over 1024 bytes; use {words_hint()}"
    ]


ONE = """\
name = "One thing"
summary = "s"
transition = "1s"
[[moves]]
name = "Only"
duration = 2
hold = "1s"
"""


def test_words_for_one_move_one_hold_and_no_tool(unknot_home: Path, tmp_path: Path) -> None:
    routine = tmp_path / "one-thing.toml"
    routine.write_text(ONE)
    commands = tmp_path / "commands.txt"
    commands.write_text("n\nh\n")
    with commands.open() as stdin:
        result = subprocess.run(
            unknot_cmd("run", str(routine), "--plain", "--mute"),
            env=cli_env(unknot_home),
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
    lines = [line.split("  ", 1)[1] for line in result.stdout.splitlines()]
    assert lines[0] == "Starting One thing: 2 steps"  # the name, not the id one-thing
    assert lines[1] == "Get ready: Only - 0:01"  # tool none: no tool named
    assert "Only - 0:02" in lines
    assert lines[-1] == "Session complete: 1 of 1 move done, 0 skipped, 1 hold, 0:02 (planned 0:03)"
    shown = run_cli(unknot_home, "show", str(routine)).stdout.splitlines()
    assert shown[1] == "any - 1 move - 0:03"
    assert shown[shown.index("1. Only") + 1] == "   2 s once - hot-spot hold 1 s"
    planned = run_cli(unknot_home, "plan", str(routine)).stdout
    assert planned.startswith("One thing: 2 steps, 0:03")
    routines = unknot_home / "routines"
    routines.mkdir()
    (routines / "one-thing.toml").write_text(ONE)
    listed = run_cli(unknot_home, "list").stdout
    assert "  One thing  (any, 1 move, 0:03; no tools)" in listed


def test_pause_and_resume_are_idempotent_and_toggle_flips(
    unknot_home: Path, tmp_path: Path
) -> None:
    routine = tmp_path / "minute.toml"
    routine.write_text(MINUTE)
    result = run_cli(
        unknot_home,
        *("run", str(routine), "--plain", "--jsonl", "--mute"),
        stdin="resume\npause\npause\nresume\nresume\ntoggle\np\nstop\n",
    )
    kinds = [json.loads(line)["event"] for line in result.stdout.splitlines()]
    changes = [k for k in kinds if k in ("paused", "resumed")]
    assert changes == ["paused", "resumed", "paused", "resumed"], kinds
    assert kinds[-1] == "session_finished"

"""How exactly sessions keep time: on a fake clock with stalls, on the real clock under load,
and from a cue's engine event to the sound reaching ALSA."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.routine import Routine
from unknot.core.routine_file import RoutineFile

ROOT = Path(__file__).resolve().parent.parent

TWELVE = """
name = "Twelve seconds"
summary = "Three short moves."
transition = "1s"
switch = "1s"
[[moves]]
name = "Alpha"
duration = 2
[[moves]]
name = "Bravo"
duration = 2
sides = "each"
[[moves]]
name = "Charlie"
duration = 2
"""


def thirty_minutes() -> Routine:
    moves = [
        {"name": f"Move {i}", "duration": "2m", "sides": "each" if i % 2 else "none"}
        for i in range(1, 11)
    ]
    return RoutineFile.model_validate(
        {"name": "Thirty", "summary": "s", "transition": 10, "switch": 5, "moves": moves}
    ).to_routine()


def stalled_fake_clock(seed: int = 7) -> dict[str, float]:
    """Drive a 30-minute routine with a loop that wakes late, sometimes by seconds."""
    plan = build_plan(thirty_minutes())
    clock = FakeClock()
    session = Session(plan, clock=clock)
    finished: list[float] = []
    session.listen(lambda e: finished.append(e.t) if e.kind == "session_finished" else None)
    rng = random.Random(seed)
    session.start()
    wakes = stalls = 0
    while not session.finished:
        due = session.next_due()
        wait = (due - clock()) if due is not None else 1.0
        # A busy loop: usually a few ms late, one wake in twenty stalls for up to 5 s.
        late = rng.uniform(0, 0.02) if rng.random() > 0.05 else rng.uniform(0.5, 5.0)
        stalls += late > 0.5
        clock.advance(max(0.0, wait) + late)
        session.update()
        wakes += 1
    return {
        "planned_s": plan.total_seconds,
        "end_error_ms": abs(finished[0] - plan.total_seconds) * 1000,
        "wakes": wakes,
        "stalls": stalls,
    }


def _burners(n: int) -> list[subprocess.Popen[bytes]]:
    spin = "import time\nend = time.monotonic() + 300\nwhile time.monotonic() < end: pass\n"
    return [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(n)]


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UNKNOT_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT / "app")
    return env


def real_clock_busy() -> dict[str, float]:
    """A 60-second routine in plain mode with both cores kept busy."""
    with tempfile.TemporaryDirectory() as tmp:
        routine = Path(tmp) / "sixty.toml"
        routine.write_text(
            'name = "Sixty"\nsummary = "s"\ntransition = 5\nswitch = 5\n'
            '[[moves]]\nname = "A"\nduration = 20\nsides = "each"\n'
            '[[moves]]\nname = "B"\nduration = 5\n'
        )
        burners = _burners(2)
        try:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "unknot",
                    "run",
                    str(routine),
                    "--plain",
                    "--jsonl",
                    "--mute",
                ],
                env=_env(Path(tmp)),
                stdout=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            assert proc.stdout is not None
            # When each line reached this process: what a listener really experiences.
            lines = [(time.monotonic(), json.loads(line)) for line in proc.stdout]
            proc.wait(timeout=120)
        finally:
            for b in burners:
                b.kill()
    # The session's start as the listener knows it: taken from the line that arrived with the
    # least delay (the first line alone may itself be late, which would skew every number).
    origin = min(seen - e["t"] for seen, e in lines)
    starts = [(seen, e) for seen, e in lines if e["event"] == "step_started"]
    plan = [0, 5, 25, 30, 50, 55]
    step_errors = [abs(seen - origin - p) * 1000 for (seen, _), p in zip(starts, plan, strict=True)]
    return {
        "planned_s": 60.0,
        "end_error_ms": abs(lines[-1][0] - origin - 60) * 1000,
        "worst_step_start_error_ms": max(step_errors),
        "event_time_error_ms": abs(lines[-1][1]["t"] - 60) * 1000,
    }


def cue_latency() -> dict[str, float]:
    """From engine event to the sound's file appearing under ALSA's file plugin."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "asound.conf"
        config.write_text(
            "pcm.!default { type file  slave.pcm { type null }  "
            f'file "{folder}/cue.raw"  format "raw"  truncate false }}\n'
        )
        routine = folder / "twelve.toml"
        routine.write_text(TWELVE)
        seen: dict[str, float] = {}
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                for entry in os.scandir(folder):
                    if entry.name.startswith("cue.raw") and entry.name not in seen:
                        seen[entry.name] = time.monotonic()
                time.sleep(0.0005)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        env = _env(folder)
        env["ALSA_CONFIG_PATH"] = str(config)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "unknot",
                "run",
                str(routine),
                "--plain",
                "--jsonl",
                "--no-voice",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        arrivals = [(time.monotonic(), json.loads(line)) for line in proc.stdout]
        proc.wait()
        time.sleep(0.5)
        stop.set()
        watcher.join()
    origin = min(arrived - e["t"] for arrived, e in arrivals)
    cued = [
        origin + e["t"]
        for _, e in arrivals
        if e["event"] in ("step_started", "countdown")
        or (e["event"] == "session_finished" and e["status"] == "completed")
    ]
    heard = sorted(seen.values())
    if len(heard) != len(cued):
        nan = float("nan")
        return {"cues": len(cued), "captured": len(heard), "median_ms": nan, "max_ms": nan}
    lags = [(h - c) * 1000 for h, c in zip(heard, cued, strict=True)]
    return {
        "cues": len(cued),
        "captured": len(heard),
        "median_ms": statistics.median(lags),
        "max_ms": max(lags),
        "first_ms": lags[0],
    }

"""`make bench`: every measure, side by side with its peer where one exists, then the gates.

Prints a JSON report and a table. Each number is measured on this machine in this run.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from bench.desktop import media_key_latency
from bench.listing import thousand_routines
from bench.pty_frame import first_frame, one_core_busy
from bench.remote import remote_latency, tap_latency
from bench.terminal import cpu_and_rss
from bench.timing import cue_latency, real_clock_busy, stalled_fake_clock
from bench.tui_cues import tui_cue_delay

ROOT = Path(__file__).resolve().parent.parent
CPU_WINDOW = 60.0  # clock ticks are 10 ms: a long window resolves 0.02 %
FRAME_RUNS = 5
FRAME_PAIRS = 11  # unknot, then the bare app, alternating: both see the same machine state


def _env(home: str) -> dict[str, str]:
    return {
        "UNKNOT_HOME": home,
        "PYTHONPATH": str(ROOT / "app"),
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/root"),
    }


def _shows(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def _anything(screen: str) -> bool:
    return bool(screen.strip())


# What each program's first frame shows, in the text a pseudo-terminal receives: unknot's session
# screen names the move; the bare app and termdown draw digits (Textual's in box-drawing glyphs).
UNKNOT_FRAME = r"IT band"
DIGITS_FRAME = r"[0-9\u2500-\u257f]"
# The bare Textual countdown the project's shared tools time against, where they are beside the
# checkout; else the bench's own bare app (one Digits widget).
SHARED_BARE = ROOT.parent / "shared" / "tools" / "bare_textual_countdown.py"


def bare_app() -> Path:
    return SHARED_BARE if SHARED_BARE.exists() else ROOT / "bench" / "bare_app.py"


def frame_pairs(unknot: list[str], bare: list[str], env: dict[str, str]) -> dict[str, float]:
    """First frames of unknot and the bare Textual app on a pseudo-terminal, in interleaved
    pairs; the ratio of each pair, and the medians. Pairs cancel out whatever else the machine
    is doing at that moment."""
    pairs = [
        (first_frame(unknot, env, UNKNOT_FRAME), first_frame(bare, env, DIGITS_FRAME))
        for _ in range(FRAME_PAIRS)
    ]
    for unknot_s, bare_s in pairs:
        print(f"  unknot {unknot_s:.3f} s, bare {bare_s:.3f} s", file=sys.stderr)
    return {
        "unknot": statistics.median(u for u, _ in pairs),
        "bare_textual": statistics.median(b for _, b in pairs),
        "ratio": statistics.median(u / b for u, b in pairs),
    }


def main(argv: list[str]) -> int:
    home = str(ROOT / "bench" / "results" / "home")
    Path(home).mkdir(parents=True, exist_ok=True)
    env = _env(home)
    python = sys.executable
    termdown = shutil.which("termdown", path=str(Path(python).parent)) or "termdown"
    unknot = [python, "-m", "unknot", "run", "pre-run-five-muscles", "--mute", "--fresh"]
    bare = [python, str(bare_app())]
    countdown = [termdown, "11m"]

    def median_frame(command: list[str], expect: str) -> float:
        return statistics.median(first_frame(command, env, expect) for _ in range(FRAME_RUNS))

    if argv[:1] == ["remote"]:  # `python -m bench remote`: just the remote's delay
        print(json.dumps({"event": remote_latency(), "tap": tap_latency()}, indent=2))
        return 0
    if argv[:1] == ["desktop"]:  # `python -m bench desktop`: just the media key's delay
        print(json.dumps(media_key_latency(), indent=2))
        return 0
    print(f"measuring first frames in {FRAME_PAIRS} interleaved pairs ...", file=sys.stderr)
    pairs = frame_pairs(unknot, bare, env)
    print("... and again with one core kept busy by another process", file=sys.stderr)
    with one_core_busy():
        loaded = frame_pairs(unknot, bare, env)
    if argv[:1] == ["frames"]:  # `python -m bench frames`: just this, while working on start-up
        print(json.dumps({"quiet": pairs, "one_core_busy": loaded}, indent=2))
        return 0
    frames = {
        "unknot": pairs["unknot"],
        "bare_textual": pairs["bare_textual"],
        "termdown": median_frame(countdown, DIGITS_FRAME),
    }
    ratio = pairs["ratio"]
    print(f"measuring CPU side by side over {CPU_WINDOW:.0f} s ...", file=sys.stderr)
    usage = cpu_and_rss(
        {"unknot": (unknot, _shows("IT band")), "termdown": (countdown, _anything)}, env, CPU_WINDOW
    )
    (cpu_unknot, rss_unknot), (cpu_termdown, rss_termdown) = usage["unknot"], usage["termdown"]
    print("measuring timing, cues and listing ...", file=sys.stderr)
    fake = stalled_fake_clock()
    busy = real_clock_busy()
    cues = cue_latency()
    os.environ["UNKNOT_HOME"] = home  # the headless player below keeps its history there too
    tui_cues = tui_cue_delay()
    listing = thousand_routines()
    print(
        "measuring the remote: engine event to the page's handler in chromium ...", file=sys.stderr
    )
    remote = remote_latency()
    print("measuring the media key: MPRIS PlayPause to the engine's event ...", file=sys.stderr)
    media_key = media_key_latency()
    tap = tap_latency()

    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "first_frame_s": frames,
        "first_frame_pairs": pairs,
        "first_frame_pairs_one_core_busy": loaded,
        "cpu_percent_of_one_core": {"unknot": cpu_unknot, "termdown": cpu_termdown},
        "peak_rss_mb": {"unknot": rss_unknot, "termdown": rss_termdown},
        "end_of_session_error": {
            "fake_clock_30_min_with_stalls": fake,
            "real_clock_60_s_busy": busy,
        },
        "cue_latency": cues,
        "tui_cue_delay": tui_cues,
        "listing_1000_routines": listing,
        "remote_event_to_browser": remote,
        "media_key_to_engine": media_key,
        "remote_tap_to_engine": tap,
    }
    gates = [
        (
            "first frame",
            ratio <= 1.2,
            f"median of {FRAME_PAIRS} pairs: {ratio:.2f}x bare Textual "
            f"({frames['unknot']:.3f} s vs {frames['bare_textual']:.3f} s)",
        ),
        (
            "CPU",
            cpu_unknot <= cpu_termdown,
            f"{cpu_unknot:.2f} % vs {cpu_termdown:.2f} % (termdown)",
        ),
        ("RSS", rss_unknot <= 60, f"{rss_unknot:.1f} MB vs 60 MB"),
        (
            "end-of-session error",
            max(fake["end_error_ms"], busy["end_error_ms"]) <= 20,
            f"{fake['end_error_ms']:.1f} ms (fake, stalls) / {busy['end_error_ms']:.1f} ms (busy)",
        ),
        (
            "cue latency",
            cues["max_ms"] <= 20,
            f"median {cues['median_ms']:.1f} ms, max {cues['max_ms']:.1f} ms "
            f"({cues['captured']}/{cues['cues']} captured)",
        ),
        ("listing 1,000 routines", listing["best_s"] <= 1.0, f"{listing['best_s']:.3f} s"),
        (
            "player cue delay",
            tui_cues["max_ms"] <= 20,
            f"median {tui_cues['median_ms']:.1f} ms, max {tui_cues['max_ms']:.1f} ms",
        ),
    ]
    if remote is not None:
        gates.append(
            (
                "remote event to browser",
                remote["max_ms"] <= 100,
                f"median {remote['median_ms']:.1f} ms, max {remote['max_ms']:.1f} ms "
                f"over {remote['events']:.0f} events",
            )
        )
    if media_key is not None:
        gates.append(
            (
                "media key to engine",
                media_key["max_ms"] <= 200,
                f"median {media_key['median_ms']:.1f} ms, max {media_key['max_ms']:.1f} ms "
                f"over {media_key['presses']:.0f} presses",
            )
        )
    if tap is not None:
        gates.append(
            (
                "remote tap to engine",
                tap["max_ms"] <= 100,
                f"median {tap['median_ms']:.1f} ms, max {tap['max_ms']:.1f} ms "
                f"over {tap['taps']:.0f} taps",
            )
        )
    gates.append(
        (
            "first frame, one core busy",
            loaded["ratio"] <= 1.5,
            f"median of {FRAME_PAIRS} pairs: {loaded['ratio']:.2f}x bare Textual "
            f"({loaded['unknot']:.3f} s vs {loaded['bare_textual']:.3f} s)",
        )
    )
    report["gates"] = {name: {"pass": ok, "measured": text} for name, ok, text in gates}
    out = ROOT / "bench" / "results" / "latest.json"
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print()
    print("| measure | unknot | peer | target | result |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| first frame (median of {FRAME_PAIRS} interleaved pairs) | {frames['unknot']:.3f} s, "
        f"{ratio:.2f}x bare | bare Textual {frames['bare_textual']:.3f} s, "
        f"termdown {frames['termdown']:.3f} s | ≤ 1.2x bare Textual | {_ok(gates[0][1])} |"
    )
    print(
        f"| first frame, one core kept busy | {loaded['unknot']:.3f} s, {loaded['ratio']:.2f}x "
        f"bare | bare Textual {loaded['bare_textual']:.3f} s | ≤ 1.5x bare Textual "
        f"| {_ok(gates[-1][1])} |"
    )
    print(
        f"| CPU while counting down | {cpu_unknot:.2f} % | termdown {cpu_termdown:.2f} % "
        f"| ≤ termdown | {_ok(gates[1][1])} |"
    )
    print(
        f"| peak RSS | {rss_unknot:.1f} MB | termdown {rss_termdown:.1f} MB | ≤ 60 MB "
        f"| {_ok(gates[2][1])} |"
    )
    print(
        f"| end error, 30 min, fake clock, {fake['stalls']:.0f} stalls | "
        f"{fake['end_error_ms']:.1f} ms | | ≤ 20 ms | {_ok(fake['end_error_ms'] <= 20)} |"
    )
    print(
        f"| end error, 60 s, real clock, both cores busy | {busy['end_error_ms']:.1f} ms | "
        f"| ≤ 20 ms | {_ok(busy['end_error_ms'] <= 20)} |"
    )
    print(
        f"| cue latency, event to ALSA | median {cues['median_ms']:.1f} ms, "
        f"max {cues['max_ms']:.1f} ms | | ≤ 20 ms | {_ok(gates[4][1])} |"
    )
    print(
        f"| player: cue handed to the player after its due time | median "
        f"{tui_cues['median_ms']:.1f} ms, max {tui_cues['max_ms']:.1f} ms | | ≤ 20 ms "
        f"| {_ok(gates[6][1])} |"
    )
    print(
        f"| `unknot list`, 1,000 files | {listing['best_s']:.3f} s | | ≤ 1 s | {_ok(gates[5][1])} |"
    )
    if remote is None:
        print(
            "| remote: engine event to the page's handler | no /usr/bin/chromium | | ≤ 100 ms | |"
        )
    else:
        print(
            f"| remote: engine event to the page's handler, {remote['events']:.0f} events, "
            f"loopback | median {remote['median_ms']:.1f} ms, max {remote['max_ms']:.1f} ms | "
            f"| ≤ 100 ms | {_ok(gates[7][1])} |"
        )
    if tap is not None:
        print(
            f"| remote: a tap on the page to the engine's event, {tap['taps']:.0f} taps, "
            f"loopback | median {tap['median_ms']:.1f} ms, max {tap['max_ms']:.1f} ms | "
            f"| ≤ 100 ms | {_ok(gates[-1][1])} |"
        )
    if media_key is None:
        print(
            "| media key (MPRIS PlayPause) to engine event | no dbus-run-session | | ≤ 200 ms | |"
        )
    else:
        print(
            f"| media key (MPRIS PlayPause) to engine event, {media_key['presses']:.0f} presses "
            f"| median {media_key['median_ms']:.1f} ms, max {media_key['max_ms']:.1f} ms | "
            f"| ≤ 200 ms | {_ok(media_key['max_ms'] <= 200)} |"
        )
    return 0


def _ok(passed: bool) -> str:
    return "pass" if passed else "MISS"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

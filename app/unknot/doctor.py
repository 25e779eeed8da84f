"""`unknot doctor`: what plays the cues here, why, and the command that fixes what is missing."""

from __future__ import annotations

import importlib.util
import json
import platform
import sys

from unknot.audio import make_player
from unknot.audio.voice import INSTALL_HINT, Voice
from unknot.data import paths

FIX_SIMPLEAUDIO = (
    "apt-get install libasound2-dev && .venv/bin/pip install simpleaudio==1.0.4  "
    "(or run `make run`, which does both)"
)
FIX_DEVICE = (
    "check that `aplay -l` lists a card, or point ALSA at one (~/.asoundrc or ALSA_CONFIG_PATH)"
)


def diagnose() -> dict[str, object]:
    report: dict[str, object] = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "sounds": str(paths.sounds_dir()),
        "simpleaudio": importlib.util.find_spec("simpleaudio") is not None,
    }
    fixes: list[str] = []
    voice = Voice(paths.user_cache() / "voice")
    report["espeak_ng"] = voice.program
    if not voice.available:
        fixes.append(f"spoken cues: {INSTALL_HINT}")
    player = make_player()
    notices: list[str] = []
    player.on_notice(notices.append)
    try:
        if player.checks_device:
            latency = player.probe()
            report["alsa_device"] = "ok" if latency is not None else "unavailable"
            report["cue_latency_ms"] = latency
            if latency is None:
                fixes.append(f"sound device: {FIX_DEVICE}")
        else:
            report["alsa_device"] = "not checked (simpleaudio is not in use)"
            report["cue_latency_ms"] = None
            if not report["simpleaudio"]:
                fixes.append(f"sound: {FIX_SIMPLEAUDIO}")
        report["player"] = player.active
        report["why"] = player.reason
    finally:
        player.close()
    from unknot.desktop.probe import FIX_NO_BUS, probe

    desktop = probe()
    report["desktop"] = desktop
    if desktop.get("bus") is None:
        fixes.append(f"desktop: {FIX_NO_BUS}")
    report["fixes"] = fixes
    return report


def run(as_json: bool) -> int:
    report = diagnose()
    if as_json:
        print(json.dumps(report, indent=2))
        return 0
    latency = report["cue_latency_ms"]
    rows = [
        ("Python", f"{report['python']} ({report['executable']})"),
        ("Cue player", f"{report['player']}: {report['why']}"),
        ("ALSA device", str(report["alsa_device"])),
        ("Cue latency", f"{latency:.1f} ms" if isinstance(latency, float) else "not measured"),
        ("simpleaudio", "installed" if report["simpleaudio"] else "missing"),
        ("espeak-ng", report["espeak_ng"] or "missing: tones only, no spoken cues"),
        ("Cue sounds", report["sounds"]),
    ]
    from unknot.desktop.probe import desktop_rows

    desktop = report["desktop"]
    assert isinstance(desktop, dict)
    rows += desktop_rows(desktop)
    for label, value in rows:
        print(f"{label + ':':<13} {value}")
    fixes = report["fixes"]
    assert isinstance(fixes, list)
    if fixes:
        print("\nTo fix:")
        for fix in fixes:
            print(f"  {fix}")
    else:
        print("\nEverything is in place.")
    return 0

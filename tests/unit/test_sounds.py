"""The committed cue WAVs are exactly what tools/make_sounds.py writes, and pleasant to hear."""

from __future__ import annotations

import array
import math
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from unknot.audio.cues import CUES

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "sounds"


def test_committed_sounds_match_the_script(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sounds.py"), "--out", str(tmp_path)],
        check=True,
        timeout=60,
    )
    made = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert made == sorted(f"{c}.wav" for c in CUES)
    for name in made:
        assert (tmp_path / name).read_bytes() == (SOUNDS / name).read_bytes(), name


@pytest.mark.parametrize("cue", CUES)
def test_each_cue_is_soft_short_and_clickless(cue: str) -> None:
    with wave.open(str(SOUNDS / f"{cue}.wav")) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        seconds = w.getnframes() / w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    peak = max(abs(s) for s in samples)
    assert 20 * math.log10(peak / 32768) <= -3.0
    assert peak > 32768 * 0.3  # and loud enough to hear from the floor
    assert seconds <= (2.5 if cue == "done" else 1.0)
    # Enveloped: it starts and ends at (almost) silence, so there is no click.
    assert abs(samples[0]) < 200 and abs(samples[-1]) < 200
    assert max(abs(s) for s in samples[-20:]) < 0.02 * peak

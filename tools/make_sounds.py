"""Generate unknot's cue sounds into sounds/: soft enveloped tones, mono 16-bit WAV.

Standard library only, and deterministic: the same script always writes the same bytes, which a
test checks against the committed files. Run `make sounds` after changing a cue here.
"""

from __future__ import annotations

import argparse
import array
import math
import wave
from pathlib import Path

RATE = 22050
PEAK = 10 ** (-4.0 / 20)  # -4 dBFS: under the -3 dBFS ceiling, with room to spare
ATTACK = 0.012  # seconds; a ramp this long leaves no click
RELEASE = 0.06

# A note: (start s, frequency Hz, length s, loudness 0-1).
Note = tuple[float, float, float, float]

C5, E5, G5, A4, C6, E4, G4, D5 = 523.25, 659.25, 783.99, 440.0, 1046.5, 329.63, 392.0, 587.33

CUES: dict[str, list[Note]] = {
    # Get ready: two soft rising notes, a gentle heads-up.
    "ready": [(0.0, E5, 0.22, 0.7), (0.2, G5, 0.3, 0.7)],
    # Go: a bright rising triad, the start of work.
    "go": [(0.0, C5, 0.16, 0.8), (0.1, E5, 0.16, 0.8), (0.2, G5, 0.16, 0.9), (0.3, C6, 0.35, 1.0)],
    # Switch sides: a two-tone call, like a doorbell.
    "switch": [(0.0, G5, 0.25, 0.9), (0.25, E5, 0.4, 0.9)],
    # 3-2-1: a short, soft wooden tick.
    "tick": [(0.0, A4 * 2, 0.09, 0.6)],
    # Hold: one low, warm tone to settle into.
    "hold": [(0.0, G4, 0.6, 0.9), (0.0, D5, 0.6, 0.35)],
    # Release: a falling pair, letting go.
    "release": [(0.0, G5, 0.2, 0.8), (0.18, C5, 0.4, 0.8)],
    # Halfway: a single mid note.
    "halfway": [(0.0, C6, 0.35, 0.6)],
    # Done: a slow arpeggio that rings out.
    "done": [
        (0.0, C5, 0.5, 0.8),
        (0.25, E5, 0.5, 0.8),
        (0.5, G5, 0.6, 0.8),
        (0.8, C6, 1.2, 1.0),
    ],
}


def _envelope(t: float, length: float) -> float:
    """Raised-cosine attack, a gentle decay, raised-cosine release: starts and ends at zero."""
    if t < 0 or t >= length:
        return 0.0
    if t < ATTACK:
        level = 0.5 - 0.5 * math.cos(math.pi * t / ATTACK)
    else:
        level = math.exp(-2.2 * (t - ATTACK) / length)
    tail = length - t
    if tail < RELEASE:
        level *= 0.5 - 0.5 * math.cos(math.pi * tail / RELEASE)
    return level


def render(notes: list[Note]) -> array.array[int]:
    length = max(start + dur for start, _, dur, _ in notes)
    frames = int(length * RATE) + 1
    mix = [0.0] * frames
    for start, freq, dur, loud in notes:
        first = int(start * RATE)
        for i in range(int(dur * RATE)):
            t = i / RATE
            # A sine with a little of its octave and twelfth: rounder than a bare sine.
            phase = 2 * math.pi * freq * t
            tone = math.sin(phase) + 0.25 * math.sin(2 * phase) + 0.08 * math.sin(3 * phase)
            mix[first + i] += loud * _envelope(t, dur) * tone
    peak = max(abs(v) for v in mix) or 1.0
    scale = PEAK * 32767 / peak
    return array.array("h", (round(v * scale) for v in mix))


def write(path: Path, samples: array.array[int]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(__file__).resolve().parent.parent / "sounds"
    parser.add_argument("--out", type=Path, default=default, help="folder to write into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, notes in CUES.items():
        write(args.out / f"{name}.wav", render(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

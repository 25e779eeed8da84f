"""The sound process: loads the cue WAVs once, then plays them on commands read from stdin.

It runs apart from the app (`python -m unknot.audio.worker SOUNDS_DIR`) because simpleaudio 1.0.4
can crash the interpreter after a sound on Python 3.12+, and because libasound writes its errors
straight to file descriptor 2. The parent starts it with PYTHONMALLOC=malloc and stderr sent to a
log, and restarts it if it dies.

Commands, one per line:
    play TONE SENT_AT [VOICE_WAV]   play a cue (and then the spoken words), unless it is stale
    probe SENT_AT                   open the device with a moment of silence (for `unknot doctor`)
Replies, one per line: ready | ok NAME LATENCY_MS | late NAME | nodevice MESSAGE | error MESSAGE
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

# A cue that reaches the worker later than this is dropped: a late cue misleads more than none.
STALE = 0.15


def reply(text: str) -> None:
    sys.stdout.write(text.replace("\n", " ") + "\n")
    sys.stdout.flush()


class Worker:
    def __init__(self, sa: Any, sounds: Path) -> None:
        self.sa = sa
        self.waves = {p.stem: sa.WaveObject.from_wave_file(str(p)) for p in sounds.glob("*.wav")}
        self.voices: dict[str, Any] = {}
        self.playing: list[Any] = []

    def _start(self, wave: Any) -> None:
        self.playing = [p for p in self.playing if p.is_playing()]
        self.playing.append(wave.play())

    def _error(self, exc: Exception) -> None:
        message = str(exc)
        kind = "nodevice" if "PCM device" in message or "No such" in message else "error"
        reply(f"{kind} {message}")

    def play(self, name: str, sent: float, voice: str | None) -> None:
        wave = self.waves.get(name)
        if wave is None:
            reply(f"error no sound named {name}")
            return
        delay = time.monotonic() - sent
        if delay > STALE:
            # Said in the log too (stderr), so that a cue not heard can be explained.
            print(
                f"dropped cue {name}: it came {delay * 1000:.0f} ms after it was sent "
                f"(the limit is {STALE * 1000:.0f} ms)",
                file=sys.stderr,
                flush=True,
            )
            reply(f"late {name}")
            return
        try:
            self._start(wave)
        except Exception as exc:
            self._error(exc)
            return
        reply(f"ok {name} {(time.monotonic() - sent) * 1000:.2f}")
        if voice:
            frame = wave.num_channels * wave.bytes_per_sample
            length = len(wave.audio_data) / frame / wave.sample_rate
            timer = threading.Timer(length, self._speak, args=(voice,))
            timer.daemon = True
            timer.start()

    def _speak(self, path: str) -> None:
        try:
            wave = self.voices.get(path)
            if wave is None:
                wave = self.sa.WaveObject.from_wave_file(path)
                self.voices[path] = wave
            self._start(wave)
        except Exception as exc:
            self._error(exc)

    def probe(self, sent: float) -> None:
        try:
            play = self.sa.play_buffer(b"\0\0" * 441, 1, 2, 44100)
        except Exception as exc:
            self._error(exc)
            return
        reply(f"ok probe {(time.monotonic() - sent) * 1000:.2f}")
        play.wait_done()

    def drain(self, timeout: float = 5.0) -> None:
        """Let what is playing finish before the process ends."""
        end = time.monotonic() + timeout
        for play in self.playing:
            while play.is_playing() and time.monotonic() < end:
                time.sleep(0.01)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        reply("error usage: python -m unknot.audio.worker SOUNDS_DIR")
        return 2
    try:
        import simpleaudio
    except Exception as exc:
        reply(f"error simpleaudio cannot be imported: {exc}")
        return 3
    try:
        worker = Worker(simpleaudio, Path(argv[0]))
    except Exception as exc:
        reply(f"error cannot load the cue sounds: {exc}")
        return 4
    reply("ready")
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "play" and len(parts) >= 3:
                worker.play(parts[1], float(parts[2]), parts[3] if len(parts) > 3 else None)
            elif parts[0] == "probe" and len(parts) == 2:
                worker.probe(float(parts[1]))
            else:
                reply(f"error unknown command {parts[0]}")
        except ValueError as exc:
            reply(f"error {exc}")
    worker.drain()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

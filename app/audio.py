"""Cue players: one interface, whose play() never blocks, and the implementations behind it.

- RecordingPlayer: silent, keeps what it was asked to play (tests).
- BellPlayer: the terminal bell, for machines without sound.
- WorkerPlayer (app.audio_worker_client): simpleaudio in a child process.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from app.cues import Cue

Notify = Callable[[str], None]


class CuePlayer:
    """Plays cues without ever blocking the caller. `muted` and `voice` can change at any time."""

    name = "none"

    def __init__(self) -> None:
        self.muted = False
        self.voice = True
        self.reason = ""
        self._notify: Notify | None = None

    def on_notice(self, notify: Notify) -> None:
        """Where to say, once, that the player had to change (for example to the bell)."""
        self._notify = notify

    def notice(self, message: str) -> None:
        if self._notify is not None:
            self._notify(message)

    def prepare(self, phrases: list[str]) -> None:
        """Get spoken phrases ready ahead of time (a no-op where there is no voice)."""

    def play(self, cue: Cue) -> None:
        if not self.muted:
            self._play(cue)

    def _play(self, cue: Cue) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release whatever the player holds."""


class RecordingPlayer(CuePlayer):
    """Silent; remembers every cue with the time it was asked for (for tests)."""

    name = "recording"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self.played: list[tuple[float, Cue]] = []

    def _play(self, cue: Cue) -> None:
        self.played.append((self._clock(), cue))

    @property
    def tones(self) -> list[str]:
        return [cue.tone for _, cue in self.played]


class BellPlayer(CuePlayer):
    """The terminal bell: one ring per cue that matters (ticks stay quiet)."""

    name = "bell"

    def __init__(self, ring: Callable[[], None] | None = None, reason: str = "") -> None:
        super().__init__()
        self._ring = ring if ring is not None else _ring_terminal
        self.reason = reason

    def set_ring(self, ring: Callable[[], None]) -> None:
        self._ring = ring

    def _play(self, cue: Cue) -> None:
        if cue.tone != "tick":
            self._ring()


def _ring_terminal() -> None:
    stream = sys.stdout if sys.stdout.isatty() else sys.stderr
    try:
        stream.write("\a")
        stream.flush()
    except (OSError, ValueError):
        pass

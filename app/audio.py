"""Cue players: one interface, whose play() never blocks, and the implementations behind it.

- RecordingPlayer: silent, keeps what it was asked to play (tests).
- BellPlayer: the terminal bell, for machines without sound.
- WorkerPlayer (app.audio_worker_client): simpleaudio in a child process.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable

from app.cues import Cue, cue_for
from app.events import Event

Notify = Callable[[str], None]


def bell_notice(why: str) -> str:
    """What the user is told, once, when cues fall back to the bell."""
    return f"Sound: {why}; using the terminal bell (`unknot doctor` says more)."


class CuePlayer:
    """Plays cues without ever blocking the caller. `muted` and `voice` can change at any time."""

    name = "none"

    def __init__(self) -> None:
        self.muted = False
        self.voice = True
        self.reason = ""
        self._notify: Notify | None = None

    @property
    def active(self) -> str:
        """What is really playing cues now (a player may have fallen back to the bell)."""
        return self.name

    def use_ring(self, ring: Callable[[], None]) -> None:
        """How to ring the bell, where this player may need to (the TUI adds a flash)."""

    def on_notice(self, notify: Notify) -> None:
        """Where to say, once, that the player had to change (for example to the bell)."""
        self._notify = notify

    def notice(self, message: str) -> None:
        if self._notify is not None:
            self._notify(message)

    def prepare(self, phrases: list[str]) -> None:
        """Get spoken phrases ready ahead of time (a no-op where there is no voice)."""

    def wait_ready(self, timeout: float = 2.0) -> bool:
        """Block until the player can play at once (or `timeout`); True when it can."""
        return True

    def play(self, cue: Cue) -> None:
        if not self.muted:
            self._play(cue)

    def cue(self, event: Event) -> None:
        """Play whatever the event calls for; a session listener."""
        found = cue_for(event)
        if found is not None:
            self.play(found)

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

    def use_ring(self, ring: Callable[[], None]) -> None:
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


def make_player(*, voice: bool = True) -> CuePlayer:
    """simpleaudio in a child process where it can work, else the terminal bell (with why)."""
    from app import paths

    sounds = paths.sounds_dir()
    if not any(sounds.glob("*.wav")):
        return BellPlayer(reason=f"no cue sounds in {sounds}")
    if importlib.util.find_spec("simpleaudio") is None:
        return BellPlayer(reason="simpleaudio is not installed")
    from app.voice import Voice
    from app.worker_player import WorkerPlayer

    speaker = Voice(paths.user_cache() / "voice")
    player = WorkerPlayer(sounds, voice=speaker, log=paths.user_cache() / "audio-worker.log")
    player.voice = voice and speaker.available
    return player

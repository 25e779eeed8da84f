"""The cue player interface, whose play() never blocks, and the two players that need no process.

- RecordingPlayer: silent, keeps what it was asked to play (tests, benchmarks).
- BellPlayer: the terminal bell, for machines without sound.
The player that runs simpleaudio in a child process is in `unknot.audio.process`.
"""

from __future__ import annotations

import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable

from unknot.audio.cues import Cue, cue_for
from unknot.core.events import Event

Notify = Callable[[str], None]


def bell_notice(why: str) -> str:
    """What the user is told, once, when cues fall back to the bell."""
    return f"Sound: {why}; using the terminal bell (`unknot doctor` says more)."


class CuePlayer(ABC):
    """Plays cues without ever blocking the caller. `muted` and `voice` can change at any time.

    Callers ask a player what it can do (`active`, `bell_why`, `probe`), never what class it is.
    """

    name = "none"

    def __init__(self, *, muted: bool = False) -> None:
        self._muted = muted
        self.voice = True
        self.reason = ""  # the whole story of why this player plays the way it does (doctor)
        self.bell_why = ""  # when cues use the bell: why, in a few words (the status line)
        self._notify: Notify | None = None

    @property
    def active(self) -> str:
        """What is really playing cues now (a player may have fallen back to the bell)."""
        return self.name

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, muted: bool) -> None:
        self._muted = muted
        if not muted:
            self._sound_on()

    def _sound_on(self) -> None:  # noqa: B027 - an optional hook
        """The sound was turned on: get ready to play (a player that needs a device opens it)."""

    def use_ring(self, ring: Callable[[], None]) -> None:  # noqa: B027 - an optional hook
        """How to ring the bell, where this player may need to (the TUI adds a flash)."""

    def on_notice(self, notify: Notify) -> None:
        """Where to say, once, that the player had to change (for example to the bell)."""
        self._notify = notify

    def notice(self, message: str) -> None:
        if self._notify is not None:
            self._notify(message)

    def prepare(self, phrases: list[str]) -> None:  # noqa: B027 - an optional hook
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

    @abstractmethod
    def _play(self, cue: Cue) -> None:
        """Play one cue now, without blocking."""

    def probe(self, timeout: float = 5.0) -> float | None:
        """Open the sound device once; the round trip in ms, or None where there is no device
        to check (or it failed)."""
        return None

    @property
    def checks_device(self) -> bool:
        """Whether `probe` really opens a sound device here."""
        return False

    def close(self) -> None:  # noqa: B027 - an optional hook
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
        self.bell_why = reason

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

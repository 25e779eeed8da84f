"""simpleaudio behind a process boundary: the parent writes commands to a pipe and never waits.

The worker (unknot.audio.worker) is restarted as soon as it dies; a cue it can no longer play on
time is dropped rather than played late. After "no device", or repeated deaths, the player falls
back to the terminal bell and says so once.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO

from unknot.audio.cues import Cue
from unknot.audio.player import BellPlayer, CuePlayer, bell_notice
from unknot.audio.voice import Voice

MAX_DEATHS = 3  # this many worker deaths within DEATH_WINDOW seconds: give up on simpleaudio
DEATH_WINDOW = 30.0


# The worker is named from this package, so a rename cannot leave a stale literal behind.
WORKER_MODULE = f"{__name__.rpartition('.')[0]}.worker"
# Safe-path mode (-P): `-m` would otherwise put the current folder first on sys.path, and a folder
# holding its own `app/` or `unknot/` package would replace ours in the child.
SAFE_PATH = ("-P",)


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    # simpleaudio 1.0.4 frees memory without the GIL on 3.12+; the system allocator survives it.
    env["PYTHONMALLOC"] = "malloc"
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


class WorkerPlayer(CuePlayer):
    """Cues played by simpleaudio in a child process (`worker`), so a sound never blocks the
    caller and a crash in it never takes the app down. It owns that process: starts it in
    safe-path mode, restarts it as soon as it dies, drops a cue that would come too late, and
    falls back to the bell (`bell`) when the process cannot be kept alive. A player made muted
    starts no process until the sound is turned on (or it is asked to be ready)."""

    name = "simpleaudio"

    def __init__(
        self,
        sounds: Path,
        *,
        voice: Voice | None = None,
        log: Path | None = None,
        bell: BellPlayer | None = None,
        muted: bool = False,
    ) -> None:
        super().__init__(muted=muted)
        self.sounds = sounds
        self.voice_engine = voice
        self.log = log
        self.bell = bell if bell is not None else BellPlayer()
        self.reason = "simpleaudio in a child process"
        self._probe_ms: float | None = None
        self._probed = threading.Event()
        self._lock = threading.RLock()  # held while a dead worker is restarted, which may fall back
        self._proc: subprocess.Popen[bytes] | None = None
        self._deaths: deque[float] = deque(maxlen=MAX_DEATHS)
        self._fallen_back = False
        self._closing = False
        self._ready = threading.Event()
        self._unspoken: list[str] = []  # phrases to render once the sound is turned on
        if not muted:
            self._start()

    @property
    def active(self) -> str:
        return "bell" if self._fallen_back else self.name

    # ----- the child -----

    def _start(self) -> None:
        stderr: IO[bytes] | int = subprocess.DEVNULL
        if self.log is not None:
            try:
                self.log.parent.mkdir(parents=True, exist_ok=True)
                stderr = open(self.log, "ab")  # noqa: SIM115 - handed to the child
            except OSError:
                stderr = subprocess.DEVNULL
        self._ready.clear()
        try:
            proc = subprocess.Popen(
                [sys.executable, *SAFE_PATH, "-m", WORKER_MODULE, str(self.sounds)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=worker_env(),
                start_new_session=True,  # the terminal's ctrl+c is for the app, not the worker
            )
        except OSError as exc:
            self._fall_back("the sound process could not start", detail=str(exc))
            return
        finally:
            if not isinstance(stderr, int):
                stderr.close()
        assert proc.stdin is not None
        os.set_blocking(proc.stdin.fileno(), False)
        self._proc = proc
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").strip()
            word, _, rest = line.partition(" ")
            if word == "ready":
                self._ready.set()
            elif word == "ok" and rest.startswith("probe "):
                with contextlib.suppress(ValueError):
                    self._probe_ms = float(rest.split()[-1])
                self._probed.set()
            elif word == "nodevice":
                self._fall_back("no sound device found", detail=rest)
            elif word == "error" and "cannot" in rest:
                self._fall_back("simpleaudio could not be used", detail=rest)
        proc.wait()
        self._died(proc)

    def _died(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            if self._closing or self._fallen_back or proc is not self._proc:
                return
            now = time.monotonic()
            self._deaths.append(now)
            if len(self._deaths) == MAX_DEATHS and now - self._deaths[0] < DEATH_WINDOW:
                give_up = True
            else:
                give_up = False
                self._start()
        if give_up:
            self._fall_back("the sound process keeps failing")

    def _fall_back(self, why: str, detail: str = "") -> None:
        with self._lock:
            if self._fallen_back:
                return
            self._fallen_back = True
            self.reason = f"{why}: {detail}" if detail else why  # the full story, for doctor
            self.bell_why = why
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
        self._ready.set()  # nobody should wait for a worker that is gone
        self.notice(bell_notice(why))

    def use_ring(self, ring: Callable[[], None]) -> None:
        self.bell.use_ring(ring)

    def _sound_on(self) -> None:
        with self._lock:
            pending, self._unspoken = self._unspoken, []
            if self._proc is None and not self._fallen_back and not self._closing:
                self._start()
        if pending and self.voice_engine is not None and self.voice:
            # Turned on part-way through: nothing is about to open the session, so no phrase
            # is worth a wait; all of them render in the background.
            self.voice_engine.render_soon(pending, first=0)

    def wait_ready(self, timeout: float = 2.0) -> bool:
        self._sound_on()  # a muted player's process starts when it is needed
        return self._ready.wait(timeout)

    # ----- playing -----

    def prepare(self, phrases: list[str]) -> None:
        if self.muted:
            self._unspoken = phrases  # nothing to hear yet: rendered when the sound is turned on
            return
        if self.voice_engine is not None and self.voice:
            # The opening phrase now, before the first step starts; the rest in the background,
            # so speech is never on the path to a later cue. Once cached (the next session of a
            # routine) every phrase is ready at the start.
            self.voice_engine.render_soon(phrases)

    def _play(self, cue: Cue) -> None:
        if self._fallen_back:
            self.bell.play(cue)
            return
        words = None
        if self.voice and self.voice_engine is not None and cue.words:
            words = self.voice_engine.ready(cue.words)
        line = f"play {cue.tone} {time.monotonic():.6f}"
        if words is not None:
            line += f" {words}"
        self._send(line + "\n")

    @property
    def checks_device(self) -> bool:
        return True

    def probe(self, timeout: float = 5.0) -> float | None:
        """Open the device once and return the round trip in ms, or None if it failed."""
        if not self.wait_ready(timeout):
            return None
        self._probed.clear()
        self._send(f"probe {time.monotonic():.6f}\n")
        # A fall-back (no device) sets _ready, not _probed: the wait then runs out.
        end = time.monotonic() + timeout
        while not self._probed.wait(0.05):
            if self._fallen_back or time.monotonic() > end:
                return None
        return self._probe_ms

    def _send(self, line: str) -> None:
        with self._lock:
            proc = self._proc
        if proc is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(line.encode())
            proc.stdin.flush()
        except (BrokenPipeError, BlockingIOError, ValueError, OSError):
            # The reader thread restarts a dead worker; this cue is lost rather than late.
            pass

    def close(self) -> None:
        with self._lock:
            self._closing = True
            proc = self._proc
        if proc is not None and proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # the worker lets the last cue finish, then exits

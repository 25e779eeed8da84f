"""Spoken announcements, rendered offline by espeak-ng into WAVs cached by text and voice.

Rendering happens when a session starts, never on a cue's critical path: the opening phrase
(spoken as the first step starts) is rendered before that step, within a few seconds at most,
and the rest in the background; a phrase that is not ready yet is simply not spoken.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
from pathlib import Path

VOICE = "en-us"
OPENING_TIMEOUT = 5.0  # seconds the opening phrase may take before the session starts anyway
INSTALL_HINT = "apt-get install espeak-ng"


class Voice:
    def __init__(self, cache: Path, *, voice: str = VOICE, program: str | None = None) -> None:
        self.cache = cache
        self.voice = voice
        self.program = program if program is not None else shutil.which("espeak-ng")

    @property
    def available(self) -> bool:
        return self.program is not None

    def path_for(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.voice}\n{text}".encode()).hexdigest()[:24]
        return self.cache / f"{key}.wav"

    def ready(self, text: str) -> Path | None:
        path = self.path_for(text)
        return path if path.is_file() else None

    def render(self, phrases: list[str], timeout: float = 20.0) -> None:
        """Render every phrase not yet cached (blocking; see render_soon)."""
        if self.program is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        for text in phrases:
            path = self.path_for(text)
            if path.is_file():
                continue
            partial = path.with_suffix(f".{os.getpid()}.part")
            try:
                subprocess.run(
                    [self.program, "-v", self.voice, "-s", "150", "-w", str(partial), text],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=timeout,
                    check=True,
                )
                os.replace(partial, path)  # atomic: a cue never sees half a file
            except (OSError, subprocess.SubprocessError):
                partial.unlink(missing_ok=True)

    def render_soon(self, phrases: list[str], *, first: int = 1) -> None:
        """Render what is not cached yet: the `first` phrases (the opening one, spoken as the
        session's first step starts) now, the rest in a background thread. Once a routine's
        phrases are cached (from its second session on), nothing runs: one cheap look per
        phrase says so."""
        if self.program is None:
            return
        missing = [text for text in phrases if self.ready(text) is None]
        opening = [text for text in phrases[:first] if text in missing]
        if opening:
            self.render(opening, timeout=OPENING_TIMEOUT)
        rest = [text for text in missing if text not in opening]
        if rest:
            threading.Thread(target=self.render, args=(rest,), daemon=True).start()

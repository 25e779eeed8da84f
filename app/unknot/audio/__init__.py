"""Sound cues: one player interface, and the factory that picks the player this machine can use.

- `player`: the `CuePlayer` interface, the terminal bell and a recorder;
- `process`: simpleaudio in a child process (`worker`), which the app never waits on;
- `cues`: which tone and words each engine event calls for; `voice`: espeak-ng, rendered ahead.
"""

from __future__ import annotations

import importlib.util

from unknot.audio.player import BellPlayer, CuePlayer, RecordingPlayer, bell_notice

__all__ = ["BellPlayer", "CuePlayer", "RecordingPlayer", "bell_notice", "make_player"]


def make_player(*, voice: bool = True, muted: bool = False) -> CuePlayer:
    """simpleaudio in a child process where it can work, else the terminal bell (with why).
    Made `muted`, it starts no process until the sound is turned on."""
    from unknot.data import paths

    sounds = paths.sounds_dir()
    if not any(sounds.glob("*.wav")):
        return BellPlayer(reason=f"no cue sounds in {sounds}")
    if importlib.util.find_spec("simpleaudio") is None:
        return BellPlayer(reason="simpleaudio is not installed")
    from unknot.audio.process import WorkerPlayer
    from unknot.audio.voice import Voice

    speaker = Voice(paths.user_cache() / "voice")
    log = paths.user_cache() / "audio-worker.log"
    player = WorkerPlayer(sounds, voice=speaker, log=log, muted=muted)
    player.voice = voice and speaker.available
    return player

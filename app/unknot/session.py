"""A session, assembled once for every front end: the engine on its clock, its cues going to the
player, and its history recorded, starting fresh or where an interrupted session stopped.

The full-screen player and plain mode both start sessions here, so a session is the same
whichever way it is followed; the front ends only show it and pass on the user's commands.
"""

from __future__ import annotations

from unknot.audio import CuePlayer
from unknot.audio.cues import spoken_phrases
from unknot.core.clock import Clock, monotonic
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.data.library import Entry
from unknot.history.recorder import Recorder
from unknot.history.resume import start_position
from unknot.history.rows import SessionRow
from unknot.history.store import History


class LiveSession:
    """One run of a routine: `engine` decides, `recorder` keeps history, `player` sounds cues."""

    def __init__(
        self,
        entry: Entry,
        *,
        player: CuePlayer,
        history: History,
        clock: Clock = monotonic,
        resume: SessionRow | None = None,
    ) -> None:
        self.entry = entry
        self.player = player
        self.engine = Session(
            build_plan(entry.routine),
            clock=clock,
            routine_id=entry.id,
            routine_name=entry.routine.name,
        )
        self.engine.listen(player.cue)
        self.recorder = Recorder(history, self.engine, entry, resume=resume)
        # Where it starts: the first step, or the step (and time left) a resumed one was in.
        self.start_at = start_position(resume)
        # Speech is rendered in the background, so no cue ever waits for it.
        player.prepare(spoken_phrases(self.engine.plan))

    def start(self) -> None:
        self.engine.start(*self.start_at)

"""Cue timing in the full-screen player: the app on the real clock, headless, and each cue's
delay from its engine event's due time to the moment it was handed to the player."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench.timing import TWELVE
from unknot.audio import RecordingPlayer
from unknot.core.events import Event
from unknot.data.library import find
from unknot.session import SessionOptions, open_session
from unknot.tui.app import UnknotApp
from unknot.tui.screens.session import SessionScreen


async def _run(routine: Path) -> list[float]:
    player = RecordingPlayer(time.monotonic)
    with open_session(SessionOptions(), player=player) as sessions:
        return await _follow(UnknotApp(sessions, start=find(str(routine))), player)


async def _follow(app: UnknotApp, player: RecordingPlayer) -> list[float]:
    due: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        session = screen.session

        def note(event: Event) -> None:
            if event.kind in ("step_started", "countdown") and event.t > 0:
                due.append(session.started_at + event.t)

        session.listen(note)
        while not session.finished:
            await asyncio.sleep(0.2)
    played = [t for t, cue in player.played[1:] if cue.tone != "done"]
    return [(p - d) * 1000 for p, d in zip(played, due, strict=False)]


def tui_cue_delay() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        routine = Path(tmp) / "twelve.toml"
        routine.write_text(TWELVE)
        delays = asyncio.run(_run(routine))
    return {"cues": len(delays), "median_ms": statistics.median(delays), "max_ms": max(delays)}

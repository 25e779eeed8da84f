"""Cue timing in the full-screen player: the app on the real clock, headless, and each cue's
delay from its engine event's due time to the moment it was handed to the player."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from unknot.audio import RecordingPlayer
from unknot.core.events import Event
from unknot.data.library import find
from unknot.tui.app import UnknotApp
from unknot.tui.screens.session import SessionScreen

from bench.timing import TWELVE


async def _run(routine: Path) -> list[float]:
    player = RecordingPlayer(time.monotonic)
    app = UnknotApp(clock=time.monotonic, player=player, start=find(str(routine)))
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

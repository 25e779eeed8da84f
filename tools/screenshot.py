"""Write docs/session-100x30.svg, the README's picture of a session, on a frozen clock.

Run with `.venv/bin/python tools/screenshot.py` after changing how the session screen looks.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unknot.core.clock import FakeClock
    from unknot.tui.app import UnknotApp

ROOT = Path(__file__).resolve().parent.parent
SIZE = (100, 30)


async def shoot(target: Path) -> None:
    from unknot.audio import RecordingPlayer
    from unknot.core.clock import FakeClock
    from unknot.data.library import find
    from unknot.session import SessionOptions, open_session
    from unknot.tui.app import UnknotApp

    clock = FakeClock()
    player = RecordingPlayer(clock)
    player.muted = True
    with open_session(SessionOptions(clock=clock, mute=True), player=player) as sessions:
        await _shoot(UnknotApp(sessions, start=find("pre-run-five-muscles")), clock, target)


async def _shoot(app: UnknotApp, clock: FakeClock, target: Path) -> None:
    from unknot.tui.screens.session import SessionScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.advance(23.4)  # into the first move, on the left side
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.sync()
        await pilot.pause()
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["UNKNOT_HOME"] = home  # history of this run goes nowhere
        asyncio.run(shoot(ROOT / "docs" / f"session-{SIZE[0]}x{SIZE[1]}.svg"))


if __name__ == "__main__":
    main()

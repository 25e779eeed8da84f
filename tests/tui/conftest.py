from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.css.query import NoMatches
from textual.pilot import Pilot

from unknot.audio import CuePlayer, RecordingPlayer
from unknot.core.clock import FakeClock
from unknot.data import paths
from unknot.data.library import Entry, find
from unknot.history.store import History
from unknot.remote.host import Address
from unknot.session import SessionOptions, Sessions
from unknot.tui.app import UnknotApp


def make_app(
    clock: FakeClock,
    *,
    player: CuePlayer | None = None,
    start: Entry | None = None,
    resume: bool = False,
    fresh: bool = False,
    remote: Address | None = None,
) -> UnknotApp:
    """The App as `run_tui` makes it, on a fake clock, with a recording player by default."""
    options = SessionOptions(clock=clock, resume=resume, fresh=fresh, remote=remote)
    sessions = Sessions(
        options,
        player=player if player is not None else RecordingPlayer(clock),
        history=History(paths.history_db()),
    )
    return UnknotApp(sessions, start=start)


class Harness:
    """An app on a fake clock with a recording player."""

    def __init__(
        self,
        start: Entry | None = None,
        *,
        resume: bool = False,
        fresh: bool = False,
        player: CuePlayer | None = None,
    ) -> None:
        self.clock = FakeClock()
        self.player = RecordingPlayer(self.clock)  # what the session plays, unless `player`
        self.app = make_app(
            self.clock, player=player or self.player, start=start, resume=resume, fresh=fresh
        )

    def advance(self, seconds: float) -> None:
        """Move the clock and let the screen catch up, as its timer would."""
        from unknot.tui.screens.session import SessionScreen

        self.clock.advance(seconds)
        screen = self.app.screen
        if isinstance(screen, SessionScreen):
            screen.sync()


@pytest.fixture
def twelve_entry(twelve: Path) -> Entry:
    return find(str(twelve))


@pytest.fixture
def harness(twelve_entry: Entry) -> Harness:
    return Harness(start=twelve_entry)


def screen_text(app: UnknotApp) -> str:
    """Every character the terminal shows now, modal dialogs and the screens beneath included."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def record_notifications(app: UnknotApp) -> list[str]:
    """Every message `app.notify` is given from now on (a toast in the corner)."""
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **options: object) -> None:
        said.append(message)
        notify(message, **options)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return said


def shown_in(app: UnknotApp, selector: str) -> str:
    """The text the terminal shows inside one widget, wrapped lines joined by single spaces."""
    region = app.screen.query_one(selector).content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right].split()) for line in lines).strip()


async def shown_when(app: UnknotApp, pilot: Pilot[Any], selector: str, text: str) -> str:
    """What `shown_in` reads once it contains `text`: a screen or dialog that has just appeared
    can be drawn a frame or two later on a busy machine. Fails after 3 s, saying what it saw."""
    shown = ""
    end = time.monotonic() + 3.0
    while True:
        try:
            shown = shown_in(app, selector)
        except NoMatches:
            shown = ""
        if text in shown or time.monotonic() > end:
            break
        await pilot.pause(0.01)
    assert text in shown, f"{selector} never showed {text!r}: {shown!r}"
    return shown

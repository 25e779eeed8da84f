"""The desktop bridge: one session on the session bus, in the front end's own asyncio loop.

While a session runs it is an MPRIS player (media keys, headset buttons, `playerctl`), it keeps
the screen from blanking, and when it ends a desktop notification says so. With no session bus
(SSH, a container, CI) it does nothing and says why in `problem`; the session runs as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import os

from dbus_fast import NameFlag, RequestNameReply
from dbus_fast.aio import MessageBus

from unknot.core.engine import Session
from unknot.core.events import Event, SessionFinished
from unknot.desktop import bus_address
from unknot.desktop.awake import ScreenKeeper
from unknot.desktop.calls import CALL_LIMIT
from unknot.desktop.mpris import BUS_NAME, OBJECT_PATH, Apply, MediaPlayer, Player
from unknot.desktop.notices import finished_text, notify

NO_BUS = "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"


async def connect() -> MessageBus:
    """The session bus, connected (raises OSError, TimeoutError or a D-Bus error)."""
    return await asyncio.wait_for(MessageBus(bus_address=bus_address()).connect(), CALL_LIMIT)


async def claim_name(bus: MessageBus) -> str:
    """`org.mpris.MediaPlayer2.unknot`, or with `.instance<pid>` when another unknot has it."""
    for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
        reply = await bus.request_name(name, NameFlag.DO_NOT_QUEUE)
        if reply in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
            return name
    return ""


class DesktopBridge:
    """One session's place on the desktop: started once the session is, stopped when it ends."""

    def __init__(self, *, notifications: bool = True) -> None:
        self.notifications = notifications
        self.name = ""  # the MPRIS name in use, once on the bus
        self.problem = ""
        self.notified = ""  # the last notification's summary, once shown
        self.keeper = ScreenKeeper()
        self._bus: MessageBus | None = None
        self._player: Player | None = None
        self._engine: Session | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._finishing = False  # the session has ended: the bridge notifies, then leaves

    @property
    def running(self) -> bool:
        return self._bus is not None

    async def start(self, engine: Session, apply: Apply) -> bool:
        """Join the session bus, take the screen and the MPRIS name. False (with `problem`)
        when there is no bus to join; the session goes on without it."""
        if not bus_address():
            self.problem = NO_BUS
            return False
        try:
            bus = await connect()
        except Exception as exc:  # a stale address, a refused connection, a daemon gone
            self.problem = f"cannot reach the session bus: {exc}"
            return False
        self._bus = bus
        self._engine = engine
        self._player = Player(engine, apply)
        bus.export(OBJECT_PATH, MediaPlayer())
        bus.export(OBJECT_PATH, self._player)
        self.name = await claim_name(bus)
        engine.listen(self._on_event)
        if not engine.finished:
            await self.keeper.take(bus)
            if self.keeper.problem:
                self.problem = self.keeper.problem
        return True

    def _on_event(self, event: Event) -> None:
        if self._player is None:
            return  # stopped: the engine keeps its listeners, this one no longer acts
        with contextlib.suppress(Exception):  # the bus has gone: the session goes on
            self._player.changed()
        if isinstance(event, SessionFinished) and not self._finishing:
            self._finishing = True
            # Only a session that ran to its end: one stopped was stopped by someone right there.
            text = None
            if event.result.status == "completed" and self.notifications:
                routine = self._engine.routine_name if self._engine is not None else ""
                text = finished_text(routine, event.result)
            self._spawn(self._finish(text))

    async def _finish(self, text: tuple[str, str] | None) -> None:
        bus = self._bus
        if bus is not None and text is not None:
            reply = await notify(bus, *text)
            if reply.ok:
                self.notified = text[0]
        await self.stop()

    def _spawn(self, work: object) -> None:
        assert asyncio.iscoroutine(work)
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        """Release the screen, leave the bus (the player disappears from it)."""
        bus, self._bus, self._player = self._bus, None, None
        if bus is None:
            return
        await self.keeper.release(bus)
        bus.disconnect()  # the bus drops the MPRIS name with the connection

    def stop_soon(self) -> None:
        """Stop without waiting (the session's screen is going). Once the session has ended the
        bridge stops by itself, after its notification."""
        if self._bus is not None and not self._finishing:
            self._spawn(self.stop())

    async def wait(self) -> None:
        """Wait for what is under way (the last notification, leaving the bus)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

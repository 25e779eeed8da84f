"""One session's remote as a front end holds it: started and stopped at will, in the front end's
own asyncio loop, with the same address and token on every start."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from unknot.core.controls import Command, Control
from unknot.core.engine import Session

if TYPE_CHECKING:
    from unknot.remote.server import RemoteServer

Address = tuple[str | None, int | None]  # where to listen: host and port, None for the defaults

_stopping: set[asyncio.Task[None]] = set()  # servers stopping after their screen has gone


def _nothing() -> None:
    pass


class RemoteHost:
    """One session's remote: the server on the first start, the same token on every start."""

    def __init__(
        self, address: Address | None, on_change: Callable[[], None] | None = None
    ) -> None:
        self.address = address if address is not None else (None, None)
        self.on_change = on_change if on_change is not None else _nothing
        self.server: RemoteServer | None = None
        self.problem = ""

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def url(self) -> str:
        return self.server.url if self.running and self.server is not None else ""

    async def start(self, engine: Session, apply: Callable[[Control | Command], None]) -> None:
        if self.server is None:
            from unknot.remote.server import RemoteServer  # aiohttp loads with the remote only

            self.server = RemoteServer(engine, apply, host=self.address[0], port=self.address[1])
        try:
            await self.server.start()
            self.problem = ""
        except ValueError as exc:  # AddressError: no port to listen on
            self.problem = str(exc)
        self.on_change()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
        self.on_change()

    def stop_soon(self) -> None:
        """Stop without waiting (the session has ended; its screen may be going)."""
        if not self.running or self.server is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop is left to serve it: the server went with it
        else:
            task = loop.create_task(self.server.stop())
            _stopping.add(task)
            task.add_done_callback(_stopping.discard)

"""How many connections the remote keeps and for how long, under aiohttp's request handling.

aiohttp reads requests but neither caps connections nor times out one that never sends a whole
request, so each accepted connection goes through a `_Guarded` protocol first: past
`MAX_CONNECTIONS` a new one gets a bare 503 and is closed; one that has not sent a full request
within `REQUEST_TIMEOUT` (after it opens, or after its last response) is closed. The server marks a
connection busy while a request runs (`Connections.busy` / `idle`), so an event stream lives on.

aiohttp answers a request it cannot parse (a long URL, a long or one-too-many header) by itself,
logging a traceback that may quote the request line, token included: its logger here is silent,
and the `Server` header it writes, which names Python's and aiohttp's versions, says `unknot`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Any

from aiohttp.http import SERVER_SOFTWARE

MAX_CONNECTIONS = 64  # open at once, event streams included
REQUEST_TIMEOUT = 10.0  # seconds a connection may take to send a whole request
SERVER_NAME = "unknot"

_THEIRS = b"Server: " + SERVER_SOFTWARE.encode()
_OURS = b"Server: " + SERVER_NAME.encode()
_FULL = (
    b"HTTP/1.1 503 Service Unavailable\r\nServer: " + SERVER_NAME.encode() + b"\r\n"
    b"Content-Type: text/plain\r\nContent-Length: 34\r\nConnection: close\r\n\r\n"
    b"too many connections to the remote"
)


def silent_logger() -> logging.Logger:
    """aiohttp's logger for this server: nothing it would log reaches stderr or a log file."""
    logger = logging.getLogger("unknot.remote.http")
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return logger


def _renamed(chunk: bytes | bytearray | memoryview) -> bytes | bytearray | memoryview:
    if bytes(chunk[:7]) == b"HTTP/1." and _THEIRS in chunk:
        return bytes(chunk).replace(_THEIRS, _OURS, 1)
    return chunk


class _Transport:
    """The connection as aiohttp's handler sees it: the real transport, its header renamed."""

    def __init__(self, real: asyncio.Transport) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.real.write(_renamed(data))

    def writelines(self, chunks: Iterable[bytes | bytearray | memoryview]) -> None:
        self.real.writelines([_renamed(chunk) for chunk in chunks])


class _Guarded(asyncio.Protocol):
    """One connection: refused past the cap, closed when it idles without a request."""

    def __init__(self, owner: Connections) -> None:
        self.owner = owner
        self.handler: asyncio.Protocol | None = None
        self.transport: _Transport | None = None
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        if len(self.owner.open) >= self.owner.limit:
            transport.write(_FULL)
            transport.close()
            return
        self.transport = _Transport(transport)
        self.owner.open[self.transport] = self
        self.handler = self.owner.factory()
        self.handler.connection_made(self.transport)  # type: ignore[arg-type]
        self.arm()

    def arm(self) -> None:
        self.disarm()
        self.timer = asyncio.get_running_loop().call_later(self.owner.timeout, self.expire)

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def closing(self) -> bool:
        return self.transport is None or self.transport.real.is_closing()

    def expire(self) -> None:
        if self.transport is not None:
            self.transport.real.abort()

    def data_received(self, data: bytes) -> None:
        if self.handler is not None:
            self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        return self.handler.eof_received() if self.handler is not None else None

    def pause_writing(self) -> None:
        if self.handler is not None:
            self.handler.pause_writing()

    def resume_writing(self) -> None:
        if self.handler is not None:
            self.handler.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self.disarm()
        if self.transport is not None:
            self.owner.open.pop(self.transport, None)
        if self.handler is not None:
            self.handler.connection_lost(exc)


class Connections:
    """The protocol factory `loop.create_server` takes, around aiohttp's own (`runner.server`)."""

    def __init__(
        self,
        factory: Callable[[], asyncio.Protocol],
        *,
        limit: int = MAX_CONNECTIONS,
        timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.factory = factory
        self.limit = limit
        self.timeout = timeout
        self.open: dict[object, _Guarded] = {}

    def __call__(self) -> asyncio.Protocol:
        return _Guarded(self)

    def busy(self, transport: object) -> None:
        """A whole request has come in on this connection: no timeout while it is answered."""
        guarded = self.open.get(transport)
        if guarded is not None:
            guarded.disarm()

    def idle(self, transport: object) -> None:
        """Its answer is sent: the next request must come within the timeout."""
        guarded = self.open.get(transport)
        if guarded is not None and not guarded.closing():
            guarded.arm()

    def close_all(self) -> None:
        for guarded in list(self.open.values()):
            guarded.expire()

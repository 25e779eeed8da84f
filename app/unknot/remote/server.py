"""The remote's HTTP server: the page, the session's state, its events as they happen, and the
commands a browser sends, all in the asyncio loop the session already runs in (no threads).

Every request must come to the address the server is bound to (a `Host` header naming anything
else is refused, which defeats DNS rebinding) and carry the session's token, in the URL as `?t=`
or as `Authorization: Bearer`. The token is 128 random bits, new for every server, compared in
constant time. A browser that stops reading its events is dropped, never waited for.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources

from aiohttp import web

from unknot.core.engine import Session
from unknot.core.events import Event
from unknot.remote.address import (
    DEFAULT_PORT,
    PORT_TRIES,
    AddressError,
    cannot_listen,
    default_host,
    url_host,
)
from unknot.remote.state import COMMANDS, snapshot

MAX_BODY = 4096  # bytes in a request body
KEEPALIVE = 15.0  # seconds between the comment lines that keep an idle event stream open
QUEUE_SIZE = 64  # events waiting for one browser; a browser that falls this far behind is dropped

Apply = Callable[[str], None]


@dataclass(eq=False)
class _Client:
    """One browser's event stream: what waits to be sent to it, and how to cut it off."""

    request: web.Request
    queue: asyncio.Queue[bytes | None] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_SIZE)
    )

    def drop(self) -> None:
        transport = self.request.transport
        if transport is not None:
            transport.abort()


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=_HEADERS)


_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_PAGE_HEADERS = {
    **_HEADERS,
    # The page is one file: its own inline style and script, and requests to this server only.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}


class RemoteServer:
    """Serves one session. `apply` runs a command the way the front end's keys do."""

    def __init__(
        self,
        engine: Session,
        apply: Apply,
        *,
        host: str | None = None,
        port: int | None = None,
        token: str | None = None,
        keepalive: float = KEEPALIVE,
    ) -> None:
        self.engine = engine
        self.apply = apply
        self.host = host
        self.port = port
        self.token = token if token is not None else secrets.token_urlsafe(16)
        self.keepalive = keepalive
        self.url = ""
        self._clients: set[_Client] = set()
        self._runner: web.AppRunner | None = None
        self._last_port: int | None = None
        self.app = self._make_app()
        engine.listen(self.publish)

    # ----- running -----

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> str:
        """Listen, and answer the URL a browser opens (token included)."""
        if self._runner is not None:
            return self.url
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        host = self.host if self.host is not None else default_host()
        ports = (
            [self.port]
            if self.port is not None
            else list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES))
        )
        if self._last_port is not None:
            # Started again: the same URL as before when that port is still free.
            ports = [self._last_port, *(p for p in ports if p not in (0, self._last_port))]
        failure: OSError | None = None
        for port in ports:
            site = web.TCPSite(runner, host, port)
            try:
                await site.start()
            except OSError as exc:
                failure = exc
                continue
            break
        else:
            await runner.cleanup()
            raise AddressError(cannot_listen(host, ports, failure))
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        self._last_port = int(bound_port)
        shown = (
            bound_host if not ipaddress.ip_address(bound_host).is_unspecified else default_host()
        )
        self.url = f"http://{url_host(shown)}:{bound_port}/?t={self.token}"
        return self.url

    async def stop(self) -> None:
        """Send what is queued, end every event stream, and stop listening."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        for client in list(self._clients):
            try:
                client.queue.put_nowait(None)
            except asyncio.QueueFull:
                client.drop()
        await runner.cleanup()

    def publish(self, event: Event) -> None:
        """An engine listener: queue the event for every browser, dropping any that lag behind."""
        if not self._clients:
            return
        frame = b"data: " + json.dumps(event.to_json()).encode() + b"\n\n"
        for client in list(self._clients):
            try:
                client.queue.put_nowait(frame)
            except asyncio.QueueFull:
                self._clients.discard(client)
                client.drop()

    @property
    def clients(self) -> int:
        return len(self._clients)

    # ----- the application -----

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._errors, self._guard])
        app.router.add_get("/", self._page)
        app.router.add_get("/state", self._state)
        app.router.add_get("/events", self._events)
        app.router.add_post("/control", self._control)
        return app

    @web.middleware
    async def _errors(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Every refusal as JSON: {"error": ...}."""
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            messages = {
                404: f"nothing at {request.path}; the page is at /",
                405: f"{request.method} is not allowed on {request.path}",
                413: f"the request body is over {MAX_BODY} bytes",
            }
            return _error(exc.status, messages.get(exc.status, exc.reason))

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """The Host header, then the token, then the body's size: before anything else runs."""
        if not self._host_allowed(request):
            return _error(403, "the Host header does not name this server's address")
        given = request.query.get("t")
        header = request.headers.get("Authorization", "")
        if given is None and header[:7].lower() == "bearer ":
            given = header[7:].strip()
        if not given:
            response = _error(401, "a token is needed: open the URL unknot shows, with its ?t=")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return _error(403, "the token is wrong; open the URL unknot shows for this session")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _error(413, f"the request body is over {MAX_BODY} bytes")
        return await handler(request)

    def _host_allowed(self, request: web.Request) -> bool:
        """The Host header names the address and port the request came in on."""
        transport = request.transport
        sockname = transport.get_extra_info("sockname") if transport is not None else None
        if not sockname:
            return False
        address, port = str(sockname[0]), int(sockname[1])
        allowed = {f"{url_host(address)}:{port}"}
        if address.startswith("::ffff:"):
            allowed.add(f"{address[7:]}:{port}")
        if ipaddress.ip_address(address.split("%")[0]).is_loopback:
            allowed.add(f"localhost:{port}")
        return request.headers.get("Host", "").lower() in allowed

    async def _page(self, request: web.Request) -> web.Response:
        page = resources.files("unknot.remote").joinpath("static/index.html").read_bytes()
        return web.Response(body=page, content_type="text/html", headers=_PAGE_HEADERS)

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(snapshot(self.engine), headers=_HEADERS)

    async def _control(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return _error(400, 'the body must be JSON like {"command": "pause"}')
        command = body.get("command") if isinstance(body, dict) else None
        if command not in COMMANDS:
            return _error(400, f"unknown command {command!r}; use one of {', '.join(COMMANDS)}")
        self.apply(command)
        return web.json_response(snapshot(self.engine), headers=_HEADERS)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        client = _Client(request)
        response = web.StreamResponse(
            headers={**_HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        )
        await response.prepare(request)
        self._clients.add(client)
        try:
            await response.write(b": connected\n\n")
            while True:
                try:
                    frame = await asyncio.wait_for(client.queue.get(), self.keepalive)
                except TimeoutError:
                    frame = b": keep-alive\n\n"
                if frame is None:
                    break
                await response.write(frame)
        except (ConnectionError, RuntimeError):
            pass  # the browser went away, or was dropped for falling behind
        finally:
            self._clients.discard(client)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await response.write_eof()
        return response

"""The remote's HTTP server: the page, the session's state, its events as they happen, and the
commands a browser sends, all in the asyncio loop the session already runs in (no threads).

Who may talk to it is `guard`'s part (Host, Origin, token, body); how many connections it keeps
and for how long is `limits`' part. The token is 128 random bits, new for every server. A
browser that stops reading its events is dropped, never waited for; every event stream gets a
heartbeat at least every `HEARTBEAT` seconds, so a page can tell a live server from a dead one.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources

from aiohttp import web

from unknot.core.controls import Command, CommandError, Control, from_json
from unknot.core.engine import Session
from unknot.core.events import Event, Rated
from unknot.remote import guard
from unknot.remote.address import (
    DEFAULT_PORT,
    PORT_TRIES,
    AddressError,
    cannot_listen,
    default_host,
    url_host,
)
from unknot.remote.guard import HEADERS, MAX_BODY, PAGE_HEADERS, error
from unknot.remote.limits import REQUEST_TIMEOUT, Connections, silent_logger
from unknot.remote.state import COMMANDS, Given, figure_of, page_controls, snapshot

HEARTBEAT = 1.5  # seconds between heartbeats on an idle event stream (the page waits 5 s)
MAX_STREAMS = 32  # event streams at once; the next gets 503
QUEUE_SIZE = 64  # events waiting for one browser; a browser that falls this far behind is dropped
_BEAT = b"event: heartbeat\ndata: {}\n\n"

Apply = Callable[[Control | Command], None]  # raises CommandError for one the session cannot take


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


class RemoteServer:
    """Serves one session. `apply` runs a control the way the front end's keys do."""

    def __init__(
        self,
        engine: Session,
        apply: Apply,
        *,
        host: str | None = None,
        port: int | None = None,
        token: str | None = None,
        heartbeat: float = HEARTBEAT,
        max_streams: int = MAX_STREAMS,
        request_timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.engine = engine
        self.apply = apply
        self.host = host
        self.port = port
        self.token = token if token is not None else secrets.token_urlsafe(16)
        self.heartbeat = heartbeat
        self.max_streams = max_streams
        self.request_timeout = request_timeout
        self.url = ""
        self.connections: Connections | None = None
        self._clients: set[_Client] = set()
        self._runner: web.AppRunner | None = None
        self._listening: asyncio.Server | None = None
        self._last_port: int | None = None
        self.app = self._make_app()
        self.given: Given = {}  # the scores rated so far, for the page's rating rows
        engine.listen(self.publish)

    # ----- running -----

    @property
    def running(self) -> bool:
        return self._runner is not None

    def runner(self) -> web.AppRunner:
        """aiohttp's runner for this app: silent, closing idle connections, naming no versions."""
        return web.AppRunner(
            self.app,
            access_log=None,
            shutdown_timeout=1.0,
            logger=silent_logger(),
            keepalive_timeout=self.request_timeout,
        )

    async def start(self) -> str:
        """Listen, and answer the URL a browser opens (token included)."""
        if self._runner is not None:
            return self.url
        runner = self.runner()
        await runner.setup()
        assert runner.server is not None
        self.connections = Connections(runner.server, timeout=self.request_timeout)
        host = self.host if self.host is not None else default_host()
        ports = (
            [self.port]
            if self.port is not None
            else list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES))
        )
        if self._last_port is not None:
            # Started again: the same URL as before when that port is still free.
            ports = [self._last_port, *(p for p in ports if p not in (0, self._last_port))]
        loop = asyncio.get_running_loop()
        failure: OSError | None = None
        for port in ports:
            try:
                self._listening = await loop.create_server(self.connections, host, port)
            except OSError as exc:
                failure = exc
                continue
            break
        else:
            await runner.cleanup()
            raise AddressError(cannot_listen(host, ports, failure))
        self._runner = runner
        bound_host, bound_port = self._listening.sockets[0].getsockname()[:2]
        self._last_port = int(bound_port)
        shown = (
            bound_host if not ipaddress.ip_address(bound_host).is_unspecified else default_host()
        )
        self.url = f"http://{url_host(shown)}:{bound_port}/?t={self.token}"
        return self.url

    async def stop(self) -> None:
        """Send what is queued, end every event stream, and stop listening."""
        runner, self._runner = self._runner, None
        listening, self._listening = self._listening, None
        if runner is None:
            return
        if listening is not None:
            listening.close()
        for client in list(self._clients):
            try:
                client.queue.put_nowait(None)
            except asyncio.QueueFull:
                client.drop()
        await runner.cleanup()
        if self.connections is not None:
            self.connections.close_all()  # what never sent a request
        if listening is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(listening.wait_closed(), 2.0)

    def publish(self, event: Event) -> None:
        """An engine listener: queue the event for every browser, dropping any that lag behind."""
        if isinstance(event, Rated):
            self.given.setdefault(event.index, {})[event.side or ""] = event.score
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
        app.router.add_get("/awake.{kind:webm|mp4}", self._video)
        app.router.add_get("/figure", self._figure)
        app.router.add_post("/control", self._control)
        return app

    @web.middleware
    async def _errors(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Every refusal as JSON: {"error": ...}; the connection busy while it is answered."""
        if self.connections is not None:
            self.connections.busy(request.transport)
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
            return error(exc.status, messages.get(exc.status, exc.reason))
        finally:
            if self.connections is not None:
                self.connections.idle(request.transport)

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        refusal = guard.check(request, self.token)
        return refusal if refusal is not None else await handler(request)

    async def _page(self, request: web.Request) -> web.Response:
        page = resources.files("unknot.remote").joinpath("static/index.html").read_text()
        # The buttons come from the vocabulary of controls; `<` escaped so no text ends the script.
        controls = json.dumps(page_controls()).replace("<", "\\u003c")
        page = page.replace("{{controls}}", controls)
        return web.Response(text=page, content_type="text/html", headers=PAGE_HEADERS)

    async def _video(self, request: web.Request) -> web.Response:
        kind = request.match_info["kind"]
        video = resources.files("unknot.remote").joinpath(f"static/awake.{kind}").read_bytes()
        return web.Response(
            body=video,
            content_type=f"video/{kind}",
            headers={**HEADERS, "Cache-Control": "private, max-age=86400"},
        )

    async def _figure(self, request: web.Request) -> web.Response:
        """The figure of the move step `?step=N` works or leads to, as SVG; 204 without one."""
        steps = self.engine.plan.steps
        try:
            index = int(request.query.get("step", ""))
        except ValueError:
            index = -1
        if not 0 <= index < len(steps):
            return error(400, f"step must be a step's number, 0 to {len(steps) - 1}")
        svg = figure_of(self.engine.plan, index)
        if svg is None:
            return web.Response(status=204, headers=HEADERS)
        return web.Response(text=svg, content_type="image/svg+xml", headers=HEADERS)

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(snapshot(self.engine, self.given), headers=HEADERS)

    async def _control(self, request: web.Request) -> web.Response:
        try:
            body = guard.parse_body(await request.read())
        except ValueError:
            return error(400, 'the body must be JSON like {"command": "pause"}')
        try:
            command = from_json(body)
            if command is None:
                name = body.get("command")
                return error(400, f"unknown command {name!r}; use one of {', '.join(COMMANDS)}")
            self.apply(command.simplest())
        except CommandError as exc:
            return error(400, f"{exc}; nothing was recorded")
        return web.json_response(snapshot(self.engine, self.given), headers=HEADERS)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if len(self._clients) >= self.max_streams:
            return error(503, f"at most {self.max_streams} pages can follow the session at once")
        client = _Client(request)
        response = web.StreamResponse(
            headers={**HEADERS, "Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        )
        await response.prepare(request)
        self._clients.add(client)
        try:
            await response.write(b": connected\n\n" + _BEAT)
            while True:
                try:
                    frame = await asyncio.wait_for(client.queue.get(), self.heartbeat)
                except TimeoutError:
                    frame = _BEAT
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

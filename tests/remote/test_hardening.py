"""The remote against what a floor, a hostile page and a broken client send: the whole vocabulary
and nothing else, cross-site requests, malformed requests on raw sockets, and the limits on
connections and event streams. A real server on the loopback, raw sockets and aiohttp's client."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession

from tests.remote.test_server import ROUTINE, TOKEN
from unknot.core.clock import FakeClock
from unknot.core.controls import VOCABULARY, Command, Control
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.remote import limits
from unknot.remote import server as server_module
from unknot.remote.server import RemoteServer
from unknot.remote.state import COMMANDS, PAGE_LEAVES_OUT, page_controls

JSON = {"Content-Type": "application/json"}


class Live:
    """A started server on 127.0.0.1 and the controls it applied."""

    def __init__(self, clock: FakeClock, request_timeout: float = limits.REQUEST_TIMEOUT) -> None:
        self.engine = Session(build_plan(ROUTINE), clock=clock, routine_id="hardening")
        self.applied: list[Control | Command] = []
        self.server = RemoteServer(
            self.engine,
            self.apply,
            host="127.0.0.1",
            port=0,
            token=TOKEN,
            request_timeout=request_timeout,
        )
        self.base = ""
        self.port = 0

    def apply(self, control: Control | Command) -> None:
        self.applied.append(control)
        self.engine.apply(control)

    async def start(self) -> None:
        url = await self.server.start()
        self.base = url.split("/?")[0]
        self.port = int(self.base.rsplit(":", 1)[1])


@pytest.fixture
async def live(clock: FakeClock) -> AsyncIterator[Live]:
    served = Live(clock, request_timeout=0.5)
    await served.start()
    served.engine.start()
    yield served
    await served.server.stop()


def auth(**extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}", **extra}


async def raw(port: int, request: bytes, *, wait: float = 5.0) -> bytes:
    """Send bytes on a fresh connection; everything the server answers until it closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(), wait)
    finally:
        writer.close()


# ----- the vocabulary -----


def test_the_remote_takes_the_whole_vocabulary_and_nothing_else() -> None:
    assert set(COMMANDS) == {info.control.value for info in VOCABULARY} == set(Control)
    shown = {c["command"] for c in page_controls()}
    assert shown == {c.value for c in Control} - {c.value for c in PAGE_LEAVES_OUT}
    assert shown | {c.value for c in PAGE_LEAVES_OUT} == set(COMMANDS)
    labels = {info.control.value: info.label for info in VOCABULARY}
    assert all(c["label"] == labels[str(c["command"])] for c in page_controls())


@pytest.mark.parametrize("control", list(Control))
async def test_every_control_is_applied_by_value(live: Live, control: Control) -> None:
    live.engine.next()
    async with ClientSession() as http:
        # rate needs its arguments: a side (the move has two) and a score
        args = {"side": "left", "score": 3} if control is Control.RATE else {}
        response = await http.post(
            f"{live.base}/control", json={"command": control.value, **args}, headers=auth()
        )
        assert response.status == 200, await response.text()
        state = await response.json()
    assert live.applied == [Command(control, "left", 3) if args else control]
    assert state["paused"] is live.engine.paused
    assert state["finished"] is (control is Control.STOP)


async def test_pause_twice_stays_paused_and_resume_when_running_does_nothing(live: Live) -> None:
    async with ClientSession() as http:

        async def send(command: str) -> dict[str, object]:
            response = await http.post(
                f"{live.base}/control", json={"command": command}, headers=auth()
            )
            assert response.status == 200
            return dict(await response.json())

        assert (await send("resume"))["paused"] is False  # running: nothing happens
        assert not live.engine.paused and live.engine.paused_seconds == 0
        assert (await send("pause"))["paused"] is True
        assert (await send("pause"))["paused"] is True  # not a toggle
        assert live.engine.paused
        assert (await send("toggle"))["paused"] is False


async def test_the_page_builds_its_buttons_from_the_vocabulary(live: Live) -> None:
    async with ClientSession() as http:
        page = await (await http.get(f"{live.base}/?t={TOKEN}")).text()
    served = re.search(r'id="vocabulary">(.*?)</script>', page, re.S)
    assert served is not None
    assert json.loads(served.group(1)) == page_controls()
    # No button of the vocabulary is written into the HTML itself.
    assert "data-command=" not in page.split("<script")[0].split("<body")[1]


# ----- cross-site requests -----


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example", "Content-Type": "text/plain"},
        {"Origin": "http://evil.example", "Content-Type": "application/json"},
        {"Origin": "null", "Content-Type": "application/json"},
        {"Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"},
    ],
)
async def test_a_cross_site_request_is_403_even_with_the_token(
    live: Live, headers: dict[str, str]
) -> None:
    async with ClientSession() as http:
        response = await http.post(
            f"{live.base}/control", data=b'{"command": "pause"}', headers=auth(**headers)
        )
        assert response.status == 403
        assert "another site" in (await response.json())["error"]
        get = await http.get(f"{live.base}/state", headers=auth(**headers))
        assert get.status == 403
    assert live.applied == [] and not live.engine.paused


async def test_a_command_must_be_sent_as_json(live: Live) -> None:
    async with ClientSession() as http:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            response = await http.post(
                f"{live.base}/control",
                data=b'{"command": "pause"}',
                headers=auth(**{"Content-Type": kind}),
            )
            assert response.status == 415
        assert live.applied == []
        # Its own origin, and no origin at all (a script, curl), work as before.
        for extra in ({"Origin": live.base}, {}):
            response = await http.post(
                f"{live.base}/control", data=b'{"command": "pause"}', headers=auth(**JSON, **extra)
            )
            assert response.status == 200
    assert live.applied == [Control.PAUSE, Control.PAUSE] and live.engine.paused


# ----- malformed requests: a 4xx, and nothing printed or logged -----


async def test_json_nested_2000_deep_is_400(live: Live) -> None:
    body = b"[" * 2000 + b"]" * 2000
    nested = b'{"command": ' + b'{"a": ' * 2000 + b"1" + b"}" * 2000 + b"}"
    async with ClientSession() as http:
        for data in (body, nested):
            response = await http.post(f"{live.base}/control", data=data, headers=auth(**JSON))
            assert response.status in (400, 413)
    deep = b"[" * 1500 + b"]" * 1500  # 3,000 bytes: under the body limit, so parsed
    async with ClientSession() as http:
        response = await http.post(f"{live.base}/control", data=deep, headers=auth(**JSON))
        assert response.status == 400
    assert live.applied == []


def _status(answer: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    assert match is not None, answer[:200]
    return int(match.group(1))


def _server_header(answer: bytes) -> str:
    head = answer.split(b"\r\n\r\n")[0].decode("latin-1")
    found = re.search(r"(?im)^server: (.*)$", head)
    return found.group(1).strip() if found else ""


@pytest.mark.parametrize(
    "request_bytes",
    [
        # an over-long URL, the token first in it
        f"GET /state?t={TOKEN}&pad={'x' * 12000} HTTP/1.1\r\nHost: H\r\n\r\n",
        # a 10 KB header
        f"GET /state?t={TOKEN} HTTP/1.1\r\nHost: H\r\nX-Pad: {'y' * 10240}\r\n\r\n",
        # 200 headers
        f"GET /state?t={TOKEN} HTTP/1.1\r\nHost: H\r\n"
        + "".join(f"X-H{n}: v\r\n" for n in range(200))
        + "\r\n",
        # not HTTP at all
        f"\x16\x03\x01 not http {TOKEN}\r\n\r\n",
        f"GET /state?t={TOKEN} HTTP/1.1\r\nHost: H\r\nContent-Length: -5\r\n\r\n",
    ],
    ids=["long-url", "long-header", "200-headers", "not-http", "bad-length"],
)
async def test_malformed_requests_get_a_4xx_and_nothing_on_stderr(
    live: Live,
    request_bytes: str,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    host = f"127.0.0.1:{live.port}"
    answer = await raw(live.port, request_bytes.replace("Host: H", f"Host: {host}").encode())
    assert 400 <= _status(answer) < 500
    assert "aiohttp" not in _server_header(answer).lower()
    assert "python" not in _server_header(answer).lower()
    await asyncio.sleep(0.05)
    out, err = capfd.readouterr()
    assert err == "" and TOKEN not in out
    assert not [r for r in caplog.records if TOKEN in r.getMessage() or r.exc_info]


async def test_answers_name_no_server_software(live: Live) -> None:
    async with ClientSession() as http:
        for path in ("/state", "/nothing", "/"):
            response = await http.get(f"{live.base}{path}", headers=auth())
            assert response.headers["Server"] == "unknot"


# ----- limits -----


async def test_a_connection_that_sends_no_whole_request_is_closed(live: Live) -> None:
    assert limits.REQUEST_TIMEOUT == 10.0  # the default
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", live.port)
    writer.write(b"GET /state HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # ... and never the rest
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the server
    assert 0.4 <= time.monotonic() - started < 5
    writer.close()
    # Idle after an answer: closed in the same time.
    reader, writer = await asyncio.open_connection("127.0.0.1", live.port)
    writer.write(f"GET /state?t={TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n\r\n".encode())
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    assert head.startswith(b"HTTP/1.1 200")
    length = int(re.search(rb"(?i)content-length: (\d+)", head).group(1))  # type: ignore[union-attr]
    await reader.readexactly(length)
    assert await asyncio.wait_for(reader.read(), 5) == b""
    writer.close()


async def test_an_event_stream_outlives_the_request_timeout(live: Live) -> None:
    async with ClientSession() as http:
        stream = await http.get(f"{live.base}/events", headers=auth())
        await asyncio.sleep(1.2)  # more than twice the (shortened) request timeout
        live.engine.pause()
        lines: list[bytes] = []
        while not any(b'"paused"' in line for line in lines):
            lines.append(await asyncio.wait_for(stream.content.readline(), 5))
        stream.close()


async def test_event_streams_are_capped_at_32(live: Live) -> None:
    assert live.server.max_streams == server_module.MAX_STREAMS == 32
    async with ClientSession() as http:
        streams = [await http.get(f"{live.base}/events", headers=auth()) for _ in range(32)]
        assert all(s.status == 200 for s in streams)
        for _ in range(100):
            if live.server.clients == 32:
                break
            await asyncio.sleep(0.02)
        refused = await http.get(f"{live.base}/events", headers=auth())
        assert refused.status == 503
        assert "32" in (await refused.json())["error"]
        streams.pop().close()
        for _ in range(100):
            if live.server.clients < 32:
                break
            await asyncio.sleep(0.02)
        again = await http.get(f"{live.base}/events", headers=auth())
        assert again.status == 200
        for s in [*streams, again]:
            s.close()


async def test_connections_are_capped(clock: FakeClock) -> None:
    served = Live(clock)
    await served.start()
    idle = []
    try:
        for _ in range(limits.MAX_CONNECTIONS):
            idle.append(await asyncio.open_connection("127.0.0.1", served.port))
        await asyncio.sleep(0.2)
        answer = await raw(served.port, b"GET / HTTP/1.1\r\n\r\n")
        assert _status(answer) == 503 and _server_header(answer) == "unknot"
        # One closes: the next one is served again.
        idle.pop()[1].close()
        await asyncio.sleep(0.2)
        answer = await raw(
            served.port,
            f"GET /state?t={TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
            "Connection: close\r\n\r\n".encode(),
        )
        assert _status(answer) == 200
    finally:
        for _, writer in idle:
            writer.close()
        await served.server.stop()


async def test_a_finished_session_answers_its_summary(live: Live) -> None:
    live.engine.next()
    live.engine.next()  # the left side skipped
    async with ClientSession() as http:
        running = await (await http.get(f"{live.base}/state", headers=auth())).json()
        assert running["summary"] is None
        response = await http.post(f"{live.base}/control", json={"command": "stop"}, headers=auth())
        state = await response.json()
    assert state["finished"] is True
    assert state["summary"] == {
        "status": "stopped",
        "moves_done": 0,
        "moves_skipped": 1,
        "moves_total": 2,
        "active_seconds": 0.0,
    }

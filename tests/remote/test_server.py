"""The remote's HTTP server through aiohttp's test client: every endpoint, every refusal."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer

from unknot.core.clock import FakeClock
from unknot.core.controls import Command, Control
from unknot.core.engine import Session
from unknot.core.plan import build_plan
from unknot.core.routine_file import RoutineFile
from unknot.remote import server as server_module
from unknot.remote.address import DEFAULT_PORT, AddressError, default_host, parse_address
from unknot.remote.server import RemoteServer

TOKEN = "k" * 22
ROUTINE = RoutineFile.model_validate(
    {
        "name": "Remote test",
        "summary": "s",
        "transition": 5,
        "switch": 5,
        "moves": [
            {"name": "Alpha", "duration": 30, "sides": "each", "hold": 10},
            {"name": "Bravo", "duration": 40},
        ],
    }
).to_routine()


class Remote:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.engine = Session(build_plan(ROUTINE), clock=clock, routine_id="remote-test")
        self.applied: list[Control | Command] = []
        self.server = RemoteServer(self.engine, self.apply, token=TOKEN, heartbeat=0.2)

    def apply(self, command: Control | Command) -> None:
        self.engine.apply(command)  # raises for one the session cannot take: not applied
        self.applied.append(command)


RemoteClient = tuple[Remote, "TestClient[web.Request, web.Application]"]


@pytest.fixture
async def remote(clock: FakeClock) -> AsyncIterator[RemoteClient]:
    r = Remote(clock)
    r.engine.start()
    client = TestClient(TestServer(r.server.app, host="127.0.0.1"))
    await client.start_server()
    yield r, client
    await client.close()


JSON = {"Content-Type": "application/json"}


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def error(response: ClientResponse, status: int) -> str:
    assert response.status == status
    assert response.content_type == "application/json"
    body = await response.json()
    assert isinstance(body["error"], str) and body["error"]
    return str(body["error"])


async def test_page_is_served_with_the_token_in_the_url(remote: RemoteClient) -> None:
    _, client = remote
    response = await client.get(f"/?t={TOKEN}")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    assert "EventSource" in page and "wakeLock" in page
    # Nothing from the internet: no external script, style or font.
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


async def test_state_reports_the_step_and_times(remote: RemoteClient) -> None:
    r, client = remote
    r.clock.advance(2.5)
    response = await client.get("/state", headers=bearer())
    assert response.status == 200
    state = await response.json()
    assert state["routine"] == "remote-test"
    assert state["paused"] is False and state["finished"] is False
    assert state["step"] == {
        "index": 0,
        "kind": "transition",
        "move": "Alpha",
        "side": None,
        "seconds": 5.0,
        "remaining": 2.5,
        "length": 5.0,
    }
    assert state["next"] == {
        "index": 1,
        "kind": "work",
        "move": "Alpha",
        "side": "left",
        "seconds": 30.0,
    }
    assert state["session_remaining"] == pytest.approx(r.engine.session_remaining())


@pytest.mark.parametrize("command", ["pause", "next", "back", "hold", "more", "less"])
async def test_control_applies_the_command_and_answers_the_state(
    remote: RemoteClient, command: str
) -> None:
    r, client = remote
    r.engine.next()  # into Alpha's left side, a work step with a hold
    r.clock.advance(4)
    before = (r.engine.index, r.engine.remaining())
    response = await client.post("/control", json={"command": command}, headers=bearer())
    assert response.status == 200
    state = await response.json()
    assert r.applied == [Control(command)]
    if command == "pause":
        assert r.engine.paused and state["paused"] is True
    elif command == "next":
        assert r.engine.index == before[0] + 1 == state["step"]["index"]
    elif command == "back":
        assert r.engine.index == before[0] and r.engine.remaining() == 30
    elif command == "hold":
        assert state["hold_remaining"] == 10
    elif command == "more":
        assert state["step"]["remaining"] == before[1] + 30
    else:
        assert state["step"]["remaining"] == 0 or r.engine.index == before[0] + 1
    assert state["step"]["index"] == r.engine.index


async def test_rate_takes_a_side_and_a_score_and_emits_rated(remote: RemoteClient) -> None:
    r, client = remote  # getting ready for Alpha, which has two sides
    events = await client.get(f"/events?t={TOKEN}")
    await read_frames(events, 3)
    before = (r.engine.index, r.engine.remaining(), r.engine.state)
    body = {"command": "rate", "side": "left", "score": 7}
    response = await client.post("/control", json=body, headers=bearer())
    assert response.status == 200
    assert r.applied == [Command(Control.RATE, "left", 7)]
    assert (r.engine.index, r.engine.remaining(), r.engine.state) == before  # the clock untouched
    [frame] = await read_frames(events, 1)
    rated = json.loads(frame.removeprefix("data: "))
    assert {k: rated[k] for k in ("event", "area", "side", "score", "when")} == {
        "event": "rated",
        "area": "Alpha",  # a move of its own: its name
        "side": "left",
        "score": 7,
        "when": "before",
    }
    events.close()
    for bad, why in (
        ({"command": "rate", "side": "left", "score": 11}, "0 to 10"),
        ({"command": "rate", "score": 4}, "two sides"),
        ({"command": "rate", "side": "top", "score": 4}, "left, right"),
        ({"command": "pause", "score": 4}, "nothing after it"),
    ):
        response = await client.post("/control", json=bad, headers=bearer())
        assert response.status == 400
        assert why in (await response.json())["error"]
    assert len(r.applied) == 1 and not r.engine.paused


async def test_resume_after_pause(remote: RemoteClient) -> None:
    r, client = remote
    await client.post("/control", json={"command": "pause"}, headers=bearer())
    response = await client.post(f"/control?t={TOKEN}", json={"command": "resume"})
    assert response.status == 200
    assert (await response.json())["paused"] is False
    assert not r.engine.paused


async def test_no_token_is_401(remote: RemoteClient) -> None:
    r, client = remote
    for response in (
        await client.get("/"),
        await client.get("/state"),
        await client.get("/events"),
        await client.post("/control", json={"command": "pause"}),
    ):
        await error(response, 401)
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert r.applied == [] and not r.engine.paused


async def test_wrong_token_is_403(remote: RemoteClient) -> None:
    r, client = remote
    await error(await client.get("/?t=" + "x" * 22), 403)
    await error(await client.get("/state", headers=bearer("nope")), 403)
    await error(
        await client.post("/control", json={"command": "next"}, headers=bearer(TOKEN + "x")), 403
    )
    assert r.applied == [] and r.engine.index == 0


@pytest.mark.parametrize("host", ["evil.example:80", "evil.example", "127.0.0.1:1", ""])
async def test_a_foreign_host_header_is_403(remote: RemoteClient, host: str) -> None:
    r, client = remote
    response = await client.post(
        "/control", json={"command": "pause"}, headers={**bearer(), "Host": host}
    )
    assert "Host" in await error(response, 403)
    assert r.applied == [] and not r.engine.paused


async def test_localhost_names_the_loopback(remote: RemoteClient) -> None:
    _, client = remote
    port = client.server.port
    response = await client.get("/state", headers={**bearer(), "Host": f"localhost:{port}"})
    assert response.status == 200


async def test_a_body_over_4_kib_is_413(remote: RemoteClient) -> None:
    r, client = remote
    body = json.dumps({"command": "pause", "pad": "x" * 5000})
    response = await client.post(
        "/control", data=body, headers={**bearer(), "Content-Type": "application/json"}
    )
    await error(response, 413)

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: read and cut at the limit
        for _ in range(10):
            yield b" " * 1000
        yield b'{"command": "pause"}'

    response = await client.post("/control", data=chunks(), headers={**bearer(), **JSON})
    await error(response, 413)
    assert r.applied == [] and not r.engine.paused


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"command": "explode"}', b'{"command": 3}', b"{}", b"\xff\xfe"],
)
async def test_bad_json_or_an_unknown_command_is_400(remote: RemoteClient, body: bytes) -> None:
    r, client = remote
    response = await client.post("/control", data=body, headers={**bearer(), **JSON})
    await error(response, 400)
    assert r.applied == [] and r.engine.index == 0 and not r.engine.paused


async def test_unknown_paths_and_methods_are_json_errors(remote: RemoteClient) -> None:
    _, client = remote
    await error(await client.get("/nothing", headers=bearer()), 404)
    await error(await client.get("/control", headers=bearer()), 405)
    await error(await client.post("/state", headers={**bearer(), **JSON}), 405)


HEARTBEAT = ["event: heartbeat", "data: {}"]


async def read_frames(response: ClientResponse, count: int) -> list[str]:
    frames: list[str] = []
    while len(frames) < count:
        line = (await asyncio.wait_for(response.content.readline(), 5)).decode()
        if line.strip():
            frames.append(line.strip())
    return frames


async def test_events_stream_every_engine_event_as_jsonl_objects(remote: RemoteClient) -> None:
    r, client = remote
    response = await client.get(f"/events?t={TOKEN}")
    assert response.status == 200
    assert response.content_type == "text/event-stream"
    assert await read_frames(response, 3) == [": connected", *HEARTBEAT]
    events = r.engine.pause() + r.engine.resume() + r.engine.next()
    frames = await read_frames(response, len(events))
    assert frames == [f"data: {json.dumps(e.to_json())}" for e in events]
    response.close()


@pytest.mark.slow  # waits for the (shortened) heartbeat on the real clock
async def test_events_send_a_heartbeat_on_an_idle_stream(remote: RemoteClient) -> None:
    _, client = remote
    response = await client.get("/events", headers=bearer())
    frames = await read_frames(response, 5)
    assert frames == [": connected", *HEARTBEAT, *HEARTBEAT]
    response.close()


async def test_a_browser_that_falls_behind_is_dropped_without_blocking(
    remote: RemoteClient,
) -> None:
    r, client = remote
    response = await client.get("/events", headers=bearer())
    await read_frames(response, 1)
    assert r.server.clients == 1
    # The browser stops reading; the engine goes on, and publishing never waits for it.
    for _ in range(server_module.QUEUE_SIZE * 4):
        r.engine.more()
        r.engine.less()
    assert r.server.clients == 0
    response.close()


async def test_the_heartbeat_comes_at_least_every_two_seconds_by_default(
    clock: FakeClock,
) -> None:
    engine = Session(build_plan(ROUTINE), clock=clock)
    assert RemoteServer(engine, lambda control: None).heartbeat == server_module.HEARTBEAT <= 2.0


async def test_start_listens_on_a_free_port_and_stop_ends_streams(clock: FakeClock) -> None:
    r = Remote(clock)
    r.server.host, r.server.port = "127.0.0.1", 0
    url = await r.server.start()
    assert url.startswith("http://127.0.0.1:") and url.endswith(f"/?t={TOKEN}")
    assert not url.startswith("http://127.0.0.1:0/")
    from aiohttp import ClientSession

    async with ClientSession() as http:
        state = await (await http.get(url.replace("/?", "/state?"))).json()
        assert state["state"] == "ready"
        stream = await http.get(url.replace("/?", "/events?"))
        await read_frames(stream, 1)
        r.engine.start()
        await r.server.stop()
        frames = [line.decode().strip() async for line in stream.content]
        assert next(f for f in frames if f.startswith('data: {"')).startswith(
            'data: {"t": 0.0, "event": "session_started"'
        )
    assert not r.server.running


async def test_the_default_port_or_the_next_free_one(clock: FakeClock) -> None:
    first, second = Remote(clock), Remote(clock)
    first.server.host = second.server.host = "127.0.0.1"
    try:
        url1 = await first.server.start()
        url2 = await second.server.start()
    finally:
        await first.server.stop()
        await second.server.stop()
    port1 = int(url1.split(":")[2].split("/")[0])
    port2 = int(url2.split(":")[2].split("/")[0])
    assert DEFAULT_PORT <= port1 < port2 < DEFAULT_PORT + 20


async def test_an_explicit_busy_port_is_a_clear_error(clock: FakeClock) -> None:
    first, second = Remote(clock), Remote(clock)
    first.server.host, first.server.port = "127.0.0.1", 0
    url = await first.server.start()
    second.server.host, second.server.port = "127.0.0.1", int(url.split(":")[2].split("/")[0])
    try:
        with pytest.raises(AddressError, match=r"cannot listen on 127\.0\.0\.1, port"):
            await second.server.start()
    finally:
        await first.server.stop()


def test_tokens_are_128_bits_and_fresh(clock: FakeClock) -> None:
    engine = Session(build_plan(ROUTINE), clock=clock)
    tokens = {RemoteServer(engine, lambda control: None).token for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(t) == 22 for t in tokens)  # 16 bytes, base64url


def test_default_host_is_an_address_of_this_machine() -> None:
    import ipaddress
    import socket

    host = default_host()
    ipaddress.ip_address(host)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((host, 0))  # only an address of this machine can be bound


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:0", ("127.0.0.1", 0)),
        ("192.168.1.20", ("192.168.1.20", None)),
        (":9000", (None, 9000)),
        ("[::1]:8421", ("::1", 8421)),
        ("localhost:8421", ("localhost", 8421)),
    ],
)
def test_parse_address(text: str, expected: tuple[str | None, int | None]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("example.com:80", "not an IP address"),
        ("127.0.0.1:99999", "from 0 to 65535"),
        ("127.0.0.1:http", "from 0 to 65535"),
        ("[::1", "IPv6"),
    ],
)
def test_parse_address_errors(text: str, message: str) -> None:
    with pytest.raises(AddressError, match=message):
        parse_address(text)


async def test_the_figure_of_a_step_needs_the_token_and_a_step_number(
    remote: RemoteClient,
) -> None:
    _, client = remote
    await error(await client.get("/figure?step=0"), 401)
    await error(await client.get("/figure?step=zero", headers=bearer()), 400)
    await error(await client.get("/figure?step=99", headers=bearer()), 400)
    # This routine's moves give no pose: nothing to draw, and no error either.
    assert (await client.get("/figure?step=0", headers=bearer())).status == 204


async def test_a_step_with_a_pose_answers_its_figure_as_svg_on_its_side() -> None:
    from unknot.data.library import find

    routine = find("pre-run-five-muscles").routine
    engine = Session(build_plan(routine), clock=FakeClock(), routine_id="r")
    server = RemoteServer(engine, lambda control: None, token=TOKEN)
    client = TestClient(TestServer(server.app, host="127.0.0.1"))
    await client.start_server()
    try:
        titles = []
        for step in range(4):  # get ready, left side, switch sides, right side
            response = await client.get(f"/figure?step={step}", headers=bearer())
            assert response.status == 200 and response.content_type == "image/svg+xml"
            svg = await response.text()
            assert svg.startswith("<svg") and 'viewBox="' in svg and "width=" not in svg[:80]
            titles.append(svg.split("<title>")[1].split("</title>")[0])
    finally:
        await client.close()
    # Getting ready and switching show the side they lead to.
    assert titles == [
        "IT band, left side",
        "IT band, left side",
        "IT band, right side",
        "IT band, right side",
    ]

"""`unknot run --plain/--jsonl --remote` as a real subprocess: the URL first, a browser's
command applied and printed at once, the keyboard still working, and the server gone at the end."""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import history_json, launch, run_cli


def start(home: Path, routine: Path, *extra: str) -> subprocess.Popen[str]:
    return launch(home, "run", str(routine), "--mute", "--remote", "127.0.0.1:0", *extra)


def post(url: str, command: str) -> dict[str, object]:
    request = urllib.request.Request(
        url.replace("/?", "/control?"),
        data=json.dumps({"command": command}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def next_event(proc: subprocess.Popen[str], kind: str) -> dict[str, object]:
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == kind:
            return event  # type: ignore[no-any-return]
    raise AssertionError(f"no {kind} event")


@pytest.mark.slow
def test_jsonl_announces_the_url_and_applies_browser_commands(
    unknot_home: Path, twelve: Path
) -> None:
    proc = start(unknot_home, twelve, "--jsonl")
    assert proc.stdout is not None and proc.stdin is not None
    try:
        first = json.loads(proc.stdout.readline())
        assert first["event"] == "remote_ready"
        url = str(first["url"])
        assert url.startswith("http://127.0.0.1:") and "/?t=" in url
        assert next_event(proc, "session_started")["t"] == 0.0
        state = post(url, "pause")
        assert state["paused"] is True
        paused = next_event(proc, "paused")
        assert paused["index"] == state["step"]["index"]  # type: ignore[index]
        state = post(url, "next")
        assert next_event(proc, "skipped")["index"] == paused["index"]
        # The keyboard still works beside the remote.
        proc.stdin.write("q\n")
        proc.stdin.flush()
        finished = next_event(proc, "session_finished")
        assert finished["status"] == "stopped"
        assert proc.wait(timeout=10) == 0
        with pytest.raises(urllib.error.URLError):
            post(url, "pause")
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_plain_prints_the_url_first(unknot_home: Path, two: Path) -> None:
    proc = start(unknot_home, two, "--plain")
    assert proc.stdout is not None and proc.stdin is not None
    try:
        first = proc.stdout.readline()
        assert first.startswith("Remote control: http://127.0.0.1:")
        assert "Starting Two seconds" in proc.stdout.readline()
        proc.stdin.close()  # end of input: the session runs to its end and the server stops
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("example.com:80", "'example.com' is not an IP address"),
        ("127.0.0.1:70000", "the port must be a number from 0 to 65535"),
    ],
)
def test_a_bad_address_is_a_clear_error(
    unknot_home: Path, twelve: Path, address: str, message: str
) -> None:
    out = run_cli(
        unknot_home, "run", str(twelve), "--plain", "--mute", "--remote", address, timeout=30
    )
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_a_busy_port_stops_the_run_before_anything_is_recorded(
    unknot_home: Path, twelve: Path
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        address = f"127.0.0.1:{port}"
        out = run_cli(
            unknot_home, "run", str(twelve), "--plain", "--mute", "--remote", address, timeout=30
        )
    assert out.returncode == 2
    assert f"the remote cannot listen on 127.0.0.1, port {port}" in out.stderr
    assert "Traceback" not in out.stderr
    assert history_json(unknot_home) == []

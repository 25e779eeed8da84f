"""A session bus of the tests' own: `dbus-run-session` around a process that holds it open."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator

import pytest
from dbus_fast.aio import MessageBus

from tests.desktop.fakes import FakeDesktop, start_desktop

HOLD_OPEN = (
    "import os, sys; print(os.environ['DBUS_SESSION_BUS_ADDRESS'], flush=True); sys.stdin.read()"
)


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh session bus; DBUS_SESSION_BUS_ADDRESS points at it for the test."""
    if shutil.which("dbus-run-session") is None:
        pytest.fail("dbus-run-session is missing: apt-get install dbus-daemon (tools/setup.sh)")
    proc = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, "-c", HOLD_OPEN],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    address = proc.stdout.readline().strip()
    assert address, "dbus-run-session gave no address"
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        yield address
    finally:
        proc.stdin.close()  # the holder ends, and dbus-run-session takes its bus down
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
async def desktop(session_bus: str) -> AsyncIterator[FakeDesktop]:
    fake = await start_desktop()
    yield fake
    fake.bus.disconnect()


@pytest.fixture
async def client(session_bus: str) -> AsyncIterator[MessageBus]:
    """Another program on the bus: playerctl, the desktop's media controls."""
    bus = await MessageBus().connect()
    yield bus
    bus.disconnect()

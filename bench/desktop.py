"""The media key's delay: from an MPRIS PlayPause sent on the session bus to the engine's event.

A bus of its own (`dbus-run-session`), the desktop bridge with a real engine on the real clock,
and another connection sending PlayPause as playerctl does, 50 times (pause, resume, ...). The
delay runs from just before the call is sent to the engine's Paused or Resumed event, the bus
daemon's two hops included.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time

from unknot.core.engine import Session
from unknot.core.events import Event, Paused, Resumed
from unknot.core.plan import build_plan
from unknot.core.routine_file import RoutineFile

PRESSES = 50
_HOLD_OPEN = (
    "import os, sys; print(os.environ['DBUS_SESSION_BUS_ADDRESS'], flush=True); sys.stdin.read()"
)


def _session() -> Session:
    routine = RoutineFile.model_validate(
        {
            "name": "Bench",
            "summary": "One long move.",
            "moves": [{"name": "Long", "duration": 3600}],
        }
    ).to_routine()
    return Session(build_plan(routine), routine_id="bench", routine_name="Bench")


async def _measure(presses: int) -> dict[str, float]:
    from dbus_fast.aio import MessageBus

    from unknot.desktop.bridge import DesktopBridge
    from unknot.desktop.calls import call
    from unknot.desktop.mpris import BUS_NAME, OBJECT_PATH

    engine = _session()
    stamps: list[float] = []

    def stamp(event: Event) -> None:
        if isinstance(event, Paused | Resumed):
            stamps.append(time.perf_counter())

    engine.listen(stamp)
    engine.start()
    bridge = DesktopBridge(notifications=False)
    await bridge.start(engine, engine.apply)
    client = await MessageBus().connect()
    delays: list[float] = []
    try:
        for _ in range(presses):
            sent = time.perf_counter()
            await call(client, BUS_NAME, OBJECT_PATH, "org.mpris.MediaPlayer2.Player", "PlayPause")
            delays.append((stamps[-1] - sent) * 1000)
    finally:
        client.disconnect()
        await bridge.stop()
    return {
        "presses": float(presses),
        "median_ms": round(statistics.median(delays), 2),
        "max_ms": round(max(delays), 2),
    }


def media_key_latency(presses: int = PRESSES) -> dict[str, float] | None:
    """Median and worst of `presses` media keys; None where dbus-run-session is missing."""
    if shutil.which("dbus-run-session") is None:
        return None
    bus = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, "-c", _HOLD_OPEN],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None and bus.stdin is not None
    before = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    try:
        return asyncio.run(_measure(presses))
    finally:
        if before is None:
            del os.environ["DBUS_SESSION_BUS_ADDRESS"]
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = before
        bus.stdin.close()
        bus.wait(timeout=10)

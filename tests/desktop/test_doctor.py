"""`unknot doctor` on the desktop: the bus, who answers on it and the MPRIS name; one line and
its fix when there is no bus."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

from tests.desktop.fakes import FakeDesktop
from tests.helpers import cli_env, unknot_cmd


async def doctor(home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = await asyncio.create_subprocess_exec(
        *unknot_cmd("doctor", *args),
        env=env if env is not None else cli_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err
    return out.decode()


async def test_doctor_lists_the_bus_and_who_answers(
    unknot_home: Path, session_bus: str, desktop: FakeDesktop
) -> None:
    report = json.loads(await doctor(unknot_home, "--json"))["desktop"]
    assert report == {
        "bus": session_bus,
        "screensaver": True,
        "portal": False,
        "notifications": True,
        "mpris_name": "org.mpris.MediaPlayer2.unknot",
        "problem": "",
    }
    text = await doctor(unknot_home)
    assert f"Session bus:  {session_bus}" in text
    assert "Screen on:    org.freedesktop.ScreenSaver answers" in text
    assert "Notices:      org.freedesktop.Notifications answers" in text
    assert "Media keys:   MPRIS as org.mpris.MediaPlayer2.unknot" in text


async def test_doctor_says_what_is_missing_without_a_bus(unknot_home: Path) -> None:
    env = cli_env(unknot_home)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    text = await doctor(unknot_home, env=env)
    lines = [line for line in text.splitlines() if "bus" in line.lower()]
    assert lines[0] == "Desktop:      off: no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    assert "dbus-run-session -- unknot run ROUTINE" in lines[1]
    assert "Session bus:" not in text

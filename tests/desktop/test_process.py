"""The desktop bridge as a user meets it: the real unknot process on a bus of the tests' own, with a fake
screen saver and notification service, driven by media keys as playerctl sends them."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from dbus_fast.aio import MessageBus

from tests.desktop.fakes import MPRIS, FakeDesktop, press, read, title, until
from tests.helpers import cli_env, unknot_cmd
from unknot.desktop.calls import has_owner

pytestmark = pytest.mark.slow

# Long steps: nothing moves on by itself while the test presses keys.
IT_BAND = """\
name = "IT band"
summary = "One sided move with long steps."
transition = "60s"
switch = "60s"

[[moves]]
name = "IT band"
tool = "foam-roller"
duration = "2m"
sides = "each"
"""


class Unknot:
    """`unknot run ROUTINE --plain --jsonl` as a subprocess; its events as they arrive."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.events: list[dict[str, object]] = []
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for line in self.proc.stdout:
            self.events.append(json.loads(line))

    def kinds(self) -> list[object]:
        return [e["event"] for e in self.events]

    async def end(self) -> int:
        code = await asyncio.wait_for(self.proc.wait(), 20)
        await self.reader
        return code


async def start_unknot(
    home: Path, routine: Path, *extra: str, env: dict[str, str] | None = None
) -> Unknot:
    proc = await asyncio.create_subprocess_exec(
        *unknot_cmd("run", str(routine), "--plain", "--jsonl", "--mute", *extra),
        env=env if env is not None else cli_env(home),
        stdin=asyncio.subprocess.PIPE,  # held open: the session waits for commands
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    return Unknot(proc)


@pytest.fixture
def it_band(tmp_path: Path) -> Path:
    path = tmp_path / "it-band.toml"
    path.write_text(IT_BAND)
    return path


@pytest.fixture
async def running(
    unknot_home: Path, it_band: Path, desktop: FakeDesktop, client: MessageBus
) -> AsyncIterator[Unknot]:
    unknot = await start_unknot(unknot_home, it_band)
    await until(lambda: len(desktop.held) == 1)
    await until(lambda: "step_started" in unknot.kinds())
    assert await has_owner(client, MPRIS)
    yield unknot
    if unknot.proc.returncode is None:
        unknot.proc.kill()
        await unknot.proc.wait()


async def test_media_keys_control_the_session(
    running: Unknot, desktop: FakeDesktop, client: MessageBus
) -> None:
    assert await read(client, "PlaybackStatus") == "Playing"
    assert title(await read(client, "Metadata")) == "Get ready: IT band"
    sent = time.monotonic()
    await press(client, "PlayPause")
    await until(lambda: "paused" in running.kinds())
    took = time.monotonic() - sent
    assert took < 1.0, (
        f"PlayPause took {took:.3f} s to pause (the aim is 0.2 s; make bench measures it)"
    )
    assert await read(client, "PlaybackStatus") == "Paused"
    assert len(desktop.held) == 1, "kept on while paused"
    await press(client, "Play")
    assert await read(client, "PlaybackStatus") == "Playing"
    await press(client, "Next")
    meta = await read(client, "Metadata")
    assert title(meta) == "IT band, left side"
    assert isinstance(meta, dict)
    assert meta["xesam:artist"].value == ["IT band"]
    assert meta["mpris:length"].value == 120_000_000
    await press(client, "Next")
    assert title(await read(client, "Metadata")) == "Switch sides"
    await press(client, "Previous")  # in the step's first 3 s: the step before
    assert title(await read(client, "Metadata")) == "IT band, left side"
    starts = [e["index"] for e in running.events if e["event"] == "step_started"]
    assert starts == [0, 1, 2, 1]
    await press(client, "Stop")
    assert await running.end() == 0
    assert running.kinds()[-1] == "session_finished"
    assert running.events[-1]["result"]["status"] == "stopped"  # type: ignore[index]
    await until(lambda: desktop.held == {})
    assert [kind for kind, _ in desktop.log] == ["inhibit", "uninhibit"]
    assert not await has_owner(client, MPRIS), "the player leaves the bus with the session"


async def test_a_killed_process_lets_the_screen_blank(
    running: Unknot, desktop: FakeDesktop
) -> None:
    os.kill(running.proc.pid, signal.SIGKILL)
    await running.proc.wait()
    await until(lambda: desktop.held == {})
    assert [kind for kind, _ in desktop.log] == ["inhibit", "dropped"]


async def test_the_end_is_notified_and_the_screen_released(
    unknot_home: Path, two: Path, desktop: FakeDesktop
) -> None:
    unknot = await start_unknot(unknot_home, two)
    assert unknot.proc.stdin is not None
    unknot.proc.stdin.close()  # nothing to say: the session runs to its end
    assert await unknot.end() == 0
    await until(lambda: desktop.notifications != [])
    assert desktop.notifications == [("Session complete", "Two seconds - 0:02")]
    assert desktop.held == {}
    assert [kind for kind, _ in desktop.log] == ["inhibit", "uninhibit"]


async def run_to_end(
    home: Path, routine: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[int, list[str], bytes]:
    unknot = await start_unknot(home, routine, *extra, env=env)
    assert unknot.proc.stdin is not None and unknot.proc.stderr is not None
    unknot.proc.stdin.close()
    code = await unknot.end()
    return code, [str(e["event"]) for e in unknot.events], await unknot.proc.stderr.read()


async def test_no_desktop_and_the_setting_turn_it_all_off(
    unknot_home: Path, two: Path, desktop: FakeDesktop
) -> None:
    code, kinds, _ = await run_to_end(unknot_home, two, "--no-desktop")
    assert code == 0 and kinds[-1] == "session_finished"
    (unknot_home / "settings.toml").write_text("desktop = false\n")
    code, kinds, _ = await run_to_end(unknot_home, two)
    assert code == 0 and kinds[-1] == "session_finished"
    assert desktop.log == [] and desktop.notifications == []
    (unknot_home / "settings.toml").write_text("notifications = false\n")
    code, kinds, _ = await run_to_end(unknot_home, two)
    assert desktop.notifications == []
    assert [kind for kind, _ in desktop.log] == ["inhibit", "uninhibit"]


async def test_without_a_session_bus_the_session_runs_unchanged(
    unknot_home: Path, two: Path
) -> None:
    env = cli_env(unknot_home)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    code, kinds, stderr = await run_to_end(unknot_home, two, env=env)
    assert (code, stderr) == (0, b"")
    _, without, _ = await run_to_end(unknot_home, two, "--no-desktop", env=env)
    assert kinds == without
    assert kinds[0] == "session_started" and kinds[-1] == "session_finished"

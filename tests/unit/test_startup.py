"""The collector is off while unknot starts, and on again once it has."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from unknot import startup
from unknot.cli import main
from unknot.session import LiveSession


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    assert gc.isenabled()
    yield
    startup.release()
    gc.enable()


def test_hold_turns_the_collector_off_and_release_on_again() -> None:
    startup.hold()
    startup.hold()  # held twice: one release is enough
    assert not gc.isenabled()
    startup.release()
    assert gc.isenabled()
    startup.release()  # again: nothing
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    startup.hold()
    startup.release()
    assert not gc.isenabled()


def test_every_command_turns_it_on_again(
    unknot_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list"]) == 0
    assert gc.isenabled()
    assert main(["show", "no-such-routine"]) == 1  # a failing command too
    assert gc.isenabled()
    assert "no-such-routine" in capsys.readouterr().err


def test_a_plain_session_runs_with_the_collector_on(
    unknot_home: Path, two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import unknot.plain

    seen: list[bool] = []
    run_plain = unknot.plain.run_plain

    def watched(live: LiveSession, *, jsonl: bool) -> int:
        seen.append(gc.isenabled())
        return run_plain(live, jsonl=jsonl)

    monkeypatch.setattr(unknot.plain, "run_plain", watched)
    assert main(["run", str(two), "--plain", "--mute", "--no-desktop"]) == 0
    assert seen == [True]

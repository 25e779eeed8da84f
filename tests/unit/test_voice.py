"""Spoken phrases: rendered once into the cache, and no background work once they are there."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from unknot.audio.voice import Voice


@pytest.fixture
def fake_espeak(tmp_path: Path) -> Path:
    """A stand-in for espeak-ng that writes the text it was given to the `-w` file."""
    program = tmp_path / "espeak-ng"
    program.write_text('#!/bin/sh\nwhile [ "$1" != "-w" ]; do shift; done\nprintf %s "$3" > "$2"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


class Threads:
    """Records the background renders asked for instead of starting them."""

    def __init__(self) -> None:
        self.started: list[list[str]] = []

    def __call__(self, *, target: object, args: tuple[list[str]], daemon: bool) -> Threads:
        self.started.append(args[0])
        return self

    def start(self) -> None:
        pass


def test_render_writes_each_missing_phrase(tmp_path: Path, fake_espeak: Path) -> None:
    speaker = Voice(tmp_path / "cache", program=str(fake_espeak))
    speaker.render(["Left side", "Switch sides"])
    for text in ("Left side", "Switch sides"):
        ready = speaker.ready(text)
        assert ready is not None and ready.read_text() == text


def test_only_uncached_phrases_go_to_the_background(
    tmp_path: Path, fake_espeak: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = Threads()
    monkeypatch.setattr("unknot.audio.voice.threading.Thread", threads)
    speaker = Voice(tmp_path / "cache", program=str(fake_espeak))
    speaker.render(["Left side"])
    speaker.render_soon(["Left side", "Right side"])
    assert threads.started == [["Right side"]]
    speaker.render(["Right side"])
    speaker.render_soon(["Left side", "Right side"])  # all cached: nothing starts
    assert threads.started == [["Right side"]]


def test_without_espeak_nothing_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = Threads()
    monkeypatch.setattr("unknot.audio.voice.threading.Thread", threads)
    speaker = Voice(tmp_path / "cache")
    speaker.program = None  # as on a machine without espeak-ng
    speaker.render_soon(["Left side"])
    assert threads.started == []


def test_the_opening_phrase_is_ready_before_the_session_starts(
    tmp_path: Path, fake_espeak: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A routine's first session: the phrase spoken as its first step starts is rendered before
    `render_soon` returns (the session starts after it); only the rest go to the background."""
    threads = Threads()
    monkeypatch.setattr("unknot.audio.voice.threading.Thread", threads)
    speaker = Voice(tmp_path / "cache", program=str(fake_espeak))
    speaker.render_soon(["Next: IT band, left side", "Hold", "Release"])
    assert speaker.ready("Next: IT band, left side") is not None
    assert threads.started == [["Hold", "Release"]]


def test_a_resumed_session_renders_the_phrase_of_the_step_it_resumes_in_first() -> None:
    from unknot.audio.cues import spoken_phrases
    from unknot.core.plan import build_plan
    from unknot.data.library import find

    plan = build_plan(find("pre-run-five-muscles").routine)
    glutes = next(step.index for step in plan.steps if step.move.name == "Glutes")
    assert spoken_phrases(plan)[0] == "Next: IT band, left side"
    assert spoken_phrases(plan, start=glutes)[0] == "Next: Glutes, left side"
    assert set(spoken_phrases(plan, start=glutes)) == set(spoken_phrases(plan))

from __future__ import annotations

from tests.unit.test_engine import LONG
from unknot.audio.cues import cue_for, spoken_phrases
from unknot.core.clock import FakeClock
from unknot.core.engine import Session
from unknot.core.plan import build_plan


def test_each_event_gets_its_cue() -> None:
    clock = FakeClock()
    session = Session(build_plan(LONG), clock=clock)
    cues: list[tuple[str, str | None]] = []

    def hear(event: object) -> None:
        cue = cue_for(event)  # type: ignore[arg-type]
        if cue is not None:
            cues.append((cue.tone, cue.words))

    session.listen(hear)
    session.start()
    clock.advance(20)
    session.update()
    session.hold()
    clock.advance(1000)
    session.update()
    tones = [t for t, _ in cues]
    assert tones[:5] == ["ready", "tick", "tick", "tick", "go"]
    assert ("ready", "Next: Long, left side") in cues
    assert ("hold", "Hold") in cues and ("release", "Release") in cues
    assert ("switch", "Switch sides") in cues
    assert ("halfway", "Halfway") in cues
    assert cues[-1] == ("done", "Session complete")


def test_spoken_phrases_cover_the_session() -> None:
    phrases = spoken_phrases(build_plan(LONG))
    assert phrases[0] == "Next: Long, left side"
    assert {"Switch sides", "Hold", "Release", "Halfway", "Next: Short", "Session complete"} <= set(
        phrases
    )
    assert len(phrases) == len(set(phrases))

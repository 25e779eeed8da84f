"""Which sound, and which spoken words, each engine event calls for."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.events import (
    Countdown,
    Event,
    Halfway,
    HoldEnded,
    HoldStarted,
    SessionFinished,
    StepStarted,
)
from unknot.core.plan import Plan, Step

# Every tone cue, with the file that holds it in sounds/.
CUES = ("ready", "go", "switch", "tick", "hold", "release", "halfway", "done")


@dataclass(frozen=True)
class Cue:
    """What an event sounds like: a tone, and the words spoken after it when voice is on."""

    tone: str
    words: str | None = None


def _step_cue(step: Step) -> Cue:
    """The cue as a step begins: get ready (and what comes), switch sides, or go."""
    if step.kind == "transition":
        side = ", left side" if step.move.sides == "each" else ""
        return Cue("ready", f"Next: {step.move.name}{side}")
    if step.kind == "switch":
        return Cue("switch", "Switch sides")
    return Cue("go")


_HALFWAY = Cue("halfway", "Halfway")
_HOLD = Cue("hold", "Hold")
_RELEASE = Cue("release", "Release")
_DONE = Cue("done", "Session complete")


def cue_for(event: Event) -> Cue | None:
    """The cue an event calls for, or None for a silent event."""
    match event:
        case StepStarted():
            return _step_cue(event.step)
        case Countdown():
            return Cue("tick")
        case Halfway():
            return _HALFWAY
        case HoldStarted():
            return _HOLD
        case HoldEnded():
            return _RELEASE
        case SessionFinished() if event.status == "completed":
            return _DONE
    return None


def spoken_phrases(plan: Plan, start: int = 0) -> list[str]:
    """Every phrase a session of this plan may speak, so voice can be rendered ahead of time:
    in the order they come from step `start` on (the opening phrase first), then the rest."""
    phrases: list[str | None] = []
    for step in plan.steps[start:] + plan.steps[:start]:
        phrases.append(_step_cue(step).words)
        if step.kind == "work":
            phrases += [_HOLD.words, _RELEASE.words, _HALFWAY.words]
    phrases.append(_DONE.words)
    return list(dict.fromkeys(p for p in phrases if p))

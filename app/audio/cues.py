"""Which sound, and which spoken words, each engine event calls for."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.events import Event, EventKind
from app.core.plan import Plan

# Every tone cue, with the file that holds it in sounds/.
CUES = ("ready", "go", "switch", "tick", "hold", "release", "halfway", "done")


@dataclass(frozen=True)
class Cue:
    tone: str
    words: str | None = None


def cue_for(event: Event) -> Cue | None:
    """The cue an event calls for, or None for a silent event."""
    step = event.step
    kind = event.kind
    if kind == "step_started" and step is not None:
        if step.kind == "transition":
            return Cue(
                "ready",
                f"Next: {step.move.name}" + (", left side" if step.move.sides == "each" else ""),
            )
        if step.kind == "switch":
            return Cue("switch", "Switch sides")
        return Cue("go")
    if kind == "countdown":
        return Cue("tick")
    if kind == "halfway":
        return Cue("halfway", "Halfway")
    if kind == "hold_started":
        return Cue("hold", "Hold")
    if kind == "hold_ended":
        return Cue("release", "Release")
    if kind == "session_finished" and event.fields.get("status") == "completed":
        return Cue("done", "Session complete")
    return None


def spoken_phrases(plan: Plan) -> list[str]:
    """Every phrase a session of this plan may speak, so voice can be rendered ahead of time."""
    kinds: tuple[EventKind, ...] = ("step_started", "hold_started", "hold_ended", "halfway")
    phrases = [
        cue.words
        for step in plan.steps
        for kind in kinds
        if (cue := cue_for(Event(kind, 0.0, {}, step))) is not None and cue.words
    ]
    phrases.append("Session complete")
    return list(dict.fromkeys(phrases))

"""What a session reports as it runs. Front ends, cues and history all read these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from app.core.plan import Step

EventKind = Literal[
    "session_started",
    "step_started",
    "countdown",
    "halfway",
    "hold_started",
    "hold_ended",
    "paused",
    "resumed",
    "skipped",
    "time_changed",
    "session_finished",
]


@dataclass(frozen=True)
class Event:
    """`t` is when it happened (or was due): seconds since the session started, pauses included."""

    kind: EventKind
    t: float
    fields: Mapping[str, object] = field(default_factory=dict)
    step: Step | None = None

    def to_json(self) -> dict[str, object]:
        return {"t": round(self.t, 3), "event": self.kind, **self.fields}

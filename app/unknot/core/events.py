"""What a session reports as it runs: one small frozen dataclass per kind of event.

An event is one happening, not a value, so events compare by identity (`eq=False`); that also
spares the start-up the two methods per class that equality and hashing would generate.

Front ends, cues and history read the attributes; `to_json()` is the object `--jsonl` prints:
`t`, `event` and the event's own fields. `t` is when it happened (or was due): seconds since
the session started, pauses included. `step` is the step the session was in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import ClassVar, Literal

from unknot.core.plan import Step, StepKind
from unknot.core.result import SessionResult, Status
from unknot.core.routine import Side

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
    "rated",
    "session_finished",
]
# When a rating was given: in the get-ready step before its move, or once the move has begun.
RatedWhen = Literal["before", "after"]


_OPTIONAL = {"omit_none": True}  # left out of JSON lines while it is None


@dataclass(frozen=True, kw_only=True, eq=False)
class Event:
    """Something that happened in a session, at `t`, in `step`."""

    kind: ClassVar[EventKind]
    t: float
    step: Step

    @property
    def fields(self) -> dict[str, object]:
        """The event's own fields, named as in JSON lines."""
        out: dict[str, object] = {}
        for item in fields(self):
            if item.name in ("t", "step"):
                continue
            value = getattr(self, item.name)
            if value is None and item.metadata.get("omit_none"):
                continue
            if isinstance(value, SessionResult):
                value = value.to_json()
            out[item.metadata.get("json", item.name)] = value
        return out

    def to_json(self) -> dict[str, object]:
        return {"t": round(self.t, 3), "event": self.kind, **self.fields}


@dataclass(frozen=True, kw_only=True, eq=False)
class SessionStarted(Event):
    """The session began."""

    kind: ClassVar[EventKind] = "session_started"
    routine: str
    name: str
    steps: int


@dataclass(frozen=True, kw_only=True, eq=False)
class StepStarted(Event):
    """A step began (part-way through, in a resumed session)."""

    kind: ClassVar[EventKind] = "step_started"
    index: int
    step_kind: StepKind = field(metadata={"json": "kind"})  # JSON lines call it "kind"
    move: str
    side: Side | None
    seconds: float
    remaining: float | None = field(
        default=None, metadata=_OPTIONAL
    )  # set when the step starts part-way through
    resumed: bool | None = field(
        default=None, metadata=_OPTIONAL
    )  # True in a resumed session's first step


@dataclass(frozen=True, kw_only=True, eq=False)
class Countdown(Event):
    """One of the last seconds of a step: n left."""

    kind: ClassVar[EventKind] = "countdown"
    index: int
    n: int


@dataclass(frozen=True, kw_only=True, eq=False)
class Halfway(Event):
    """Half of a work step has gone."""

    kind: ClassVar[EventKind] = "halfway"
    index: int


@dataclass(frozen=True, kw_only=True, eq=False)
class HoldStarted(Event):
    """A hot-spot hold began."""

    kind: ClassVar[EventKind] = "hold_started"
    index: int
    seconds: float


@dataclass(frozen=True, kw_only=True, eq=False)
class HoldEnded(Event):
    """A hot-spot hold ended, by itself or early."""

    kind: ClassVar[EventKind] = "hold_ended"
    index: int
    early: bool


@dataclass(frozen=True, kw_only=True, eq=False)
class Paused(Event):
    """The session was paused."""

    kind: ClassVar[EventKind] = "paused"
    index: int
    remaining: float


@dataclass(frozen=True, kw_only=True, eq=False)
class Resumed(Event):
    """The session carried on after a pause."""

    kind: ClassVar[EventKind] = "resumed"
    index: int
    remaining: float


@dataclass(frozen=True, kw_only=True, eq=False)
class Skipped(Event):
    """A step was left with time remaining."""

    kind: ClassVar[EventKind] = "skipped"
    index: int
    remaining: float


@dataclass(frozen=True, kw_only=True, eq=False)
class TimeChanged(Event):
    """Time was added to or taken from a step."""

    kind: ClassVar[EventKind] = "time_changed"
    index: int
    delta: float
    remaining: float
    capped: bool | None = field(
        default=None, metadata=_OPTIONAL
    )  # True when the cap on added time was reached
    limit: float | None = field(
        default=None, metadata=_OPTIONAL
    )  # that cap, in seconds, when it was reached


@dataclass(frozen=True, kw_only=True, eq=False)
class Rated(Event):
    """A side was rated for tenderness (0 to 10). `area` is the catalog's area id where the
    move has one, else the move's name; `side` is None for a move without sides."""

    kind: ClassVar[EventKind] = "rated"
    index: int
    move: str
    area: str
    side: Side | None
    score: int
    when: RatedWhen


@dataclass(frozen=True, kw_only=True, eq=False)
class SessionFinished(Event):
    """The session ended: completed or stopped."""

    kind: ClassVar[EventKind] = "session_finished"
    status: Status
    result: SessionResult

"""The routine file format, as Pydantic models. Nothing here reads files or knows about screens."""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from app.core import routine
from app.core.durations import check_range, describe, parse_duration
from app.core.routine import Purpose, Sides, Tool

# C0 controls (ESC among them), DEL and C1 controls. Tab and newline are allowed where text wraps.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\t\n]")


def _check_text(value: str) -> str:
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character {bad.group()!r}; only plain text is allowed"
        )
    return value


def _check_line(value: str) -> str:
    _check_text(value)
    if _LINE_BREAK.search(value):
        raise ValueError("must be a single line (no tabs or line breaks)")
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _duration_schema(low: int, high: int) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": low, "maximum": high},
                {"type": "string", "pattern": r"^\s*(\d+\s*m)?\s*(\d+\s*s)?\s*$"},
            ],
            "description": f"seconds, from {describe(low)} to {describe(high)}: 90, '90s', '2m'",
        }
    )


Line = Annotated[str, AfterValidator(_check_line)]
Text = Annotated[str, AfterValidator(_check_text)]
MoveSeconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    AfterValidator(partial(check_range, low=1, high=60 * 60)),
    _duration_schema(1, 60 * 60),
]
GapSeconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    AfterValidator(partial(check_range, low=1, high=10 * 60)),
    _duration_schema(1, 10 * 60),
]
# 0 means the move has no hot-spot hold (a neck worked by hand, say): pressing hold does nothing.
HoldSeconds = Annotated[
    int,
    BeforeValidator(parse_duration),
    AfterValidator(partial(check_range, low=0, high=5 * 60)),
    _duration_schema(0, 5 * 60),
]


class MoveFile(BaseModel):
    """One move as a routine file writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[Line, Field(max_length=80)]
    area: Annotated[Line, Field(max_length=80)] | None = None
    tool: Tool = "none"
    duration: MoveSeconds
    sides: Sides = "none"
    hold: HoldSeconds = 25
    how: Annotated[Text, Field(max_length=2000)] = ""
    cautions: Annotated[list[Annotated[Line, Field(max_length=300)]], Field(max_length=20)] = []
    min_seconds: MoveSeconds | None = None
    priority: Annotated[int, Field(ge=1, le=1000)] | None = None

    @model_validator(mode="after")
    def _minimum_fits(self) -> MoveFile:
        if self.min_seconds is not None and self.min_seconds > self.duration:
            raise ValueError(
                f"min_seconds ({describe(self.min_seconds)}) is longer than duration "
                f"({describe(self.duration)}); it must be at most the duration"
            )
        return self


class RoutineFile(BaseModel):
    """A routine file: every field, its type and its limits. `to_routine` hands over the result."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[Line, Field(min_length=1, max_length=80)]
    summary: Annotated[Text, Field(min_length=1, max_length=1000)]
    purpose: Purpose = "any"
    source: Annotated[Line, Field(max_length=300)] | None = None
    transition: GapSeconds = 10
    switch: GapSeconds = 5
    moves: Annotated[list[MoveFile], Field(min_length=1, max_length=100)]

    def to_routine(self) -> routine.Routine:
        moves = tuple(
            routine.Move(**{**move.model_dump(), "cautions": tuple(move.cautions)})
            for move in self.moves
        )
        return routine.Routine(**{**self.model_dump(exclude={"moves"}), "moves": moves})

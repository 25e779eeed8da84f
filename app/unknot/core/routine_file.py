"""The routine file format, as Pydantic models. Nothing here reads files or knows about screens."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from unknot.core import routine
from unknot.core.catalog import Catalog, unknown
from unknot.core.durations import check_range, describe, parse_duration
from unknot.core.pose import Face, OtherLeg, Part, Pose, Posture, ToolOn, area_problem
from unknot.core.routine import Purpose, Sides, Tool

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


class PoseFile(BaseModel):
    """A move's pose: the posture, the part the tool works, and how the tool meets it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    posture: Posture
    part: Part
    face: Face = "back"
    at: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    tool_on: ToolOn | None = None
    other_leg: OtherLeg = "bent"

    def to_pose(self) -> Pose:
        return Pose(**self.model_dump())


def check_pose(pose: PoseFile, tools: list[str], area: str | None, sides: str) -> PoseFile:
    """The pose if it can be drawn with each of `tools` on each side; ValueError saying why not."""
    from unknot.core.figure import PoseError, figure

    problem = area_problem(area, pose.part)
    if problem:
        raise ValueError(f"part: {problem}")
    for tool in tools:
        for side in ("left", "right") if sides == "each" else (None,):
            try:
                figure(pose.to_pose(), tool, side)
            except PoseError as exc:
                raise ValueError(f"with the tool {tool!r}: {exc}") from None
    return pose


class MoveFile(BaseModel):
    """One move as a routine file writes it: in full, or as `move`, a catalog id, and changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    move: Annotated[Line, Field(max_length=60)] | None = None
    name: Annotated[Line, Field(max_length=80)] | None = None
    area: Annotated[Line, Field(max_length=80)] | None = None
    tool: Tool = "none"
    duration: MoveSeconds | None = None
    sides: Sides = "none"
    hold: HoldSeconds = 25
    how: Annotated[Text, Field(max_length=2000)] = ""
    cautions: Annotated[list[Annotated[Line, Field(max_length=300)]], Field(max_length=20)] = []
    min_seconds: MoveSeconds | None = None
    priority: Annotated[int, Field(ge=1, le=1000)] | None = None
    pose: PoseFile | None = None

    @field_validator("pose")
    @classmethod
    def _drawable(cls, value: PoseFile | None, info: ValidationInfo) -> PoseFile | None:
        if value is None:
            return None
        tool = info.data.get("tool", "none")
        return check_pose(value, [tool], None, info.data.get("sides", "none"))

    @field_validator("move")
    @classmethod
    def _in_catalog(cls, value: str | None, info: ValidationInfo) -> str | None:
        found = _catalog(info)
        if value is not None and found.get(value) is None:
            raise ValueError(unknown("catalog move", value, found.ids).removeprefix("unknown "))
        return value

    @model_validator(mode="after")
    def _complete(self, info: ValidationInfo) -> MoveFile:
        if self.move is None:
            missing = [key for key in ("name", "duration") if getattr(self, key) is None]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} required but missing "
                    f"(or give move, the id of a move from the catalog)"
                )
        duration = self.resolve(_catalog(info)).duration
        if self.min_seconds is not None and self.min_seconds > duration:
            raise ValueError(
                f"min_seconds ({describe(self.min_seconds)}) is longer than duration "
                f"({describe(duration)}); it must be at most the duration"
            )
        return self

    def resolve(self, found: Catalog) -> routine.Move:
        """The move this table stands for: the catalog's, with what the table gives instead."""
        given = self.model_dump(exclude={"move"}, exclude_unset=True)
        if "cautions" in given:
            given["cautions"] = tuple(given["cautions"])
        if self.pose is not None:
            given["pose"] = self.pose.to_pose()
        base = found.get(self.move) if self.move is not None else None
        if base is None:
            return routine.Move(**given)
        if "duration" in given and "min_seconds" not in given:
            given["min_seconds"] = None  # half of the new duration, not of the catalog's
        return replace(base.to_move(), **given)


def _catalog(info: ValidationInfo) -> Catalog:
    context = info.context if isinstance(info.context, dict) else {}
    found = context.get("catalog")
    return found if isinstance(found, Catalog) else Catalog(())


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

    @model_validator(mode="after")
    def _tools_fit(self, info: ValidationInfo) -> RoutineFile:
        found = _catalog(info)
        for number, move in enumerate(self.moves):
            base = found.get(move.move) if move.move is not None else None
            if base is not None and "tool" in move.model_fields_set and move.tool not in base.tools:
                raise ValueError(
                    f"moves[{number}].tool: {move.tool!r} is not a tool of the catalog move "
                    f"{base.id!r}; allowed: {', '.join(base.tools)}"
                )
        return self

    def to_routine(self, found: Catalog | None = None) -> routine.Routine:
        moves = tuple(move.resolve(found or Catalog(())) for move in self.moves)
        return routine.Routine(**{**self.model_dump(exclude={"moves"}), "moves": moves})

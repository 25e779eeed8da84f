"""The catalog file's format, as Pydantic models: `[[moves]]` tables with the fields of a move."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from unknot.core.catalog import AREAS, Catalog, CatalogMove
from unknot.core.durations import describe
from unknot.core.routine import Sides, Tool
from unknot.core.routine_file import HoldSeconds, Line, MoveSeconds, PoseFile, Text, check_pose

AreaId = Literal[
    "feet",
    "calves",
    "shins",
    "hamstrings",
    "quads",
    "it-band",
    "adductors",
    "glutes",
    "hip-flexors",
    "upper-back",
    "lats",
    "chest",
    "ribs",
    "neck-shoulders",
]
assert set(get_args(AreaId)) == set(AREAS)  # one list of areas, spelt twice for the type checker

MoveId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]


class CatalogMoveFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: MoveId
    name: Annotated[Line, Field(max_length=80)]
    area: AreaId
    tools: Annotated[list[Tool], Field(min_length=1, max_length=13)]
    sides: Sides = "none"
    seconds: MoveSeconds
    min_seconds: MoveSeconds | None = None
    hold: HoldSeconds = 25
    how: Annotated[Text, Field(min_length=1, max_length=2000)]
    cautions: Annotated[list[Annotated[Line, Field(max_length=300)]], Field(max_length=20)] = []
    source: Annotated[Line, Field(max_length=300)]
    pose: PoseFile | None = None

    @field_validator("pose")
    @classmethod
    def _drawable(cls, value: PoseFile | None, info: ValidationInfo) -> PoseFile | None:
        if value is None:
            return None
        tools = info.data.get("tools", [])
        return check_pose(value, tools, info.data.get("area"), info.data.get("sides", "none"))

    @model_validator(mode="after")
    def _minimum_fits(self) -> CatalogMoveFile:
        if self.min_seconds is not None and self.min_seconds > self.seconds:
            raise ValueError(
                f"min_seconds ({describe(self.min_seconds)}) is longer than seconds "
                f"({describe(self.seconds)}); it must be at most seconds"
            )
        return self

    def to_move(self) -> CatalogMove:
        return CatalogMove(
            id=self.id,
            name=self.name,
            area=self.area,
            tools=tuple(dict.fromkeys(self.tools)),
            sides=self.sides,
            seconds=self.seconds,
            min_seconds=self.min_seconds or max(1, self.seconds // 2),
            hold=self.hold,
            how=self.how.strip(),
            cautions=tuple(self.cautions),
            source=self.source,
            pose=None if self.pose is None else self.pose.to_pose(),
        )


class CatalogFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    moves: Annotated[list[CatalogMoveFile], Field(min_length=1, max_length=1000)]

    @model_validator(mode="after")
    def _unique_ids(self) -> CatalogFile:
        seen: set[str] = set()
        for move in self.moves:
            if move.id in seen:
                raise ValueError(f"the id {move.id!r} is used by more than one move")
            seen.add(move.id)
        return self

    def to_catalog(self) -> Catalog:
        return Catalog(tuple(m.to_move() for m in self.moves))

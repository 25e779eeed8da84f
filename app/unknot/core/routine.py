"""Routines as the rest of unknot sees them: plain, frozen, already checked.

A routine file is read and checked once, by the Pydantic models of the file format
(`unknot.core.routine_file`), which then hand over these. They cost nothing to import, so a routine
whose checked form is cached (see `unknot.data.library`) reaches the screen without loading
Pydantic at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from unknot.core.pose import Pose

Tool = Literal[
    "foam-roller",
    "small-roller",
    "massage-ball",
    "lacrosse-ball",
    "trigger-ball",
    "tennis-ball",
    "double-ball",
    "golf-ball",
    "massage-stick",
    "massage-gun",
    "rolling-pin",
    "hands",
    "none",
]
Purpose = Literal["pre-run", "post-run", "maintenance", "any"]
Sides = Literal["each", "none"]
Side = Literal["left", "right"]
# What a built session is for (`unknot build --purpose`).
BuildPurpose = Literal["warm-up", "recovery", "maintenance"]
PURPOSES: tuple[BuildPurpose, ...] = ("warm-up", "recovery", "maintenance")
# The routine purpose a built session is saved with: one set of words maps onto the other.
FILE_PURPOSE: dict[BuildPurpose, Purpose] = {
    "warm-up": "pre-run",
    "recovery": "post-run",
    "maintenance": "maintenance",
}

# The areas a move can work, from the feet up, with the words a person would use.
AREAS: dict[str, str] = {
    "feet": "Feet",
    "calves": "Calves",
    "shins": "Shins",
    "hamstrings": "Hamstrings",
    "quads": "Quads",
    "it-band": "IT band and outer thigh",
    "adductors": "Adductors",
    "glutes": "Glutes and piriformis",
    "hip-flexors": "Hip flexors",
    "upper-back": "Upper back",
    "lats": "Lats",
    "chest": "Chest",
    "ribs": "Ribs and diaphragm",
    "neck-shoulders": "Neck and shoulders",
}


@dataclass(frozen=True)
class Move:
    """One area worked with one tool, for `duration` seconds on each side."""

    name: str
    duration: int
    area: str | None = None
    tool: Tool = "none"
    sides: Sides = "none"
    hold: int = 25  # seconds; 0: no hot-spot hold
    how: str = ""
    cautions: tuple[str, ...] = ()
    min_seconds: int | None = None  # below this a side is not worth doing; None: half of duration
    priority: int | None = None  # kept before moves with a larger number; None: its place
    pose: Pose | None = None  # how to lie and where the tool goes; None: no figure
    area_id: str | None = None  # the catalog's area id (`AREAS`) of a move from the catalog

    @property
    def log_area(self) -> str:
        """The area a rating of this move is kept under: the catalog's area id where the move
        has one, else the routine's own name for its area (else the move's name)."""
        return self.area_id or self.area or self.name

    @property
    def minimum(self) -> int:
        """The fewest seconds a side of this move is worth doing."""
        if self.min_seconds is not None:
            return min(self.min_seconds, self.duration)
        return max(1, self.duration // 2)

    @property
    def sides_count(self) -> int:
        return 2 if self.sides == "each" else 1


@dataclass(frozen=True)
class Routine:
    """An ordered list of moves with the gaps between them."""

    name: str
    summary: str
    moves: tuple[Move, ...]
    purpose: Purpose = "any"
    source: str | None = None
    transition: int = 10
    switch: int = 5

    @property
    def tools(self) -> list[str]:
        """The tools the routine needs, in order of first use."""
        return list(dict.fromkeys(m.tool for m in self.moves if m.tool != "none"))

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Routine:
        """The inverse of `to_json`, for a routine that was checked when it was written."""
        moves = tuple(
            Move(
                **{
                    **m,
                    "cautions": tuple(m["cautions"]),
                    "pose": Pose.from_json(m["pose"]) if m.get("pose") else None,
                }
            )
            for m in data["moves"]
        )
        return cls(**{**data, "moves": moves})

"""How a move is done, as data: the posture the body takes and where the tool presses.

A pose names one of a few postures (lying on the side on a forearm, sitting with the hands
behind, face down on the forearms...), the body part the tool works, which face of that part
meets the tool, how far along the part it sits, and what the tool rests on. `unknot.core.figure`
turns a pose into geometry; the front ends only draw that geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Posture = Literal[
    "side-lying-forearm",
    "side-lying-arm-overhead",
    "seated-hands-behind",
    "seated-on-roller",
    "seated-upright",
    "seated-chair",
    "face-down-forearms",
    "face-down-leg-out",
    "back-knees-bent",
    "back-bridge",
    "standing",
    "standing-wall",
    "lunge",
]
POSTURES: dict[str, str] = {
    "side-lying-forearm": "lying on the side, propped on the forearm, top foot planted in front",
    "side-lying-arm-overhead": "lying on the side, the lower arm stretched overhead",
    "seated-hands-behind": "sitting on the floor, legs out in front, hands planted behind",
    "seated-on-roller": "sitting on the tool, one ankle crossed over the other knee",
    "seated-upright": "sitting on the floor, the knee of the worked leg up, hands free",
    "seated-chair": "sitting on a chair or bench, feet on the floor",
    "face-down-forearms": "face down on the forearms, legs long behind",
    "face-down-leg-out": "face down on the forearms, one leg bent out to the side",
    "back-knees-bent": "on the back, knees bent and feet flat on the floor",
    "back-bridge": "on the back with the hips lifted, knees bent, arms across the chest",
    "standing": "standing, weight on the other foot",
    "standing-wall": "standing facing a wall, leaning into it",
    "lunge": "in a lunge, arms overhead",
}

# The parts a figure is made of. Sided parts come once for each side (left_thigh, right_thigh).
CENTRAL_PARTS = ("head", "neck", "torso", "pelvis")
SIDED_PARTS = ("upper_arm", "forearm", "thigh", "shin", "foot")
Part = Literal["neck", "torso", "pelvis", "upper_arm", "forearm", "thigh", "shin", "foot"]
PARTS: tuple[str, ...] = ("neck", "torso", "pelvis", *SIDED_PARTS)

# The face of a part that meets the tool. The picture is a side view: front and back are in it
# for a body seen from its side, outer and inner for a body lying on its side.
Face = Literal["front", "back", "outer", "inner"]
FACES: tuple[str, ...] = ("front", "back", "outer", "inner")

# What holds the tool in place: the floor under the body, a wall, a seat, or the hands.
ToolOn = Literal["floor", "wall", "seat", "hands"]
TOOL_ON: tuple[str, ...] = ("floor", "wall", "seat", "hands")

OtherLeg = Literal["bent", "crossed", "straight"]
OTHER_LEG: tuple[str, ...] = ("bent", "crossed", "straight")

# Which parts may carry the target of each area (the side comes from the step).
AREA_PARTS: dict[str, tuple[str, ...]] = {
    "feet": ("foot",),
    "calves": ("shin",),
    "shins": ("shin",),
    "hamstrings": ("thigh",),
    "quads": ("thigh",),
    "it-band": ("thigh",),
    "adductors": ("thigh",),
    "glutes": ("pelvis",),
    "hip-flexors": ("pelvis", "thigh"),
    "upper-back": ("torso",),
    "lats": ("torso",),
    "chest": ("torso",),
    "ribs": ("torso",),
    "neck-shoulders": ("neck",),
}


@dataclass(frozen=True)
class Pose:
    """A move's posture and where its tool presses: `at` runs along `part` from the body out."""

    posture: Posture
    part: Part
    face: Face = "back"
    at: float = 0.5
    tool_on: ToolOn | None = None  # None: the floor for rollers and balls, the hands otherwise
    other_leg: OtherLeg = "bent"

    def to_json(self) -> dict[str, object]:
        return {
            "posture": self.posture,
            "part": self.part,
            "face": self.face,
            "at": self.at,
            "tool_on": self.tool_on,
            "other_leg": self.other_leg,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Pose:
        return cls(**data)  # type: ignore[arg-type]  # written by to_json after a check


def area_problem(area_id: str | None, part: str) -> str | None:
    """Why `part` cannot be the target of a move of `area_id`, or None when it can."""
    if area_id is None or area_id not in AREA_PARTS:
        return None
    allowed = AREA_PARTS[area_id]
    if part in allowed:
        return None
    return f"{part!r} is not where the area {area_id!r} is; allowed: {', '.join(allowed)}"

"""The body while a posture builds it: joints in a side view, y upwards from the floor at 0.

The body's sizes, plane geometry (two-bone reach for arms and legs) and the one move every
floor tool needs: turning the body about its support until the tool under the worked part
rests on the floor. `unknot.core.postures` uses these; `unknot.core.figure` hands the result out.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from unknot.core.pose import Pose

Point = tuple[float, float]


# Lengths and thicknesses of the body, in the figure's units (a standing body is about 90).
HEAD_R = 5.5
LENGTH = {
    "neck": 3.5,
    "torso": 26.0,
    "pelvis": 9.0,
    "upper_arm": 15.0,
    "forearm": 14.0,
    "thigh": 23.0,
    "shin": 22.0,
    "foot": 7.0,
}
THICKNESS = {
    "head": 0.0,
    "neck": 3.5,
    "torso": 11.0,
    "pelvis": 10.0,
    "upper_arm": 4.0,
    "forearm": 3.5,
    "thigh": 7.0,
    "shin": 5.0,
    "foot": 3.0,
}
# The joints each part runs between, from the body outwards. n_ and f_: the near and far side.
PART_JOINTS = {
    "neck": ("shoulder", "neck_top"),
    "torso": ("shoulder", "waist"),
    "pelvis": ("waist", "hip"),
    "upper_arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "hand"),
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("ankle", "toe"),
}

# Tools: a circle of this radius (rollers and balls seen end on, fingertips), or a line.
TOOL_RADIUS = {
    "foam-roller": 5.0,
    "small-roller": 3.5,
    "massage-ball": 3.0,
    "lacrosse-ball": 2.6,
    "trigger-ball": 2.4,
    "tennis-ball": 2.8,
    "double-ball": 2.8,
    "golf-ball": 2.0,
    "hands": 1.8,
}
TOOL_LENGTH = {"massage-stick": 26.0, "rolling-pin": 22.0, "massage-gun": 11.0}


@dataclass(frozen=True)
class ToolShape:
    kind: str
    shape: str  # "circle" or "line"
    center: Point = (0.0, 0.0)
    r: float = 0.0
    start: Point = (0.0, 0.0)
    end: Point = (0.0, 0.0)
    rests_on: str = "floor"  # floor, wall, seat or hands

    def to_json(self) -> dict[str, object]:
        if self.shape == "circle":
            return {"kind": self.kind, "shape": "circle", "center": _pt(self.center), "r": self.r}
        return {"kind": self.kind, "shape": "line", "from": _pt(self.start), "to": _pt(self.end)}


class PoseError(ValueError):
    """A pose that cannot be drawn as written: the message says which field and why."""


def _pt(p: Point) -> list[float]:
    return [round(p[0], 2), round(p[1], 2)]


# ----- plane geometry, y upwards -----


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def length(a: Point) -> float:
    return math.hypot(a[0], a[1])


def unit(a: Point) -> Point:
    size = length(a) or 1.0
    return (a[0] / size, a[1] / size)


def polar(start: Point, degrees: float, size: float) -> Point:
    angle = math.radians(degrees)
    return (start[0] + size * math.cos(angle), start[1] + size * math.sin(angle))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def rotate(p: Point, pivot: Point, radians: float) -> Point:
    c, s = math.cos(radians), math.sin(radians)
    x, y = p[0] - pivot[0], p[1] - pivot[1]
    return (pivot[0] + c * x - s * y, pivot[1] + s * x + c * y)


def left_normal(a: Point, b: Point) -> Point:
    d = unit(sub(b, a))
    return (-d[1], d[0])


def reach(root: Point, first: float, second: float, goal: Point, bend: float) -> Point:
    """The middle joint of a two-bone limb from `root` towards `goal` (elbow or knee); `bend`
    +1 or -1 chooses on which side of the line root-goal it lies. Out of reach: straight."""
    to_goal = sub(goal, root)
    distance = min(length(to_goal), first + second - 1e-6)
    distance = max(distance, abs(first - second) + 1e-6)
    cos_a = (first**2 + distance**2 - second**2) / (2 * first * distance)
    a = math.acos(max(-1.0, min(1.0, cos_a)))
    base = math.atan2(to_goal[1], to_goal[0])
    return polar(root, math.degrees(base + bend * a), first)


@dataclass
class Body:
    """The figure while a posture builds it, y upwards from the floor at 0."""

    pose: Pose
    tool_kind: str
    joints: dict[str, Point] = field(default_factory=dict)
    anterior: int = 1  # +1: a part's front is on its left normal; -1: on its right
    frontal: bool = False  # lying on the near side, seen from the front: faces outer and inner
    tool: ToolShape | None = None
    contact: Point = (0.0, 0.0)
    wall: float | None = None
    seat: tuple[float, float, float] | None = None

    # -- parts --

    def ends(self, part: str, side: str = "n") -> tuple[Point, Point]:
        a, b = PART_JOINTS[part]
        return self.joints[_joint(a, side)], self.joints[_joint(b, side)]

    def arm(self, side: str, goal: Point, elbow: str = "down") -> None:
        """The arm of `side` reaching for `goal`; the elbow goes `down` or `up` of the line."""
        self._limb(side, ("shoulder", "elbow", "hand"), ("upper_arm", "forearm"), goal, elbow)

    def leg(self, side: str, goal: Point, knee: str = "up") -> None:
        """The leg of `side` reaching for `goal` with its ankle; the knee goes `up` or `down`."""
        self._limb(side, ("hip", "knee", "ankle"), ("thigh", "shin"), goal, knee)

    def _limb(
        self,
        side: str,
        names: tuple[str, str, str],
        parts: tuple[str, str],
        goal: Point,
        way: str,
    ) -> None:
        root, middle, end = names
        first, second = LENGTH[parts[0]], LENGTH[parts[1]]
        start = self.joints[root]
        candidates = [reach(start, first, second, goal, bend) for bend in (1.0, -1.0)]
        pick = max if way == "up" else min
        mid = pick(candidates, key=lambda p: p[1])
        self.joints[f"{side}_{middle}"] = mid
        self.joints[f"{side}_{end}"] = polar(mid, _angle(sub(goal, mid)), second)

    def foot_flat(self, side: str, forward: float = 1.0) -> None:
        """The foot of `side` flat on the floor, toes `forward` (+1: towards +x)."""
        ankle = self.joints[f"{side}_ankle"]
        toe_y = THICKNESS["foot"] / 2
        drop = min(ankle[1] - toe_y, LENGTH["foot"] * 0.9)
        run = math.sqrt(max(LENGTH["foot"] ** 2 - drop**2, 0.0))
        self.joints[f"{side}_toe"] = (ankle[0] + forward * run, ankle[1] - drop)

    def chain(self, start: str, steps: list[tuple[str, float, str]]) -> None:
        """Joints one after another: (name, direction in degrees, part whose length it is)."""
        point = self.joints[start]
        for name, degrees, part in steps:
            point = polar(point, degrees, LENGTH[part])
            self.joints[name] = point

    def normal(self, part: str, face: str) -> Point:
        """The outward normal of `face` of the near `part`, as this posture lies."""
        a, b = self.ends(part)
        n = left_normal(a, b)
        if self.frontal:
            allowed, sign = ("outer", "inner"), (1 if face == "outer" else -1) * self.anterior
        else:
            allowed, sign = ("front", "back"), (1 if face == "front" else -1) * self.anterior
        if face not in allowed:
            raise PoseError(
                f"face {face!r} cannot be drawn in the posture {self.pose.posture!r}; "
                f"allowed: {', '.join(allowed)}"
            )
        return scale(n, sign)

    def surface(
        self, part: str | None = None, face: str | None = None, at: float | None = None
    ) -> tuple[Point, Point]:
        """The point on the skin of `part` at `at` on `face`, and the normal there."""
        part = part or self.pose.part
        face = face or self.pose.face
        at = self.pose.at if at is None else at
        a, b = self.ends(part)
        n = self.normal(part, face)
        return add(lerp(a, b, at), scale(n, THICKNESS[part] / 2)), n

    # -- moving the whole body --

    def move_all(self, mover: Callable[[Point], Point]) -> None:
        self.joints = {k: mover(p) for k, p in self.joints.items()}

    def rest_tool(
        self, pivot: str, height: float, level: float = 0.0, names: list[str] | None = None
    ) -> None:
        """Put a round tool against the target and turn the body (or only the joints `names`)
        about the joint `pivot`, kept `height` above the floor, until the tool rests on the
        surface at `level` (the floor, or a seat's top)."""
        if not names:
            dy = height - self.joints[pivot][1]
            self.joints = {k: (p[0], p[1] + dy) for k, p in self.joints.items()}
        if names == []:  # only set the body's height
            return
        _, n = self.surface()
        if n[1] > -0.2:
            raise PoseError(
                f"face {self.pose.face!r} of the {self.pose.part} faces up in the posture "
                f"{self.pose.posture!r}: a tool resting on the {self.pose.tool_on or 'floor'} "
                'cannot be under it; choose the other face, or tool_on = "hands"'
            )
        r = TOOL_RADIUS.get(self.tool_kind, 3.0)
        centre = self.joints[pivot]
        for _ in range(4):  # the normal turns with the body: a few rounds settle it
            contact, n = self.surface()
            v = sub(add(contact, scale(n, r)), centre)
            rho = length(v) or 1.0
            wanted = max(-1.0, min(1.0, (level + r - centre[1]) / rho))
            phi = math.atan2(v[1], v[0])
            options = (math.asin(wanted) - phi, math.pi - math.asin(wanted) - phi)
            theta = min((math.remainder(t, 2 * math.pi) for t in options), key=abs)
            for name in names if names is not None else list(self.joints):
                self.joints[name] = rotate(self.joints[name], centre, theta)
        self.place_round_tool("floor" if level == 0 else "seat")

    def place_round_tool(self, rests_on: str) -> None:
        contact, n = self.surface()
        r = TOOL_RADIUS.get(self.tool_kind, 3.0)
        self.contact = contact
        centre = add(contact, scale(n, r))
        self.tool = ToolShape(self.tool_kind, "circle", centre, r, rests_on=rests_on)


CENTRAL_JOINTS = frozenset({"shoulder", "neck_top", "waist", "hip"})


def _joint(name: str, side: str) -> str:
    return name if name in CENTRAL_JOINTS else f"{side}_{name}"


def _angle(v: Point) -> float:
    return math.degrees(math.atan2(v[1], v[0]))

"""A pose turned into a figure: segments and circles in a side view, the floor near the bottom.

`figure(pose, tool, side)` is pure: the posture (`unknot.core.postures`) places the joints and
the tool, and this hands back a `Figure` in drawing coordinates: y grows downwards, the floor is
the line y = `FLOOR`, everything fits inside `WIDTH` x `HEIGHT`. The side being worked is the
near side, drawn in front; the right side's figure is the left side's seen in a mirror, so the
worked leg is always the one in front and the picture turns round with the side.
"""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.body import (
    HEAD_R,
    THICKNESS,
    TOOL_LENGTH,
    TOOL_RADIUS,
    Body,
    Point,
    PoseError,
    ToolShape,
    _pt,
    add,
    scale,
    sub,
    unit,
)
from unknot.core.pose import CENTRAL_PARTS, SIDED_PARTS, Pose
from unknot.core.postures import BUILDERS, hold

WIDTH = 160.0
HEIGHT = 106.0
FLOOR = 100.0

__all__ = ["FLOOR", "HEIGHT", "WIDTH", "Figure", "PoseError", "ToolShape", "figure", "tool_on"]


@dataclass(frozen=True)
class Figure:
    """A move's figure in drawing coordinates (y grows downwards)."""

    move: str
    side: str | None
    parts: dict[str, tuple[Point, Point]]  # segments, limbs from the body outwards
    head: tuple[Point, float]
    tool: ToolShape | None
    target: str
    contact: Point
    near: str  # the side drawn in front: the side worked, or "left" for a move with no sides
    wall: float | None = None
    seat: tuple[float, float, float] | None = None  # from x, to x, top y
    width: float = WIDTH
    height: float = HEIGHT
    floor: float = FLOOR

    def thickness(self, name: str) -> float:
        return THICKNESS[name.split("_", 1)[1] if name.startswith(("left_", "right_")) else name]

    def to_json(self) -> dict[str, object]:
        parts: dict[str, object] = {"head": {"center": _pt(self.head[0]), "r": self.head[1]}}
        parts.update({name: [_pt(a), _pt(b)] for name, (a, b) in self.parts.items()})
        seat = self.seat
        return {
            "move": self.move,
            "side": self.side,
            "width": self.width,
            "height": self.height,
            "floor": self.floor,
            "wall": None if self.wall is None else round(self.wall, 2),
            "seat": None
            if seat is None
            else {"from": round(seat[0], 2), "to": round(seat[1], 2), "top": round(seat[2], 2)},
            "parts": parts,
            "tool": None if self.tool is None else self.tool.to_json(),
            "target": self.target,
            "contact": _pt(self.contact),
        }


def tool_on(pose: Pose, tool: str) -> str:
    """What holds the tool: the pose's word, or by default the floor for rollers and balls,
    the hands for the rest; "none" when the move has no tool."""
    if tool == "none":
        return "none"
    if pose.tool_on is not None:
        return pose.tool_on
    return "floor" if tool in TOOL_RADIUS and tool != "hands" else "hands"


def check_tool(pose: Pose, tool: str) -> None:
    """PoseError when the tool cannot be where the pose puts it."""
    on = tool_on(pose, tool)
    if on in ("floor", "seat", "wall") and tool not in TOOL_RADIUS:
        raise PoseError(f"tool_on {on!r}: a {tool} is held in the hands, not rested on the {on}")
    if on in ("floor", "seat", "wall") and tool == "hands":
        raise PoseError(f"tool_on {on!r}: a move done by hand has the hand on the body")
    if on == "seat" and pose.posture != "seated-chair":
        raise PoseError("tool_on 'seat' needs the posture 'seated-chair'")
    if on == "wall" and pose.posture != "standing-wall":
        raise PoseError("tool_on 'wall' needs the posture 'standing-wall'")
    if on != "none" and tool not in TOOL_RADIUS and tool not in TOOL_LENGTH:
        raise PoseError(f"the tool {tool!r} cannot be drawn")


def figure(pose: Pose, tool: str, side: str | None = None, move: str = "") -> Figure:
    """The figure of `pose` worked with `tool` on `side` (None: a move with no sides)."""
    check_tool(pose, tool)
    on = tool_on(pose, tool)
    body = Body(pose, tool)
    BUILDERS[pose.posture](body, on)
    if on == "hands":
        hold(body, on)
    elif on == "none":
        body.contact, _ = body.surface()
    return _drawn(body, side, move)


def _drawn(b: Body, side: str | None, move: str) -> Figure:
    near = side or "left"
    far = "right" if near == "left" else "left"
    mirror = -1.0 if near == "right" else 1.0
    joints = b.joints
    shoulder, neck_top = joints["shoulder"], joints["neck_top"]
    head = add(neck_top, scale(unit(sub(neck_top, shoulder)), HEAD_R))
    xs = [p[0] for p in joints.values()] + [head[0] - HEAD_R, head[0] + HEAD_R]
    tool = b.tool
    if tool is not None:
        if tool.shape == "circle":
            xs += [tool.center[0] - tool.r, tool.center[0] + tool.r]
        else:
            xs += [tool.start[0], tool.end[0]]
    if b.wall is not None:
        xs.append(b.wall)
    if b.seat is not None:
        xs += [b.seat[0], b.seat[1]]
    middle = (min(xs) + max(xs)) / 2

    def place(p: Point) -> Point:
        return (WIDTH / 2 + mirror * (p[0] - middle), FLOOR - p[1])

    parts: dict[str, tuple[Point, Point]] = {}
    for part in CENTRAL_PARTS[1:]:
        a, z = b.ends(part)
        parts[part] = (place(a), place(z))
    for part in SIDED_PARTS:
        for code, name in (("n", near), ("f", far)):
            a, z = b.ends(part, code)
            parts[f"{name}_{part}"] = (place(a), place(z))
    drawn_tool = None
    if tool is not None:
        drawn_tool = ToolShape(
            tool.kind,
            tool.shape,
            place(tool.center),
            tool.r,
            place(tool.start),
            place(tool.end),
            tool.rests_on,
        )
    seat = None
    if b.seat is not None:
        left, right = sorted((place((b.seat[0], 0))[0], place((b.seat[1], 0))[0]))
        seat = (left, right, FLOOR - b.seat[2])
    part = b.pose.part
    return Figure(
        move=move,
        side=side,
        parts=parts,
        head=(place(head), HEAD_R),
        tool=drawn_tool,
        target=f"{near}_{part}" if part in SIDED_PARTS else part,
        contact=place(b.contact),
        near=near,
        wall=None if b.wall is None else place((b.wall, 0))[0],
        seat=seat,
    )

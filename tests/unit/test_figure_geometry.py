"""The geometry every figure must hold, for every catalog move and side, checked on the numbers."""

from __future__ import annotations

import math

import pytest

from unknot.core.catalog import CatalogMove
from unknot.core.figure import Figure, figure
from unknot.core.pose import AREA_PARTS, SIDED_PARTS
from unknot.data.catalog_loader import load_catalog

Point = tuple[float, float]
TOLERANCE = 0.05


def _cases() -> list[tuple[CatalogMove, str | None, str]]:
    cases: list[tuple[CatalogMove, str | None, str]] = []
    for move in load_catalog().moves:
        for tool in move.tools:
            for side in ("left", "right") if move.sides == "each" else (None,):
                cases.append((move, side, tool))
    return cases


CASES = _cases()


def _distance_to_segment(p: Point, a: Point, z: Point) -> float:
    ax, ay = z[0] - a[0], z[1] - a[1]
    size = ax * ax + ay * ay
    t = 0.0 if size == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / size))
    return math.dist(p, (a[0] + t * ax, a[1] + t * ay))


def _hands(fig: Figure) -> list[Point]:
    return [fig.parts[f"{side}_forearm"][1] for side in ("left", "right")]


@pytest.fixture(params=CASES, ids=lambda c: f"{c[0].id}-{c[2]}-{c[1] or 'once'}")
def case(request: pytest.FixtureRequest) -> tuple[CatalogMove, Figure]:
    move, side, tool = request.param
    assert move.pose is not None, f"{move.id} has no pose"
    return move, figure(move.pose, tool, side, move.id)


def test_every_catalog_move_has_a_pose() -> None:
    assert [m.id for m in load_catalog().moves if m.pose is None] == []


def test_the_target_is_the_part_the_area_names_on_the_side_worked(
    case: tuple[CatalogMove, Figure],
) -> None:
    move, fig = case
    part = fig.target.split("_", 1)[1] if fig.target.startswith(("left_", "right_")) else fig.target
    assert part in AREA_PARTS[move.area]
    if part in SIDED_PARTS:
        assert fig.target == f"{fig.side or 'left'}_{part}"


def test_the_contact_lies_on_the_target_and_on_the_tool(case: tuple[CatalogMove, Figure]) -> None:
    _, fig = case
    a, z = fig.parts[fig.target]
    assert _distance_to_segment(fig.contact, a, z) <= fig.thickness(fig.target) / 2 + TOLERANCE
    tool = fig.tool
    if tool is None:
        return
    if tool.shape == "circle":
        assert math.dist(fig.contact, tool.center) == pytest.approx(tool.r, abs=TOLERANCE)
    else:
        assert _distance_to_segment(fig.contact, tool.start, tool.end) <= TOLERANCE


def test_the_tool_rests_on_something(case: tuple[CatalogMove, Figure]) -> None:
    move, fig = case
    tool = fig.tool
    if tool is None:
        assert move.tools == ("none",)
        return
    hands = _hands(fig)
    if tool.shape == "line":  # a stick: held by at least one hand at an end
        ends = (tool.start, tool.end)
        assert any(math.dist(h, e) <= 0.5 for h in hands for e in ends)
    elif tool.kind == "hands":  # done by hand: a hand at the contact
        assert any(math.dist(h, tool.center) <= 0.5 for h in hands)
    elif tool.rests_on == "floor":
        assert tool.center[1] + tool.r == pytest.approx(fig.floor, abs=TOLERANCE)
    elif tool.rests_on == "wall":
        assert fig.wall is not None
        assert abs(abs(tool.center[0] - fig.wall) - tool.r) <= TOLERANCE
    elif tool.rests_on == "seat":
        assert fig.seat is not None
        assert tool.center[1] + tool.r == pytest.approx(fig.seat[2], abs=TOLERANCE)
        assert fig.seat[0] <= tool.center[0] <= fig.seat[1]
    else:
        assert tool.rests_on == "hands"
        assert any(math.dist(h, tool.center) <= tool.r + 2.0 for h in hands)


def test_nothing_is_below_the_floor_or_outside_the_picture(
    case: tuple[CatalogMove, Figure],
) -> None:
    _, fig = case
    for name, (a, z) in fig.parts.items():
        for x, y in (a, z):
            assert y + fig.thickness(name) / 2 <= fig.floor + TOLERANCE, name
            assert 0 <= x <= fig.width and y >= 0, name
    (_hx, hy), r = fig.head
    assert hy + r <= fig.floor + TOLERANCE and hy - r >= 0
    if fig.tool is not None and fig.tool.shape == "circle":
        assert fig.tool.center[1] + fig.tool.r <= fig.floor + TOLERANCE


def test_joints_meet(case: tuple[CatalogMove, Figure]) -> None:
    _, fig = case
    p = fig.parts
    assert p["neck"][0] == p["torso"][0]
    assert p["torso"][1] == p["pelvis"][0]
    (hx, hy), r = fig.head
    assert math.dist(p["neck"][1], (hx, hy)) == pytest.approx(r, abs=TOLERANCE)
    for side in ("left", "right"):
        assert p[f"{side}_upper_arm"][0] == p["torso"][0]
        assert p[f"{side}_forearm"][0] == p[f"{side}_upper_arm"][1]
        assert p[f"{side}_thigh"][0] == p["pelvis"][1]
        assert p[f"{side}_shin"][0] == p[f"{side}_thigh"][1]
        assert p[f"{side}_foot"][0] == p[f"{side}_shin"][1]


def test_the_right_side_is_the_left_in_a_mirror() -> None:
    move = next(m for m in load_catalog().moves if m.sides == "each")
    assert move.pose is not None
    left = figure(move.pose, move.tools[0], "left")
    right = figure(move.pose, move.tools[0], "right")
    for name, (a, z) in left.parts.items():
        mirrored = (
            name.replace("left_", "RIGHT_").replace("right_", "left_").replace("RIGHT_", "right_")
        )
        ra, rz = right.parts[mirrored]
        assert ra == pytest.approx((left.width - a[0], a[1]))
        assert rz == pytest.approx((left.width - z[0], z[1]))

"""The postures: where each joint goes, y upwards from the floor at 0, the near side worked.

Each posture places the body, rests a floor tool under the worked part (turning the body about
the joint it leans on), then the limbs that are free to follow: feet planted, hands on the floor
or on the tool. Lying postures have the head towards -x; upright ones face +x.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from unknot.core.body import (
    HEAD_R,
    LENGTH,
    THICKNESS,
    TOOL_LENGTH,
    TOOL_RADIUS,
    Body,
    Point,
    PoseError,
    ToolShape,
    add,
    lerp,
    polar,
    scale,
    sub,
    unit,
)

LEG_PARTS = ("thigh", "shin", "foot")
SEAT_TOP = 20.0
ARM = LENGTH["upper_arm"] + LENGTH["forearm"]


def _trunk(b: Body, hip: Point, pelvis: float, torso: float, neck: float) -> None:
    """Hip, waist, shoulders and neck, each part's direction in degrees (from the hip up)."""
    b.joints["hip"] = hip
    b.joints["waist"] = polar(hip, pelvis, LENGTH["pelvis"])
    b.joints["shoulder"] = polar(b.joints["waist"], torso, LENGTH["torso"])
    b.joints["neck_top"] = polar(b.joints["shoulder"], neck, LENGTH["neck"])


def _straight_leg(b: Body, side: str, degrees: float, toe: float) -> None:
    b.chain(
        "hip",
        [
            (f"{side}_knee", degrees, "thigh"),
            (f"{side}_ankle", degrees, "shin"),
            (f"{side}_toe", toe, "foot"),
        ],
    )


def _arm_along(b: Body, side: str, upper: float, fore: float) -> None:
    b.chain("shoulder", [(f"{side}_elbow", upper, "upper_arm"), (f"{side}_hand", fore, "forearm")])


def _planted(b: Body, side: str, x: float, forward: float = 1.0) -> None:
    """The leg of `side` bent, its foot flat on the floor at `x`."""
    b.leg(side, (x, 3.5), "up")
    b.foot_flat(side, forward)


def _on_floor(b: Body, side: str, x: float, forward: float = 1.0) -> None:
    """The leg of `side` long on the floor, ankle at `x`."""
    b.leg(side, (x, THICKNESS["thigh"] / 2), "up")
    b.joints[f"{side}_toe"] = add(b.joints[f"{side}_ankle"], (forward * LENGTH["foot"], 0.0))


def _hand_on_floor(b: Body, side: str, x: float, elbow: str = "up") -> None:
    b.arm(side, (x, THICKNESS["forearm"] / 2), elbow)


def _rest(b: Body, on: str, pivot: str, height: float, names: list[str] | None = None) -> None:
    if on in ("floor", "seat"):
        b.rest_tool(pivot, height, SEAT_TOP if on == "seat" else 0.0, names)


# ----- lying on the side (seen from the front: outer and inner) -----


def side_lying_forearm(b: Body, on: str) -> None:
    b.frontal, b.anterior = True, -1
    _trunk(b, (0.0, 12.0), 180, 180, 180)
    _arm_along(b, "n", -90, 180)
    leg_worked = b.pose.part in LEG_PARTS
    if leg_worked:
        _straight_leg(b, "n", 0, 20)
    _rest(b, on, "n_elbow", THICKNESS["upper_arm"] / 2)
    elbow = b.joints["n_elbow"]
    b.joints["n_hand"] = (elbow[0] - LENGTH["forearm"], elbow[1])
    hip = b.joints["hip"]
    if not leg_worked:
        _on_floor(b, "n", hip[0] + 44)
    _side_lying_top_leg(b)
    _hand_on_floor(b, "f", b.joints["shoulder"][0] + 7)


def _side_lying_top_leg(b: Body) -> None:
    hip = b.joints["hip"]
    if b.pose.other_leg == "straight":
        b.leg("f", add(b.joints["n_ankle"], (0.0, THICKNESS["shin"])), "up")
        b.joints["f_toe"] = add(b.joints["n_toe"], (0.0, THICKNESS["shin"]))
    else:  # the top foot planted in front, a kickstand
        _planted(b, "f", hip[0] + 17)


def side_lying_arm_overhead(b: Body, on: str) -> None:
    b.frontal, b.anterior = True, -1
    _trunk(b, (0.0, 10.0), 180, 180, 180)
    _arm_along(b, "n", 180, 180)
    _straight_leg(b, "n", 0, 20)
    _rest(b, on, "n_ankle", THICKNESS["shin"] / 2)
    _hand_on_floor(b, "n", b.joints["shoulder"][0] - ARM + 1, "down")
    _side_lying_top_leg(b)
    _hand_on_floor(b, "f", b.joints["shoulder"][0] + 9)


# ----- sitting -----


def seated_hands_behind(b: Body, on: str) -> None:
    _trunk(b, (0.0, 5.0), 110, 118, 105)
    for side in ("n", "f"):
        _arm_along(b, side, 250, 250)
    leg_worked = b.pose.part in LEG_PARTS
    if leg_worked:  # the hips stay down: the leg alone lies over the tool
        _straight_leg(b, "n", 0, 75)
        _rest(b, on, "hip", b.joints["hip"][1], ["n_knee", "n_ankle", "n_toe"])
        _hand_on_floor(b, "n", b.joints["hip"][0] - 13, "up")
    else:
        _rest(b, on, "n_hand", THICKNESS["forearm"] / 2)
    b.joints["f_elbow"], b.joints["f_hand"] = b.joints["n_elbow"], b.joints["n_hand"]
    hip = b.joints["hip"]
    if not leg_worked:
        _planted(b, "n", hip[0] + 28)
    other = b.pose.other_leg
    if other == "crossed" and leg_worked:
        knee, ankle = b.joints["n_knee"], b.joints["n_ankle"]
        rest_on = add(lerp(knee, ankle, 0.55), (0.0, THICKNESS["shin"]))
        b.leg("f", rest_on, "up")
        b.joints["f_toe"] = polar(b.joints["f_ankle"], 70, LENGTH["foot"])
    elif other == "crossed":  # the ankle over the other knee
        b.leg("f", add(b.joints["n_knee"], (1.0, THICKNESS["thigh"])), "down")
        b.joints["f_toe"] = polar(b.joints["f_ankle"], 80, LENGTH["foot"])
    elif other == "straight" and leg_worked:
        for joint in ("knee", "ankle", "toe"):
            b.joints[f"f_{joint}"] = b.joints[f"n_{joint}"]
    elif other == "straight":
        _on_floor(b, "f", hip[0] + 44)
    else:
        _planted(b, "f", hip[0] + 31)


def seated_on_roller(b: Body, on: str) -> None:
    """Sitting on the tool; the worked side's ankle crossed over the other knee."""
    _trunk(b, (0.0, 5.0), 105, 112, 100)
    for side in ("n", "f"):
        _arm_along(b, side, 250, 250)
    _rest(b, on, "n_hand", THICKNESS["forearm"] / 2)
    b.joints["f_elbow"], b.joints["f_hand"] = b.joints["n_elbow"], b.joints["n_hand"]
    _planted(b, "f", b.joints["hip"][0] + 27)
    b.leg("n", add(b.joints["f_knee"], (1.0, THICKNESS["thigh"])), "down")
    b.joints["n_toe"] = polar(b.joints["n_ankle"], 80, LENGTH["foot"])


def seated_upright(b: Body, on: str) -> None:
    """Sitting tall, the worked knee up and the foot flat, the other leg long; hands free."""
    reaching = b.pose.part in LEG_PARTS  # lean in over the knee to reach the leg
    _trunk(b, (0.0, 5.0), 95 if not reaching else 80, 78 if not reaching else 58, 70)
    hip = b.joints["hip"]
    _planted(b, "n", hip[0] + (29 if not reaching else 25))
    _on_floor(b, "f", hip[0] + 44)
    for side in ("n", "f"):
        _hand_on_floor(b, side, hip[0] + 3, "down")
    if on in ("floor", "seat"):
        raise PoseError(
            f'in the posture {b.pose.posture!r} the tool is held: tool_on must be "hands"'
        )


def seated_chair(b: Body, on: str) -> None:
    """Sitting on a chair or bench; the tool under the worked thigh lifts it off the seat."""
    hip = (0.0, SEAT_TOP + THICKNESS["pelvis"] / 2)
    _trunk(b, hip, 92, 95, 90)
    b.joints["n_knee"] = polar(hip, 0, LENGTH["thigh"])
    if b.pose.part not in ("thigh", "pelvis"):
        raise PoseError(
            f"in the posture {b.pose.posture!r} the tool can work the thigh or the pelvis; "
            f"not the {b.pose.part}"
        )
    _rest(b, on, "hip", hip[1], ["n_knee"] if b.pose.part == "thigh" else None)
    b.joints["f_knee"] = polar(b.joints["hip"], 0, LENGTH["thigh"])
    for side in ("n", "f"):
        knee = b.joints[f"{side}_knee"]
        drop = min(LENGTH["shin"], knee[1] - 3.5)
        b.joints[f"{side}_ankle"] = (
            knee[0] + (LENGTH["shin"] ** 2 - drop**2) ** 0.5,
            knee[1] - drop,
        )
        b.foot_flat(side)
        b.arm(side, add(b.joints["f_knee"], (-6.0, THICKNESS["thigh"] / 2 + 1.5)), "down")
    right = max(b.joints["f_knee"][0] - 3, b.tool.center[0] + 4 if b.tool else 0.0)
    b.seat = (b.joints["hip"][0] - 10, right, SEAT_TOP)


# ----- lying face down or on the back -----


def face_down_forearms(b: Body, on: str) -> None:
    b.anterior = -1
    _trunk(b, (0.0, 10.0), 180, 180, 165)
    for side in ("n", "f"):
        _arm_along(b, side, -90, 180)
    leg_worked = b.pose.part in LEG_PARTS
    if leg_worked:
        _straight_leg(b, "n", 0, -30)
    _rest(b, on, "n_elbow", THICKNESS["upper_arm"] / 2)
    for side in ("n", "f"):
        elbow = b.joints["n_elbow"]
        b.joints[f"{side}_elbow"] = elbow
        b.joints[f"{side}_hand"] = (elbow[0] - LENGTH["forearm"], elbow[1])
    hip = b.joints["hip"]
    if not leg_worked:
        _on_floor(b, "n", hip[0] + 44)
    if b.pose.other_leg == "straight" and leg_worked:
        for joint in ("knee", "ankle", "toe"):
            b.joints[f"f_{joint}"] = b.joints[f"n_{joint}"]
    else:
        _on_floor(b, "f", hip[0] + 44)


def face_down_leg_out(b: Body, on: str) -> None:
    """Face down; the worked leg bent out to the side, its inner thigh on the tool."""
    b.frontal, b.anterior = True, -1
    _trunk(b, (0.0, 10.0), 180, 180, 165)
    for side in ("n", "f"):
        _arm_along(b, side, -90, 180)
    b.joints["n_knee"] = polar(b.joints["hip"], 196, LENGTH["thigh"])
    _rest(b, on, "n_elbow", THICKNESS["upper_arm"] / 2)
    for side in ("n", "f"):
        elbow = b.joints["n_elbow"]
        b.joints[f"{side}_elbow"] = elbow
        b.joints[f"{side}_hand"] = (elbow[0] - LENGTH["forearm"], elbow[1])
    knee = b.joints["n_knee"]
    drop = min(LENGTH["shin"] * 0.95, knee[1] - THICKNESS["shin"] / 2)
    b.joints["n_ankle"] = (knee[0] + (LENGTH["shin"] ** 2 - drop**2) ** 0.5, knee[1] - drop)
    b.joints["n_toe"] = add(b.joints["n_ankle"], (LENGTH["foot"], 0.0))
    _on_floor(b, "f", b.joints["hip"][0] + 44)


def back_knees_bent(b: Body, on: str) -> None:
    _trunk(b, (0.0, 5.5), 180, 180, 180)
    for side in ("n", "f"):
        _arm_along(b, side, 0, 0)
    _rest(b, on, "shoulder", THICKNESS["torso"] / 2)
    _rest_head(b, -1.0)
    hip = b.joints["hip"]
    for side, x in (("n", 30.0), ("f", 32.0)):
        _planted(b, side, hip[0] + x)
        _hand_on_floor(b, side, hip[0] - 3, "down")


def _rest_head(b: Body, towards: float) -> None:
    """The head on the floor beyond the shoulders (towards -x or +x)."""
    shoulder = b.joints["shoulder"]
    goal = (shoulder[0] + towards * (LENGTH["neck"] + HEAD_R + 1), HEAD_R)
    b.joints["neck_top"] = add(shoulder, scale(unit(sub(goal, shoulder)), LENGTH["neck"]))


def back_bridge(b: Body, on: str) -> None:
    """On the back over the tool, hips lifted, feet planted, arms hugging the chest."""
    if on != "floor" or b.pose.part != "torso":
        raise PoseError(f"the posture {b.pose.posture!r} has the tool on the floor under the torso")
    # Build from the shoulders with the trunk rising slightly to the hips, then lift it all so
    # the tool under the upper back rests on the floor.
    b.joints["shoulder"] = (0.0, 0.0)
    b.joints["waist"] = polar((0.0, 0.0), 4, LENGTH["torso"])
    b.joints["hip"] = polar(b.joints["waist"], 4, LENGTH["pelvis"])
    b.joints["neck_top"] = polar((0.0, 0.0), 192, LENGTH["neck"])
    b.place_round_tool("floor")
    assert b.tool is not None
    lift = b.tool.r - b.tool.center[1]
    b.joints = {k: (p[0], p[1] + lift) for k, p in b.joints.items()}
    b.place_round_tool("floor")
    hip = b.joints["hip"]
    for side, x in (("n", 27.0), ("f", 29.0)):
        _planted(b, side, hip[0] + x)
    for side, at in (("n", 0.25), ("f", 0.3)):
        chest, n = b.surface("torso", "front", at)
        b.arm(side, add(chest, scale(n, 2.0)), "up")


# ----- standing -----


def standing(b: Body, on: str) -> None:
    """Standing on the other leg; the worked foot on the tool."""
    b.joints["f_ankle"] = (0.0, 3.5)
    b.joints["f_knee"] = polar(b.joints["f_ankle"], 90, LENGTH["shin"])
    _trunk(b, polar(b.joints["f_knee"], 90, LENGTH["thigh"]), 90, 90, 90)
    b.foot_flat("f")
    for side in ("n", "f"):
        _arm_along(b, side, -97, -80)
    if b.pose.part != "foot":
        raise PoseError(f"in the posture {b.pose.posture!r} the tool can work the foot only")
    r = TOOL_RADIUS.get(b.tool_kind, 3.0) if on == "floor" else 0.0
    height = 2 * r + THICKNESS["foot"] / 2
    middle = (9.0, height)
    half = LENGTH["foot"] * b.pose.at
    b.leg("n", (middle[0] - half, height), "up")
    b.joints["n_ankle"] = (middle[0] - half, height)
    b.joints["n_toe"] = (middle[0] - half + LENGTH["foot"], height)
    b.leg("n", b.joints["n_ankle"], "up")
    if on == "floor":
        b.place_round_tool("floor")


def standing_wall(b: Body, on: str) -> None:
    """Standing, leaning into a wall in front with the tool pinned between it and the body."""
    lean = 84.0
    for side, x in (("n", 0.0), ("f", 1.0)):
        b.joints[f"{side}_ankle"] = (x, 3.5)
    b.joints["n_knee"] = polar(b.joints["n_ankle"], lean, LENGTH["shin"])
    b.joints["f_knee"] = polar(b.joints["f_ankle"], lean, LENGTH["shin"])
    _trunk(b, polar(b.joints["n_knee"], lean, LENGTH["thigh"]), lean, lean, lean - 4)
    for side in ("n", "f"):
        b.foot_flat(side)
        _arm_along(b, side, -95, -80)
    if on != "wall":
        raise PoseError(f"in the posture {b.pose.posture!r} the tool rests on the wall")
    contact, n = b.surface()
    if n[0] < 0.6:
        raise PoseError(
            f"face {b.pose.face!r} of the {b.pose.part} does not face the wall; choose front"
        )
    r = TOOL_RADIUS.get(b.tool_kind, 3.0)
    b.place_round_tool("wall")
    b.wall = contact[0] + n[0] * r + r
    shoulder = b.joints["shoulder"]
    for side, up in (("n", 6.0), ("f", 8.0)):
        b.arm(side, (b.wall - THICKNESS["forearm"] / 2, shoulder[1] + up), "down")


def lunge(b: Body, on: str) -> None:
    """A kneeling lunge, the worked side's knee down behind, arms overhead."""
    hip_height = 21.5
    _trunk(b, (0.0, hip_height), 92, 96, 92)
    for side in ("n", "f"):
        _arm_along(b, side, 100, 96)
    knee_height = THICKNESS["thigh"] / 2
    down = math.degrees(math.asin((hip_height - knee_height) / LENGTH["thigh"]))
    b.joints["n_knee"] = polar(b.joints["hip"], 180 + down, LENGTH["thigh"])
    b.joints["n_ankle"] = polar(b.joints["n_knee"], 180, LENGTH["shin"])
    b.joints["n_toe"] = polar(b.joints["n_ankle"], 180, LENGTH["foot"])
    _planted(b, "f", 22.0)
    if on != "none":
        raise PoseError(f"the posture {b.pose.posture!r} is a stretch: it takes no tool")
    b.contact, _ = b.surface()


BUILDERS: dict[str, Callable[[Body, str], None]] = {
    "side-lying-forearm": side_lying_forearm,
    "side-lying-arm-overhead": side_lying_arm_overhead,
    "seated-hands-behind": seated_hands_behind,
    "seated-on-roller": seated_on_roller,
    "seated-upright": seated_upright,
    "seated-chair": seated_chair,
    "face-down-forearms": face_down_forearms,
    "face-down-leg-out": face_down_leg_out,
    "back-knees-bent": back_knees_bent,
    "back-bridge": back_bridge,
    "standing": standing,
    "standing-wall": standing_wall,
    "lunge": lunge,
}


def hold(b: Body, on: str) -> None:
    """A tool held in the hands (a stick, a ball pressed in, the fingers themselves)."""
    contact, n = b.surface()
    b.contact = contact
    kind = b.tool_kind
    a, z = b.ends(b.pose.part)
    along = unit(sub(z, a))
    one_hand = b.pose.part == "neck"
    if kind in TOOL_LENGTH and kind != "massage-gun":
        half = TOOL_LENGTH[kind] / 2
        start, end = add(contact, scale(along, -half)), add(contact, scale(along, half))
        b.tool = ToolShape(kind, "line", start=start, end=end, rests_on="hands")
        b.arm("n", start, "down")
        b.arm("f", end, "down")
        return
    if kind == "massage-gun":
        end = add(contact, scale(n, TOOL_LENGTH[kind]))
        b.tool = ToolShape(kind, "line", start=contact, end=end, rests_on="hands")
        b.arm("n", end, "down")
        return
    r = TOOL_RADIUS.get(kind, 3.0)
    centre = add(contact, scale(n, r))
    b.tool = ToolShape(kind, "circle", centre, r, rests_on="hands")
    grip = centre if kind == "hands" else add(centre, scale(n, r + THICKNESS["forearm"] / 2))
    b.arm("n", grip, "up" if one_hand else "down")
    if not one_hand:
        b.arm("f", grip, "down")

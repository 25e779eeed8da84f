"""The figure of a routine move on a side, in the forms the front ends draw.

`move_svg(move, side)` is what the phone page calls: SVG markup with a viewBox and no size,
so it fills its container's width, or None when the move has no pose.
"""

from __future__ import annotations

from unknot.core.figure import Figure, figure
from unknot.core.figure_svg import TARGET, figure_svg
from unknot.core.routine import Move


def move_figure(move: Move, side: str | None) -> Figure | None:
    """The move's figure on `side` (None for a move with no sides), or None without a pose."""
    if move.pose is None:
        return None
    return figure(move.pose, move.tool, side, move.name)


def move_svg(
    move: Move, side: str | None, *, target: str = TARGET, crop: bool = False
) -> str | None:
    """The move's figure as inline SVG, scaled by its container; `target` colours the part,
    `crop` leaves out the empty room around the body."""
    found = move_figure(move, side)
    if found is None:
        return None
    where = f", {side} side" if side else ""
    return figure_svg(found, target=target, title=f"{move.name}{where}", crop=crop)

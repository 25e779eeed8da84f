"""A figure as SVG markup: no fixed size, a viewBox, so it scales to its container's width.

Pure string building. The body is drawn in thick round-capped strokes, the far side paler and
behind, the worked part in the phase colour, the tool in a colour of its own.
"""

from __future__ import annotations

from html import escape

from unknot.core.figure import Figure

BODY = "#5b6270"
FAR = "#b3b8c2"
TOOL = "#d97a1e"
TARGET = "#2e9e44"  # the work phase's green
GROUND = "#8a8f99"


def _line(a: tuple[float, float], z: tuple[float, float], colour: str, width: float) -> str:
    return (
        f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{z[0]:.1f}" y2="{z[1]:.1f}" '
        f'stroke="{colour}" stroke-width="{width:.1f}" stroke-linecap="round"/>'
    )


MARGIN = 5.0  # drawing units around a cropped figure


def _view_box(fig: Figure, crop: bool) -> str:
    """The whole drawing, or (`crop`) just the body, the tool and the floor under them, so that
    a figure drawn small (on a phone, above its clock) is as large as its width allows."""
    if not crop:
        return f"0 0 {fig.width:g} {fig.height:g}"
    xs: list[float] = []
    ys: list[float] = []
    for name, (a, z) in fig.parts.items():
        half = fig.thickness(name) / 2
        for x, y in (a, z):
            xs += [x - half, x + half]
            ys += [y - half, y + half]
    (hx, hy), r = fig.head
    xs += [hx - r, hx + r]
    ys += [hy - r, hy + r]
    if fig.tool is not None and fig.tool.shape == "circle":
        (tx, ty), tr = fig.tool.center, fig.tool.r
        xs += [tx - tr, tx + tr]
        ys += [ty - tr, ty + tr]
    elif fig.tool is not None:
        xs += [fig.tool.start[0], fig.tool.end[0]]
        ys += [fig.tool.start[1], fig.tool.end[1]]
    if fig.seat is not None:
        xs += [fig.seat[0], fig.seat[1]]
    if fig.wall is not None:
        xs.append(fig.wall + 2)
    left = max(0.0, min(xs) - MARGIN)
    top = max(0.0, min(ys) - MARGIN)
    right = min(fig.width, max(xs) + MARGIN)
    bottom = min(fig.height, fig.floor + 3)
    return f"{left:.1f} {top:.1f} {right - left:.1f} {bottom - top:.1f}"


def figure_svg(
    fig: Figure, *, target: str = TARGET, title: str | None = None, crop: bool = False
) -> str:
    """The figure as one `<svg>` element; `target` colours the worked part; `crop` leaves out
    the empty room around the body."""
    far = "right" if fig.near == "left" else "left"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_view_box(fig, crop)}" '
        f'role="img" class="unknot-figure">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(_line((0, fig.floor + 1), (fig.width, fig.floor + 1), GROUND, 2))
    if fig.wall is not None:
        out.append(_line((fig.wall + 1, 0), (fig.wall + 1, fig.floor), GROUND, 2))
    if fig.seat is not None:
        left, right, top = fig.seat
        out.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="3" '
            f'fill="{GROUND}"/>'
        )
        for x in (left + 2, right - 2):
            out.append(_line((x, top + 3), (x, fig.floor), GROUND, 1.5))
    order = [n for n in fig.parts if n.startswith(far)]
    order += [n for n in fig.parts if not n.startswith(("left_", "right_"))]
    order += [n for n in fig.parts if n.startswith(fig.near)]
    for name in order:
        a, z = fig.parts[name]
        colour = FAR if name.startswith(far) else BODY
        out.append(_line(a, z, colour, fig.thickness(name)))
    (cx, cy), r = fig.head
    head_colour = target if fig.target == "head" else BODY
    out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:g}" fill="{head_colour}"/>')
    a, z = fig.parts[fig.target]
    out.append(_line(a, z, target, fig.thickness(fig.target) + 0.6))
    tool = fig.tool
    if tool is not None and tool.shape == "circle":
        fill = "none" if tool.kind == "hands" else TOOL
        out.append(
            f'<circle cx="{tool.center[0]:.1f}" cy="{tool.center[1]:.1f}" r="{tool.r:g}" '
            f'fill="{fill}" stroke="{TOOL}" stroke-width="1"/>'
        )
    elif tool is not None:
        out.append(_line(tool.start, tool.end, TOOL, 2.4))
    x, y = fig.contact
    out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.2" fill="#ffffff" stroke="{target}"/>')
    out.append("</svg>")
    return "".join(out)

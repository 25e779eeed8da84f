"""A figure drawn in braille characters: each cell holds 2 x 4 dots, so a terminal draws lines.

Pure: the result is rows of (character, layer) cells. The layer says what the cell mostly shows
(the floor, the far side, the body, the tool or the worked part), so a front end can colour it:
the worked part in the phase colour, the tool in its own. Without colour the worked part still
stands out: it is drawn solid and thicker than the rest of the body.
"""

from __future__ import annotations

import math

from unknot.core.figure import Figure

Cell = tuple[str, str]
LAYERS = ("", "floor", "far", "body", "tool", "target")  # later ones win a shared cell
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] of a cell


class _Canvas:
    def __init__(self, cols: int, rows: int, fig: Figure) -> None:
        self.cols, self.rows = cols, rows
        self.w, self.h = cols * 2, rows * 4
        # Only the figure's own box, so a figure lying down fills the width it is given.
        left, top, right = _box(fig)
        bottom = fig.floor + 1.5
        self.k = min(self.w / (right - left), self.h / (bottom - top))
        self.dx = (self.w - (right - left) * self.k) / 2 - left * self.k
        self.dy = self.h - bottom * self.k
        self.dots: dict[tuple[int, int], int] = {}

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * self.k + self.dx, p[1] * self.k + self.dy)

    def dot(self, x: int, y: int, layer: int) -> None:
        if 0 <= x < self.w and 0 <= y < self.h:
            self.dots[(x, y)] = max(self.dots.get((x, y), 0), layer)

    def segment(
        self, a: tuple[float, float], z: tuple[float, float], width: float, layer: int
    ) -> None:
        (ax, ay), (zx, zy) = self.at(a), self.at(z)
        radius = max(width * self.k / 2, 0.55)
        for y in range(int(min(ay, zy) - radius) - 1, int(max(ay, zy) + radius) + 2):
            for x in range(int(min(ax, zx) - radius) - 1, int(max(ax, zx) + radius) + 2):
                if _distance((x + 0.5, y + 0.5), (ax, ay), (zx, zy)) <= radius:
                    self.dot(x, y, layer)

    def circle(self, c: tuple[float, float], r: float, layer: int, filled: bool) -> None:
        cx, cy = self.at(c)
        radius = max(r * self.k, 0.8)
        for y in range(int(cy - radius) - 1, int(cy + radius) + 2):
            for x in range(int(cx - radius) - 1, int(cx + radius) + 2):
                d = math.dist((x + 0.5, y + 0.5), (cx, cy))
                if d <= radius and (filled or d >= radius - 1.0):
                    self.dot(x, y, layer)

    def cells(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for row in range(self.rows):
            line: list[Cell] = []
            for col in range(self.cols):
                bits, layer = 0, 0
                for dy in range(4):
                    for dx in range(2):
                        found = self.dots.get((col * 2 + dx, row * 4 + dy), 0)
                        if found:
                            bits |= _BITS[dy][dx]
                            layer = max(layer, found)
                line.append((chr(0x2800 + bits) if bits else " ", LAYERS[layer]))
            rows.append(line)
        return rows


def _box(fig: Figure) -> tuple[float, float, float]:
    """Left, top and right of everything drawn, with a small margin."""
    points = [p for ends in fig.parts.values() for p in ends]
    (hx, hy), r = fig.head
    points += [(hx - r, hy - r), (hx + r, hy + r)]
    tool = fig.tool
    if tool is not None and tool.shape == "circle":
        points += [(tool.center[0] - tool.r, tool.center[1]), (tool.center[0] + tool.r, 0.0)]
    elif tool is not None:
        points += [tool.start, tool.end]
    if fig.wall is not None:
        points.append((fig.wall + 2, fig.floor))
    if fig.seat is not None:
        points += [(fig.seat[0], fig.seat[2]), (fig.seat[1], fig.seat[2])]
    margin = 4.0
    xs, ys = [p[0] for p in points], [p[1] for p in points if p[1] > 0]
    return min(xs) - margin, min(ys) - margin, max(xs) + margin


def _distance(p: tuple[float, float], a: tuple[float, float], z: tuple[float, float]) -> float:
    ax, ay = z[0] - a[0], z[1] - a[1]
    size = ax * ax + ay * ay
    t = 0.0 if size == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / size))
    return math.dist(p, (a[0] + t * ax, a[1] + t * ay))


def braille_cells(fig: Figure, cols: int, rows: int) -> list[list[Cell]]:
    """The figure in `cols` x `rows` cells, kept in proportion and centred at the bottom."""
    canvas = _Canvas(max(cols, 1), max(rows, 1), fig)
    floor = LAYERS.index("floor")
    for x in range(0, canvas.w, 2):
        canvas.dot(x, min(int(canvas.at((0, fig.floor))[1]) + 1, canvas.h - 1), floor)
    if fig.wall is not None:
        wx = int(canvas.at((fig.wall, 0))[0]) + 1
        for y in range(0, int(canvas.at((0, fig.floor))[1]) + 1, 2):
            canvas.dot(wx, y, floor)
    if fig.seat is not None:
        left, right, top = fig.seat
        canvas.segment((left, top + 1), (right, top + 1), 2, floor)
        for post in (left + 2, right - 2):
            canvas.segment((post, top + 2), (post, fig.floor), 1, floor)
    far = "right" if fig.near == "left" else "left"
    body, far_layer = LAYERS.index("body"), LAYERS.index("far")
    for name, (a, z) in fig.parts.items():
        if name == fig.target:
            continue
        # The body drawn lean, so that the worked part, solid and thick, stands out in any font.
        width = fig.thickness(name) * (0.45 if name.startswith(far) else 0.6)
        canvas.segment(a, z, width, far_layer if name.startswith(far) else body)
    (hc, r) = fig.head
    canvas.circle(hc, r, body, filled=False)
    tool = fig.tool
    tool_layer = LAYERS.index("tool")
    if tool is not None and tool.shape == "circle":
        canvas.circle(tool.center, tool.r, tool_layer, filled=tool.kind != "hands")
    elif tool is not None:
        canvas.segment(tool.start, tool.end, 1.6, tool_layer)
    a, z = fig.parts[fig.target]
    canvas.segment(a, z, fig.thickness(fig.target) * 1.15, LAYERS.index("target"))
    return canvas.cells()


def braille_text(fig: Figure, cols: int, rows: int) -> str:
    """The figure as plain lines of braille, trailing blanks kept so the block stays square."""
    return "\n".join("".join(c for c, _ in row) for row in braille_cells(fig, cols, rows))

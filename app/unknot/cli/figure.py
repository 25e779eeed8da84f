"""`unknot figure MOVE_ID`: a catalog move's picture as SVG, braille text or its geometry."""

from __future__ import annotations

import argparse
import json
import re
import sys

from unknot.cli.options import CommandError

_SIZE = re.compile(r"^(\d{1,3})x(\d{1,3})$")
ANSI = {"target": "\x1b[1;32m", "tool": "\x1b[33m", "far": "\x1b[2m", "floor": "\x1b[2m"}


def text_size(text: str) -> tuple[int, int]:
    found = _SIZE.match(text.strip())
    if not found or not (4 <= int(found[1]) <= 400 and 2 <= int(found[2]) <= 200):
        raise CommandError(
            f"--text {text!r}: give COLSxROWS, 4 to 400 columns and 2 to 200 rows, e.g. 40x12",
            status=2,
        )
    return int(found[1]), int(found[2])


def coloured(rows: list[list[tuple[str, str]]], colour: bool) -> str:
    """Braille rows as text, the worked part and the tool in colour when `colour`."""
    lines = []
    for row in rows:
        text = ""
        for char, layer in row:
            start = ANSI.get(layer, "") if colour and char != " " else ""
            text += f"{start}{char}\x1b[0m" if start else char
        lines.append(text.rstrip())
    return "\n".join(lines)


def figure_command(args: argparse.Namespace) -> int:
    from unknot.core.braille import braille_cells
    from unknot.core.catalog import unknown
    from unknot.core.figure import figure
    from unknot.core.figure_svg import figure_svg
    from unknot.data.catalog_loader import load_catalog

    catalog = load_catalog()
    move = catalog.get(args.move)
    if move is None:
        raise CommandError(unknown("catalog move", args.move, catalog.ids))
    if move.pose is None:
        raise CommandError(f"the move {move.id!r} has no pose in the catalog, so no figure")
    side = (args.side or "left") if move.sides == "each" else None
    if args.side and move.sides != "each":
        print(
            f"unknot: {move.id} is done once, not a side at a time: --side ignored", file=sys.stderr
        )
    shape = figure(move.pose, move.tools[0], side, move.id)
    if args.json:
        print(json.dumps(shape.to_json(), indent=2))
    elif args.svg:
        where = f", {side} side" if side else ""
        print(figure_svg(shape, title=f"{move.name}{where}"))
    else:
        cols, rows = text_size(args.text)
        print(coloured(braille_cells(shape, cols, rows), sys.stdout.isatty()))
    return 0

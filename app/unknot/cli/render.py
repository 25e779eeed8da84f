"""How the command line prints routines and plans: one renderer, with the tool's label from the
core (`tool_label`), shared with every front end."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence

from unknot.core.durations import describe, format_clock
from unknot.core.plan import build_plan, plan_lines
from unknot.core.routine import Move, Routine
from unknot.core.words import plural, tool_label
from unknot.data.library import Entry


def print_plan(routine_id: str, routine: Routine, notes: Sequence[str], *, as_json: bool) -> None:
    plan = build_plan(routine)
    if as_json:
        data = {
            "routine": routine_id,
            "total_seconds": plan.total_seconds,
            "steps": [s.to_json() for s in plan.steps],
            "notes": list(notes),
        }
        print(json.dumps(data, indent=2))
        return
    print("\n".join(plan_lines(routine.name, plan, notes)))


def entry_json(entry: Entry) -> dict[str, object]:
    r = entry.routine
    return {
        "id": entry.id,
        "name": r.name,
        "purpose": r.purpose,
        "source": r.source,
        "moves": len(r.moves),
        "total_seconds": build_plan(r).total_seconds,
        "tools": r.tools,
        "bundled": entry.bundled,
        "path": str(entry.path),
    }


def _figure_lines(move: Move, width: int) -> list[str]:
    from unknot.cli import figure
    from unknot.core.braille import braille_cells
    from unknot.core.step_figure import move_figure

    shape = move_figure(move, "left" if move.sides == "each" else None)
    if shape is None:
        return []
    cols = max(20, min(width - 3, 48))
    text = figure.coloured(braille_cells(shape, cols, max(6, cols // 4)), colour=True)
    return [f"   {line}" for line in text.splitlines() if line.strip()]


def render_routine(routine_id: str, r: Routine, *, figures: bool = False) -> str:
    total = format_clock(build_plan(r).total_seconds)
    moves = plural(len(r.moves), "move")
    lines = [f"{r.name}  [{routine_id}]", f"{r.purpose} - {moves} - {total}", ""]
    lines += [r.summary.strip(), ""]
    if r.source:
        lines += [f"Source: {r.source}", ""]
    lines.append(
        f"Before each move: {describe(r.transition)} to get into position; "
        f"{describe(r.switch)} to switch sides."
    )
    for number, move in enumerate(r.moves, 1):
        sides = "each side" if move.sides == "each" else "once"
        area = f" ({move.area})" if move.area else ""
        hold = f"hot-spot hold {describe(move.hold)}" if move.hold else "no hot-spot hold"
        tool = f"{tool_label(move.tool)} - " if move.tool != "none" else ""
        lines += [
            "",
            f"{number}. {move.name}{area}",
            f"   {tool}{describe(move.duration)} {sides} - {hold}",
        ]
        if figures:
            lines += _figure_lines(move, shutil.get_terminal_size().columns)
        lines += [f"   {text}" for text in move.how.strip().splitlines() if text.strip()]
        lines += [f"   Caution: {c}" for c in move.cautions]
    return "\n".join(lines)

"""What the "Build a session" screen shows of a built session: its moves first, each with the
tool it uses, then why each area is there (from the body log), then what was dropped
for time, folded into one line."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from unknot.core.build import Built
from unknot.core.durations import format_clock
from unknot.core.plan import build_plan
from unknot.core.words import plural, tool_label

DROPPED = "dropped "  # how `unknot.core.fit` starts the note for each move it drops


def move_lines(built: Built) -> list[str]:
    """One line per move, in the order played: when it starts, what it is, the tool it uses and
    how long it lasts (a side, for a move done on each side)."""
    lines = []
    for s in build_plan(built.routine).steps:
        if s.kind != "work" or s.side == "right":
            continue
        length = format_clock(s.seconds) + (" a side" if s.side else "")
        lines.append(
            f"{format_clock(s.start):>5}  {s.move.name} · {tool_label(s.move.tool)} · {length}"
        )
    return lines


def dropped_line(notes: Sequence[str]) -> str | None:
    """Every move the fit dropped, in one line, or None when it dropped none."""
    names = [n.removeprefix(DROPPED).split(":")[0] for n in notes if n.startswith(DROPPED)]
    if not names:
        return None
    return f"Dropped for time ({plural(len(names), 'move')}; more minutes keep them): " + ", ".join(
        names
    )


def plan_preview(built: Built, notes: Sequence[str] = ()) -> Content:
    """The preview pane: the heading, the steps, the reasons and the drops, in that order.
    `notes` are the build's notes (the fit's, and the body log's reasons before them)."""
    plan = build_plan(built.routine)
    heading = (
        f"{built.routine.name}\n{plural(len(built.routine.moves), 'move')}, "
        f"{format_clock(plan.total_seconds)} (starts · move · tool · time)"
    )
    parts: list[str | tuple[str, str]] = [(heading, "bold"), "\n", "\n".join(move_lines(built))]
    reasons = [n for n in notes if not n.startswith(DROPPED)]
    if reasons:
        parts += ["\n\n", ("From the body log\n", "bold"), "\n".join(reasons)]
    dropped = dropped_line(notes)
    if dropped:
        parts += ["\n\n", (dropped, "dim")]
    return Content.assemble(*parts)

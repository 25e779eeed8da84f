"""History as text: the table `unknot history` prints, and the weekly figures the TUI shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.durations import format_clock
from app.history import SessionRow


def _local(row: SessionRow) -> str:
    return row.started.astimezone().strftime("%a %d %b %Y %H:%M")


def moves_text(row: SessionRow) -> str:
    """'3/5' or '3/5, 1 skipped'."""
    skipped = f", {row.moves_skipped} skipped" if row.moves_skipped else ""
    return f"{row.moves_done}/{row.moves_total}{skipped}"


def history_table(rows: list[SessionRow]) -> str:
    lines = [f"{'when':<22}{'routine':<34}{'status':<13}{'time':>8}  {'moves':<14}holds"]
    for r in rows:
        moves = moves_text(r)
        lines.append(
            f"{_local(r):<22}{r.routine_name[:33]:<34}{r.status:<13}"
            f"{format_clock(r.active_seconds):>8}  {moves:<14}{r.holds}"
        )
    return "\n".join(lines)


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 of the week holding `moment`, in its own time zone."""
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekFigures:
    this_week: int
    goal: int
    streak: int


def week_figures(rows: list[SessionRow], goal: int, now: datetime) -> WeekFigures:
    """Completed sessions this week against the goal, and weeks in a row that met it."""
    counts: dict[datetime, int] = {}
    for r in rows:
        if r.status == "completed":
            week = week_start(r.started.astimezone(now.tzinfo))
            counts[week] = counts.get(week, 0) + 1
    current = week_start(now)
    this_week = counts.get(current, 0)
    # The current week counts towards the streak once it has met the goal; until then the
    # streak runs up to last week.
    week = current if this_week >= goal else current - timedelta(weeks=1)
    streak = 0
    while counts.get(week, 0) >= goal:
        streak += 1
        week -= timedelta(weeks=1)
    return WeekFigures(this_week, goal, streak)


def bar_chart(seconds_by_area: dict[str, float], width: int = 30) -> list[str]:
    """Minutes per area as horizontal bars, longest first."""
    if not seconds_by_area:
        return ["No work recorded in the last four weeks."]
    ordered = sorted(seconds_by_area.items(), key=lambda kv: (-kv[1], kv[0]))
    most = ordered[0][1] or 1.0
    label = min(24, max(len(area) for area, _ in ordered))
    lines = []
    for area, seconds in ordered:
        cells = seconds / most * width
        bar = "█" * int(cells) + ("▌" if cells - int(cells) >= 0.5 else "")
        lines.append(f"{area[:label]:<{label}} {bar or '▏'} {seconds / 60:.0f} min")
    return lines

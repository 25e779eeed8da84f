"""History as text: the table `unknot history` prints, and the weekly figures the TUI shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from unknot.core.durations import format_clock
from unknot.history.rows import SessionRow


def _local(row: SessionRow) -> str:
    return row.started.astimezone().strftime("%Y-%m-%d %H:%M")


def moves_text(row: SessionRow) -> str:
    """'3/5' or '3/5, 1 skipped'."""
    skipped = f", {row.moves_skipped} skipped" if row.moves_skipped else ""
    return f"{row.moves_done}/{row.moves_total}{skipped}"


def history_table(rows: list[SessionRow], width: int = 80) -> str:
    """The sessions as a table fitting `width` columns: the routine's name wraps at word
    boundaries, every other column keeps to one line."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, pad_edge=False, show_edge=False
    )
    table.add_column("when", no_wrap=True)
    table.add_column("routine", overflow="fold", ratio=1, min_width=12)
    table.add_column("status", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("moves", no_wrap=True)
    table.add_column("holds", justify="right", no_wrap=True)
    for r in rows:
        # Text, not str: a routine named "[bold]" is shown as written, never as markup.
        table.add_row(
            Text(_local(r)),
            Text(r.routine_name),
            Text(r.status),
            Text(format_clock(r.active_seconds)),
            Text(moves_text(r)),
            Text(str(r.holds)),
        )
    console = Console(
        width=width, color_system=None, highlight=False, emoji=False, force_terminal=False
    )
    with console.capture() as captured:
        console.print(table)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 of the week holding `moment`, in its own time zone."""
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekFigures:
    this_week: int
    goal: int
    streak: int

    def goal_line(self) -> str:
        """'1 of 2 sessions, 1 to go' or '2 of 2 sessions: goal met'."""
        done = f"{self.this_week} of {self.goal} {'session' if self.goal == 1 else 'sessions'}"
        left = self.goal - self.this_week
        return f"{done}: goal met" if left <= 0 else f"{done}, {left} to go"


def week_figures(rows: list[SessionRow], goal: int, now: datetime) -> WeekFigures:
    """Completed sessions this week against the goal, and weeks in a row that met it. A session
    counts once it did at least one move: one whose every move was skipped is no session."""
    counts: dict[datetime, int] = {}
    for r in rows:
        if r.status == "completed" and r.moves_done >= 1:
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
        # Under a minute reads in seconds: a bar beside "0 min" would say nothing was done.
        amount = f"{seconds / 60:.0f} min" if seconds >= 59.5 else f"{seconds:.0f} s"
        lines.append(f"{area[:label]:<{label}} {bar or '▏'} {amount}")
    return lines

"""Plain mode's lines: one readable line for each event of a session, with its time stamp."""

from __future__ import annotations

from unknot.core.durations import format_clock
from unknot.core.events import (
    Countdown,
    Event,
    Halfway,
    HoldEnded,
    HoldStarted,
    Paused,
    Rated,
    Resumed,
    SessionFinished,
    SessionStarted,
    Skipped,
    StepStarted,
    TimeChanged,
)
from unknot.core.result import SessionResult
from unknot.core.words import plural, tool_label


def stamp(seconds: float) -> str:
    """Session time as 00:03, or 1:02:03 past the hour."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe(event: Event) -> str:
    """One readable line for an event (without the time stamp)."""
    step = event.step
    match event:
        case SessionStarted():
            return f"Starting {event.name or event.routine}: {plural(event.steps, 'step')}"
        case StepStarted():
            length = format_clock(event.remaining if event.remaining is not None else step.seconds)
            tool = "" if step.move.tool == "none" else f" - {tool_label(step.move.tool)}"
            prefix = "Resuming: " if event.resumed else ""
            if step.kind == "transition":
                return f"{prefix}Get ready: {step.move.name} - {length}{tool}"
            if step.kind == "switch":
                return f"{prefix}Switch sides - {length}"
            return f"{prefix}{step.label()} - {length}{tool}"
        case Countdown():
            return str(event.n)
        case Halfway():
            return "Halfway"
        case HoldStarted():
            return f"Hold on the hot spot - {format_clock(event.seconds)}"
        case HoldEnded():
            return "Release"
        case Paused():
            return f"Paused - {format_clock(event.remaining)} left in this step"
        case Resumed():
            return "Resumed"
        case Skipped():
            return "Skipped"
        case TimeChanged():
            sign = "+" if event.delta >= 0 else "-"
            line = f"{sign}{abs(event.delta):.0f} s - {format_clock(event.remaining)} left"
            if event.capped and event.limit is not None:
                line += f" (at most {format_clock(event.limit)} can be added to a step)"
            return line
        case Rated():
            side = f", {event.side} side" if event.side else ""
            return f"Rated {step.move.name}{side}: {event.score} of 10 ({event.when})"
        case SessionFinished():
            return _finished_line(event.result)
    return event.kind


def _finished_line(result: SessionResult) -> str:
    status = "Session complete" if result.status == "completed" else "Session ended"
    return (
        f"{status}: {result.moves_done} of {plural(result.moves_total, 'move')} done, "
        f"{result.moves_skipped} skipped, {plural(result.holds, 'hold')}, "
        f"{format_clock(result.elapsed_seconds)} "
        f"(planned {format_clock(result.planned_seconds)})"
    )

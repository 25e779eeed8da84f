"""Durations as routine files write them: whole seconds, or text such as "90s", "2m", "1m30s"."""

from __future__ import annotations

import re

_TEXT = re.compile(r"^\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$")

FORMS = 'whole seconds (90 or "90") or text like "90s", "2m", "1m30s"'


def parse_duration(value: object) -> int:
    """Return the number of seconds `value` stands for, or raise ValueError saying why not."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration; use {FORMS}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"{value!r} is not a whole number of seconds; use {FORMS}")
    if isinstance(value, str):
        if value.strip().isdigit():  # "0" and "90" mean what 0 and 90 do
            return int(value.strip())
        match = _TEXT.match(value)
        if match and (match.group(1) or match.group(2)):
            minutes = int(match.group(1) or 0)
            seconds = int(match.group(2) or 0)
            return minutes * 60 + seconds
        raise ValueError(f"{value!r} is not a duration; use {FORMS}")
    raise ValueError(f"{value!r} is not a duration; use {FORMS}")


def check_range(seconds: int, *, low: int, high: int) -> int:
    if not low <= seconds <= high:
        raise ValueError(
            f"{describe(seconds) if seconds >= 0 else seconds} is out of range; "
            f"allowed: {describe(low)} to {describe(high)}"
        )
    return seconds


def describe(seconds: int) -> str:
    """A human length: "25 s", "2 min", "1 min 30 s"."""
    minutes, secs = divmod(int(seconds), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def format_clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss), rounded down to the whole second."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"

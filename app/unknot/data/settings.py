"""User settings from settings.toml in the user data folder (optional; defaults otherwise)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from unknot.data import paths

DEFAULT_WEEKLY_GOAL = 2  # sessions a week: the articles' maintenance advice is once or twice
_KEYS = ("weekly_goal", "desktop", "notifications", "rate_prompts")


@dataclass(frozen=True)
class Settings:
    """The user's settings, and a problem with the file, if there was one, to tell once."""

    weekly_goal: int = DEFAULT_WEEKLY_GOAL
    # On the desktop's session bus: media keys, the screen kept on, notifications (all three).
    desktop: bool = True
    # The desktop notification when a session ends (with `desktop` on).
    notifications: bool = True
    # The session screen's line asking how tender each side is (rating by key works without).
    rate_prompts: bool = True
    problem: str = ""


def load_settings(path: Path | None = None) -> Settings:
    file = path if path is not None else paths.user_data() / "settings.toml"
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return Settings(problem=f"{file}: is not a regular file; using the defaults")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(problem=f"{file}: cannot be read ({exc}); using the defaults")
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(problem=f"{file}: cannot be read ({exc}); using the defaults")
    goal = data.get("weekly_goal", DEFAULT_WEEKLY_GOAL)
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        return Settings(
            problem=f"{file}: unknown key {unknown[0]!r} (allowed: {', '.join(_KEYS)});"
            " using the defaults"
        )
    for key in ("desktop", "notifications", "rate_prompts"):
        if not isinstance(data.get(key, True), bool):
            return Settings(
                problem=f"{file}: {key}: {data[key]!r} is not true or false; using the defaults"
            )
    if not isinstance(goal, int) or isinstance(goal, bool) or not 1 <= goal <= 14:
        return Settings(
            problem=f"{file}: weekly_goal: {goal!r} is not a whole number from 1 to 14;"
            f" using the default, {DEFAULT_WEEKLY_GOAL}"
        )
    return Settings(
        weekly_goal=goal,
        desktop=data.get("desktop", True),
        notifications=data.get("notifications", True),
        rate_prompts=data.get("rate_prompts", True),
    )

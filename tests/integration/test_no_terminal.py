"""`unknot run` where nobody watches a screen: a pipe, a file, a cron job."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def test_run_into_a_pipe_runs_plain_and_ends(unknot_home: Path, two: Path) -> None:
    result = run_cli(unknot_home, "run", str(two), "--mute")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("00:02  Session complete")
    assert result.stderr.splitlines() == [
        "unknot: standard output is not a terminal, so this session runs in plain mode"
    ]


def test_settings_problems_are_told_once_in_plain_mode(unknot_home: Path, two: Path) -> None:
    settings = unknot_home / "settings.toml"
    settings.write_text("weekly_goal = 99\n")
    result = run_cli(unknot_home, "run", str(two), "--plain", "--mute")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"Settings: {settings}: weekly_goal: 99 is not a whole number from 1 to 14;"
        " using the default, 2"
    ]
    settings.write_text("weekly_goals = 3\n")
    result = run_cli(unknot_home, "run", str(two), "--plain", "--mute")
    assert result.stderr.splitlines() == [
        f"Settings: {settings}: unknown key 'weekly_goals' (allowed: weekly_goal, desktop,"
        " notifications, rate_prompts); using the defaults"
    ]
    assert result.stdout.splitlines()[-1].startswith("00:02  Session complete")


def test_a_settings_fifo_is_not_waited_on(unknot_home: Path, two: Path) -> None:
    import os

    settings = unknot_home / "settings.toml"
    os.mkfifo(settings)
    result = run_cli(unknot_home, "run", str(two), "--plain", "--mute")
    assert result.stderr.splitlines() == [
        f"Settings: {settings}: is not a regular file; using the defaults"
    ]

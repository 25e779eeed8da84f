"""A user data folder that is read-only, or on a full disk: a clear message, and the session runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import cli_env, unknot_cmd

pytestmark = pytest.mark.slow  # real subprocesses on the real clock


def run(home: Path, routine: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        unknot_cmd("run", str(routine), "--plain", "--jsonl", "--mute"),
        env=cli_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def check_ran_without_history(result: subprocess.CompletedProcess[str], home: Path) -> None:
    assert result.returncode == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[-1]["event"] == "session_finished"
    assert events[-1]["status"] == "completed"
    lines = [line for line in result.stderr.splitlines() if "History" in line]
    assert len(lines) == 1, result.stderr  # said once
    assert "history is off" in lines[0] and str(home) in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "ro"
    home.mkdir()
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    # chattr +i makes the folder read-only even for root, who ignores permission bits.
    if subprocess.run(["chattr", "+i", str(home)], capture_output=True).returncode != 0:
        pytest.skip("this filesystem does not support the immutable attribute")
    yield home
    subprocess.run(["chattr", "-i", str(home)], check=True)


def test_read_only_user_folder(read_only_home: Path, twelve: Path) -> None:
    check_ran_without_history(run(read_only_home, twelve), read_only_home)


@pytest.fixture
def full_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "full"
    home.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(home)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        fd = os.open(home / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 1024):
                pass
        except OSError:
            pass  # the disk is full
        finally:
            os.close(fd)
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)


def test_full_disk(full_home: Path, twelve: Path) -> None:
    check_ran_without_history(run(full_home, twelve), full_home)

"""A user data folder that is read-only, or on a full disk: a clear message, and the session runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import history_json, plain_run, run_cli

pytestmark = pytest.mark.slow  # real subprocesses on the real clock


def run(home: Path, routine: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(home, "run", str(routine), "--plain", "--jsonl", "--mute")


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


def test_read_only_user_folder(read_only_home: Path, two: Path) -> None:
    check_ran_without_history(run(read_only_home, two), read_only_home)


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


def test_full_disk(full_home: Path, two: Path) -> None:
    check_ran_without_history(run(full_home, two), full_home)


FIVE = 'name = "Five"\nsummary = "s"\ntransition = "1s"\n[[moves]]\nname = "A"\nduration = 4\n'


def run_and_meddle(home: Path, routine: Path, meddle: Callable[[], None]) -> tuple[int, str, str]:
    """A session whose folder is tampered with once its work step has started."""
    proc = plain_run(home, routine, "--mute")
    assert proc.stdout is not None
    out: list[str] = []
    for line in proc.stdout:
        out.append(line)
        event = json.loads(line)
        if event["event"] == "step_started" and event["index"] == 1:
            meddle()
            break
    rest, err = proc.communicate(timeout=30)
    return proc.returncode, "".join(out) + rest, err


def test_folder_turned_immutable_mid_session(tmp_path: Path) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    home = tmp_path / "frozen"
    home.mkdir()
    routine = tmp_path / "five.toml"
    routine.write_text(FIVE)

    def freeze() -> None:
        frozen = subprocess.run(["chattr", "-R", "+i", str(home)], capture_output=True)
        if frozen.returncode != 0:
            pytest.skip("this filesystem does not support the immutable attribute")

    try:
        status, out, err = run_and_meddle(home, routine, freeze)
    finally:
        subprocess.run(["chattr", "-R", "-i", str(home)], check=False)
    assert status == 0, err  # was 135: SIGBUS from a write to the memory-mapped WAL index
    assert json.loads(out.splitlines()[-1])["status"] == "completed"
    off = [line for line in err.splitlines() if "history is off" in line]
    assert len(off) == 1 and str(home) in off[0]
    assert "the end of this session could not be saved" in err
    assert "Traceback" not in err and "Bus error" not in err


def test_disk_full_at_the_end_is_set_right_when_space_returns(tmp_path: Path, twelve: Path) -> None:
    home = tmp_path / "small"
    home.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(home)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    routine = tmp_path / "five.toml"
    routine.write_text(FIVE)
    filler = home / "filler"

    def fill() -> None:
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass  # the disk is full
        finally:
            os.close(fd)

    try:
        status, out, err = run_and_meddle(home, routine, fill)
        assert status == 0, err
        assert json.loads(out.splitlines()[-1])["status"] == "completed"
        said = [line for line in err.splitlines() if "could not be saved" in line]
        assert len(said) == 1 and "set right" in said[0], err
        filler.unlink()  # space comes back
        [row] = history_json(home)
        assert row["status"] == "completed"
        assert row["moves_done"] == 1
        assert not list((home / "running").iterdir())
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)


def test_history_linked_to_a_device_is_refused(tmp_path: Path, two: Path) -> None:
    home = tmp_path / "linked"
    home.mkdir()
    (home / "history.sqlite3").symlink_to("/dev/null")
    before = set(Path("/dev").iterdir())
    result = run(home, two)
    assert result.returncode == 0
    assert json.loads(result.stdout.splitlines()[-1])["status"] == "completed"
    lines = [line for line in result.stderr.splitlines() if "History" in line]
    assert lines == [
        f"History: history is off: {home / 'history.sqlite3'} is a symlink to /dev/null, "
        "a character device, not a regular file; remove it (a new history is started) "
        "or point it at a history file"
    ]
    assert set(Path("/dev").iterdir()) == before  # no /dev/null-journal or -wal
    assert sorted(p.name for p in home.iterdir()) == ["cache", "history.sqlite3"]

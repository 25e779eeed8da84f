"""Things in the routines folder that are not regular files: skipped with one line, never read."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TWO_SECONDS
from tests.helpers import run_cli
from unknot.data import library
from unknot.data.library import scan


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> Iterator[None]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.listen()
    try:
        yield
    finally:
        sock.close()


KINDS = ["named pipe (FIFO)", "socket", "folder", "character device"]


@pytest.fixture(params=KINDS)
def odd(request: pytest.FixtureRequest, unknot_home: Path) -> Iterator[tuple[Path, str]]:
    folder = unknot_home / "routines"
    folder.mkdir()
    (folder / "good.toml").write_text(TWO_SECONDS)
    path = folder / "x.toml"
    kind: str = request.param
    if kind == "named pipe (FIFO)":
        _fifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "character device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
        except OSError as exc:
            pytest.skip(f"cannot make a device node here: {exc}")
    if kind == "socket":
        yield from ((path, kind) for _ in _socket(path))
    else:
        yield path, kind


def skip_lines(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if str(path) in line]


def test_list_skips_it(unknot_home: Path, odd: tuple[Path, str]) -> None:
    path, kind = odd
    result = run_cli(unknot_home, "list")
    assert result.returncode == 0
    assert "Two seconds" in result.stdout
    assert skip_lines(result.stderr, path) == [
        f"skipped: {path}: is a {kind}, not a regular file; only regular files are read as routines"
    ]


def test_validate_names_it(unknot_home: Path, odd: tuple[Path, str]) -> None:
    path, kind = odd
    result = run_cli(unknot_home, "validate", str(path.parent))
    assert result.returncode == 1
    assert f"{path.parent / 'good.toml'}: ok" in result.stdout
    lines = skip_lines(result.stderr, path)
    assert len(lines) == 1 and f"is a {kind}, not a regular file" in lines[0]
    if kind != "folder":  # a folder given by name is checked as a folder of routines
        direct = run_cli(unknot_home, "validate", str(path))
        assert direct.returncode == 1
        assert f"is a {kind}, not a regular file" in direct.stderr


def test_run_returns(unknot_home: Path, odd: tuple[Path, str]) -> None:
    path, kind = odd
    by_id = run_cli(unknot_home, "run", "x", "--plain", "--mute")
    assert by_id.returncode == 1
    assert f"is a {kind}, not a regular file" in by_id.stderr
    by_path = run_cli(unknot_home, "run", str(path), "--plain", "--mute")
    assert by_path.returncode == 1
    assert by_path.stderr.count("\n") == 1 and "Traceback" not in by_path.stderr
    good = run_cli(unknot_home, "run", "good", "--plain", "--mute")
    assert good.returncode == 0, good.stderr


def test_the_picker_scan_skips_a_fifo(unknot_home: Path) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    os.mkfifo(folder / "x.toml")
    found = scan()
    assert [b.file for b in found.broken] == [str(folder / "x.toml")]
    assert "named pipe" in found.broken[0].problems[0].message


def test_a_file_swapped_for_a_fifo_after_the_check_is_not_waited_on(
    unknot_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    path = folder / "x.toml"
    os.mkfifo(path)
    regular = os.stat(folder / ".." / "routines").st_mode & ~stat.S_IFMT(0o170000)
    real_stat = os.stat

    def looks_regular(target: str | Path, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_stat(target, *args, **kwargs)
        if str(target) == str(path):
            fields = list(result)
            fields[0] = stat.S_IFREG | (regular & 0o777)
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(os, "stat", looks_regular)
    found = scan()
    assert "named pipe" in found.broken[0].problems[0].message


def test_a_file_gone_between_listing_and_reading(
    unknot_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = unknot_home / "routines"
    folder.mkdir()
    gone = folder / "gone.toml"
    monkeypatch.setattr(library, "routine_files", lambda _folder: [gone])
    found = scan([(folder, False)])
    assert found.broken[0].lines() == [
        f"{gone}: no longer exists (it was removed or renamed while being read)"
    ]
    good, bad = library.validate([folder])
    assert not good
    assert bad[0].lines() == found.broken[0].lines()

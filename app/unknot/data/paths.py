"""Where unknot keeps things: bundled data beside the code, user files under UNKNOT_HOME or the
platform's user folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "unknot"
_PACKAGE = Path(__file__).resolve().parents[1]  # app/unknot/, the package


def _data_dir(name: str) -> Path:
    # An installed wheel carries the folders inside the package; a checkout has them at the top.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parents[1] / name


def bundled_routines() -> Path:
    return _data_dir("routines")


def bundled_catalog() -> Path:
    return bundled_routines() / "moves" / "catalog.toml"


def sounds_dir() -> Path:
    return _data_dir("sounds")


def home() -> Path | None:
    value = os.environ.get("UNKNOT_HOME")
    return Path(value).expanduser() if value else None


def home_problem() -> str | None:
    """Why UNKNOT_HOME cannot be used as the user folder, or None when it can (or is not set)."""
    base = home()
    if base is None:
        return None
    try:
        if base.exists() and not base.is_dir():
            return (
                f"UNKNOT_HOME is {base}, which is a file, not a folder; "
                "point it at a folder (it is created when missing)"
            )
        for parent in base.parents:
            if parent.exists():
                if not parent.is_dir():
                    return (
                        f"UNKNOT_HOME is {base}, but {parent} is a file, not a folder; "
                        "point it at a folder (it is created when missing)"
                    )
                break
    except OSError as exc:
        return f"UNKNOT_HOME is {base}, which cannot be used: {exc.strerror or exc}"
    return None


def user_data() -> Path:
    base = home()
    return base if base is not None else Path(platformdirs.user_data_dir(APP_NAME))


def user_cache() -> Path:
    base = home()
    return base / "cache" if base is not None else Path(platformdirs.user_cache_dir(APP_NAME))


def user_routines() -> Path:
    return user_data() / "routines"


def history_db() -> Path:
    return user_data() / "history.sqlite3"


def file_kind(mode: int) -> str:
    """What a file of this mode is, in words: "a folder", "a named pipe (FIFO)", ..."""
    kinds = (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def not_a_file(path: Path) -> str | None:
    """Why `path` is no regular file to read and write (a folder, a device, a dangling link ...),
    or None when it is one or does not exist yet."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return None
    target = ""
    if stat.S_ISLNK(link.st_mode):
        target = f"a symlink to {os.readlink(path)}, "
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return f"{path} is {target}which does not exist"
    else:
        mode = link.st_mode
    if stat.S_ISREG(mode):
        return None
    return f"{path} is {target}{file_kind(mode)}, not a regular file"

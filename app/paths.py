"""Where unknot keeps things: bundled data beside the code, user files under UNKNOT_HOME or the
platform's user folders."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "unknot"
_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # An installed wheel carries the folders inside the package; a checkout has them at the top.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_routines() -> Path:
    return _data_dir("routines")


def sounds_dir() -> Path:
    return _data_dir("sounds")


def home() -> Path | None:
    value = os.environ.get("UNKNOT_HOME")
    return Path(value).expanduser() if value else None


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

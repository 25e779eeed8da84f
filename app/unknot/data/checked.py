"""Routines already checked, kept in the cache folder so an unchanged file is not checked again.

Checking a routine file needs Pydantic, and loading Pydantic and the file models is most of
what unknot does before its first frame. A file that checked out once is stored here as its
`Routine` in JSON, under the SHA-256 of its bytes together with the code that checks it (so
a new unknot, or a change to the file format, never trusts an old result). Anything wrong with
a stored entry (unreadable, damaged, stale) just means the file is checked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from unknot import __version__
from unknot.core.routine import Routine
from unknot.data import paths

# The modules whose code decides what a file means: a change to any of them is a new key.
# The catalog file is part of the key too: routines that name its moves take their text from it.
_CHECKERS = (
    "routine_file.py",
    "routine.py",
    "durations.py",
    "catalog.py",
    "catalog_file.py",
    "pose.py",
    "body.py",
    "postures.py",
    "figure.py",
)


def _checker_digest() -> bytes:
    here = Path(__file__).resolve().parents[1] / "core"
    digest = hashlib.sha256(__version__.encode())
    for name in _CHECKERS:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    with contextlib.suppress(OSError):
        digest.update(paths.bundled_catalog().read_bytes())
    return digest.digest()


_CHECKER = _checker_digest()


def key(raw: bytes) -> str:
    return hashlib.sha256(_CHECKER + raw).hexdigest()


def _path(raw_key: str) -> Path:
    return paths.user_cache() / "checked" / f"{raw_key}.json"


def load(raw: bytes) -> Routine | None:
    """The routine these bytes checked out as before, or None."""
    try:
        data = json.loads(_path(key(raw)).read_bytes())
        return Routine.from_json(data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save(raw: bytes, routine: Routine) -> None:
    """Remember a routine that checked out; a cache that cannot be written is no problem."""
    path = _path(key(raw))
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(routine.to_json()))
        os.replace(temporary, path)  # whole or not at all, even with two unknots at once
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()

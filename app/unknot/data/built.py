"""Fitted and built sessions as entries the player runs, and built sessions saved as files."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from pathlib import Path

from unknot.core.build import Built
from unknot.core.fit import fit
from unknot.data import paths
from unknot.data.library import Entry

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_MOVE_MAX = 60 * 60  # a routine file's longest move


class SaveError(Exception):
    """A built session that cannot be saved, in one line; `exists` when the file is there."""

    def __init__(self, line: str, *, exists: bool = False) -> None:
        super().__init__(line)
        self.exists = exists


def fit_entry(entry: Entry, seconds: int) -> tuple[Entry, tuple[str, ...]]:
    """`entry` fitted to `seconds` (TooShort when it cannot be), and the notes on what was dropped.

    A fitted session is a timeline of its own, so its digest differs: it resumes only into the
    same fit.
    """
    fitted = fit(entry.routine, seconds)
    digest = hashlib.sha256(f"{entry.digest}:{seconds}".encode()).hexdigest()
    fitted_entry = replace(entry, routine=fitted.routine, digest=digest, fit_seconds=seconds)
    return fitted_entry, fitted.notes


def built_entry(built: Built, routine_id: str = "built") -> Entry:
    text = routine_toml(built)
    return Entry(
        id=routine_id,
        path=paths.user_routines() / f"{routine_id}.toml",
        routine=built.routine,
        bundled=False,
        digest=hashlib.sha256(text.encode()).hexdigest(),
    )


def save_built(built: Built, routine_id: str, *, force: bool) -> Path:
    """Write the built session as a routine file of the user's; SaveError when it cannot be."""
    if not _ID.match(routine_id):
        raise SaveError(
            f"{routine_id!r} is not a routine id; use lower-case letters, digits, '-' and '_', "
            f"starting with a letter or digit (at most 80)"
        )
    too_long = [m.name for m in built.routine.moves if m.duration > _MOVE_MAX]
    if too_long:
        raise SaveError(
            f"{too_long[0]} would last over 60 min a side, longer than a routine file allows; "
            f"name more areas or fewer minutes"
        )
    path = paths.user_routines() / f"{routine_id}.toml"
    if path.exists() and not force:
        raise SaveError(f"{path} already exists", exists=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(routine_toml(built), encoding="utf-8")
    os.replace(temporary, path)
    return path


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is a JSON string


def routine_toml(built: Built) -> str:
    r = built.routine
    lines = [
        f"name = {_q(r.name)}",
        f"summary = {_q(r.summary)}",
        f"purpose = {_q(r.purpose)}",
        f'transition = "{r.transition}s"',
        f'switch = "{r.switch}s"',
    ]
    for move, (source, tool) in zip(r.moves, built.picks, strict=True):
        lines += ["", "[[moves]]", f"move = {_q(source.id)}", f"tool = {_q(tool)}"]
        lines.append(f'duration = "{move.duration}s"')
        lines.append(f'min_seconds = "{move.minimum}s"')
        if move.hold != source.hold:
            lines.append(f'hold = "{move.hold}s"')
        lines.append(f"priority = {move.priority}")
    return "\n".join(lines) + "\n"

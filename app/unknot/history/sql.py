"""The SQL that writes history, and how a write is wrapped and its failure named."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

INSERT_STEP = "INSERT OR REPLACE INTO steps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
FINISH = (
    "UPDATE sessions SET status = ?, ended_at = ?, elapsed_seconds = ?,"
    " paused_seconds = ?, step_remaining = NULL WHERE id = ?"
)


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # some errors (a full disk) have rolled back already
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__

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


def save_final(
    db: sqlite3.Connection, session_id: int, record: dict[str, object], running: str
) -> bool:
    """Write the end of a session that a lock kept aside (its last write had failed): its
    steps and its final row, if the session is still stored as `running`. False if it cannot."""
    try:
        listed = record.get("steps", [])
        rows = listed if isinstance(listed, list) else []
        steps = [tuple(step) for step in rows if isinstance(step, list)]
        with transaction(db):
            for step in steps:
                if len(step) == 13 and step[0] == session_id:
                    db.execute(INSERT_STEP, step)
            db.execute(
                FINISH + " AND status = ?",
                (
                    record["status"],
                    record["ended_at"],
                    record["elapsed_seconds"],
                    record["paused_seconds"],
                    session_id,
                    running,
                ),
            )
    except (sqlite3.Error, KeyError, TypeError):
        return False
    return True

"""Session history in SQLite: every session, every step's outcome, and a checkpoint to resume from.

One connection, short transactions, a rollback journal and no memory-mapped I/O: SQLite's WAL mode
maps its `-shm` index into memory, and a write to that map once the folder turns immutable or the
disk fills kills the process with SIGBUS. With plain reads and writes every failure is an error
SQLite returns. A database that cannot be opened is renamed aside (never deleted or rewritten) and
a new one started. If the user folder cannot be written at all, history is switched off and the
session still runs; either way the user is told once.

Whether a session marked running is still running is told by its lock (see unknot.history.lock).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from unknot.core.result import StepOutcome
from unknot.data.paths import not_a_file
from unknot.history.lock import SessionLock, is_held, lock_folder, lock_path, stale
from unknot.history.rows import LIST_SESSIONS, ROW_FIELDS, SessionRow
from unknot.history.schema import MIGRATIONS, SCHEMA_VERSION
from unknot.history.sql import FINISH, INSERT_STEP, reason, save_final, transaction

RUNNING = "running"
Notify = Callable[[str], None]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _has_locks(db: Path) -> bool:
    try:
        return any(name.endswith(".lock") for name in os.listdir(lock_folder(db)))
    except OSError:
        return False


class _Refused(Exception):
    """The history path is something history must not be written to."""


class History:
    """The history file (SQLite): it owns the connection, the schema and its migrations, the
    sessions and their steps, and each running session's lock. It never raises into a session:
    a file that cannot be read is set aside and a new one started, a write that fails turns
    history off for the rest of the run, and each is told once through `notify`."""

    def __init__(
        self, path: Path, notify: Notify | None = None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self._notify = notify
        self._told = False
        self._last_ok = False
        self.db: sqlite3.Connection | None = None
        self.set_aside: Path | None = None
        self.message: str | None = None
        # Set when a session's last write failed: the front end says so on its summary.
        self.final_write_failed = False
        self.final_message: str | None = None
        self._last_error = ""
        self._locks: dict[int, SessionLock] = {}
        self._steps: dict[int, dict[int, tuple[object, ...]]] = {}
        if read_only:
            # Reading (`unknot history`) creates nothing: no folder, no file, no journal.
            if not self.path.exists():
                return  # no history yet: nothing to list, nothing to say
            # Lock files left behind (a session's end kept aside on a full disk, or a killed
            # session's) are set right first, which writes; otherwise reading writes nothing.
            self.db = None if _has_locks(self.path) else self._open_to_read()
            if self.db is not None:
                return
        try:
            self.db = self._open()
        except _Refused as exc:
            self._off(f"history is off: {exc}")
        except (sqlite3.Error, OSError) as exc:
            self._off(
                f"history is off: cannot write {self.path} ({reason(exc)}); "
                "this session will not be saved"
            )
        if self.db is not None:
            self._recover()

    # ----- opening -----

    def _open(self) -> sqlite3.Connection:
        self._check_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not self._damaged(exc):
                raise
            self._move_aside(str(exc))
            return self._connect()

    def _open_to_read(self) -> sqlite3.Connection | None:
        """The history opened read-only, or None for one that must be set aside or brought
        up to this unknot's schema first (opened as usual, then)."""
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            return None
        if version != SCHEMA_VERSION:
            db.close()
            return None
        db.row_factory = sqlite3.Row
        return db

    def _check_path(self) -> None:
        """Refuse a path that is not a regular file (or a link to one): SQLite would write its
        journal beside the target, /dev/null-journal for a link to /dev/null."""
        why = not_a_file(self.path)
        if why is not None:
            raise _Refused(
                f"{why}; remove it (a new history is started) or point it at a history file"
            )

    @staticmethod
    def _damaged(exc: sqlite3.Error) -> bool:
        text = str(exc).lower()
        return "not a database" in text or "malformed" in text or "newer" in text

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
        try:
            # Look before writing anything: a file that is set aside must keep every byte.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema {version} is newer than this unknot knows")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            # No memory-mapped I/O at all: not for the database, and no WAL index (-shm).
            db.execute("PRAGMA mmap_size=0")
            # A history from an older unknot is in WAL mode: this turns it back, once no other
            # process has it open (until then it stays WAL, which still works).
            with suppress(sqlite3.OperationalError):
                db.execute("PRAGMA journal_mode=TRUNCATE")
            db.execute("PRAGMA synchronous=NORMAL")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                with transaction(db):  # all of a migration, or none of it
                    for statement in MIGRATIONS[target].split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version = {target}")
        except BaseException:
            db.close()
            raise
        db.row_factory = sqlite3.Row
        return db

    def _move_aside(self, why: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                os.replace(extra, target.with_name(target.name + suffix))
        self.set_aside = target
        self._tell(f"history could not be read ({why}); kept it as {target} and started a new one")

    # ----- telling -----

    def _tell(self, message: str) -> None:
        self.message = message
        if self._notify is not None:
            self._notify(f"History: {message}")

    def _off(self, message: str) -> None:
        if self.db is not None:
            with suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if not self._told:
            self._told = True
            self._tell(message)

    def turn_off(self, why: str) -> None:
        """Switch history off after a failed read or write, saying why once."""
        self._off(f"history is off: {why}")

    @property
    def enabled(self) -> bool:
        return self.db is not None

    def _write(self, sql: str, params: tuple[object, ...] = ()) -> int | None:
        self._last_ok = False
        if self.db is None:
            return None
        try:
            with transaction(self.db):
                rowid = self.db.execute(sql, params).lastrowid
            self._last_ok = True
            return rowid
        except sqlite3.Error as exc:
            self._last_error = reason(exc)
            self._off(
                f"history is off: cannot write {self.path} ({reason(exc)}); "
                "the session goes on without it"
            )
            return None

    # ----- writing -----

    def begin(
        self,
        *,
        routine_id: str,
        routine_name: str,
        digest: str,
        moves_total: int,
        planned_seconds: float,
        fit_seconds: int | None = None,
    ) -> int | None:
        session_id = self._write(
            "INSERT INTO sessions (routine_id, routine_name, routine_digest, started_at, status,"
            " pid, moves_total, planned_seconds, checkpoint_at, fit_seconds)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                routine_id,
                routine_name,
                digest,
                _now(),
                RUNNING,
                os.getpid(),
                moves_total,
                planned_seconds,
                _now(),
                fit_seconds,
            ),
        )
        if session_id is not None:
            self._hold(session_id)
        return session_id

    def reopen(self, session_id: int) -> None:
        self._hold(session_id)
        self._write(
            "UPDATE sessions SET status = ?, pid = ?, ended_at = NULL WHERE id = ?",
            (RUNNING, os.getpid(), session_id),
        )

    def _hold(self, session_id: int) -> None:
        """Take the session's lock for as long as it runs here."""
        lock = SessionLock(lock_path(self.path, session_id))
        if lock.acquire():
            self._locks[session_id] = lock

    def record_step(
        self, session_id: int, outcome: StepOutcome, *, area: str, move_work_steps: int
    ) -> None:
        row: tuple[object, ...] = (
            session_id,
            outcome.index,
            outcome.kind,
            outcome.move,
            outcome.move_index,
            outcome.side,
            area,
            move_work_steps,
            outcome.planned,
            outcome.actual,
            outcome.holds,
            int(outcome.skipped),
            int(outcome.finished),
        )
        # Kept until the session ends, in case its steps must go into the final record.
        self._steps.setdefault(session_id, {})[outcome.index] = row
        self._write(INSERT_STEP, row)

    def checkpoint(
        self,
        session_id: int,
        *,
        index: int,
        remaining: float,
        paused: bool,
        elapsed: float,
        paused_seconds: float,
    ) -> None:
        self._write(
            "UPDATE sessions SET step_index = ?, step_remaining = ?, paused = ?,"
            " elapsed_seconds = ?, paused_seconds = ?, checkpoint_at = ? WHERE id = ?",
            (index, remaining, int(paused), elapsed, paused_seconds, _now(), session_id),
        )

    def finish(self, session_id: int, status: str, elapsed: float, paused_seconds: float) -> bool:
        """Close the session's row; False (and final_message set) when that write failed."""
        ended = _now()
        self._write(FINISH, (status, ended, elapsed, paused_seconds, session_id))
        ok = self._last_ok
        steps = self._steps.pop(session_id, {})
        lock = self._locks.pop(session_id, None)
        if ok:
            if lock is not None:
                lock.release()
            return True
        self.final_write_failed = True
        why = f" ({self._last_error})" if self._last_error else " (history is off)"
        record: dict[str, object] = {
            "id": session_id,
            "status": status,
            "ended_at": ended,
            "elapsed_seconds": elapsed,
            "paused_seconds": paused_seconds,
            "steps": list(steps.values()),
        }
        if lock is not None and lock.write_final(record):
            lock.release(keep=True)
            self.final_message = (
                f"the end of this session could not be saved{why}; it is kept aside and "
                "set right in history the next time unknot starts with room to write"
            )
        else:
            if lock is not None:
                lock.release()
            self.final_message = (
                f"the end of this session could not be saved{why}; "
                "history will list it as interrupted"
            )
        return False

    def abandon(self, session_id: int) -> None:
        self._write(
            "UPDATE sessions SET status = 'abandoned', ended_at = ? WHERE id = ?",
            (_now(), session_id),
        )

    # ----- reading -----

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """The rows a read answers; none while history is off, or when the read fails (history
        then turns off and says so once)."""
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._off(f"history is off: cannot read {self.path} ({reason(exc)})")
            return []

    def _rows(self, where: str = "", params: tuple[object, ...] = ()) -> Iterator[sqlite3.Row]:
        return iter(self.query(LIST_SESSIONS.format(where=where), params))

    def _row(self, r: sqlite3.Row) -> SessionRow:
        status = r["status"]
        if status == RUNNING and not self._running(r["id"]):
            status = "interrupted"
        # The query's columns carry the dataclass's names; the status is worked out here.
        stored = {name: r[name] for name in ROW_FIELDS}
        stored.update(status=status)
        return SessionRow(**stored)

    def _running(self, session_id: int) -> bool:
        return session_id in self._locks or is_held(self.path, session_id)

    def _recover(self) -> None:
        """Clear the locks of sessions that are gone, saving any final record one kept."""
        for session_id, record, lock in stale(self.path):
            saved = record is None or (
                self.db is not None and save_final(self.db, session_id, record, RUNNING)
            )
            lock.release(keep=not saved)

    def sessions(self) -> list[SessionRow]:
        try:
            return [self._row(r) for r in self._rows()]
        except sqlite3.Error as exc:
            self._off(f"history is off: cannot read {self.path} ({reason(exc)})")
            return []

    def unfinished(self, routine_id: str | None = None) -> SessionRow | None:
        """The newest interrupted session (of one routine, if given) that can be resumed."""
        # Only a session stored as running can be one; its lock tells whether it still runs.
        where, params = "WHERE s.status = ?", [RUNNING]
        if routine_id is not None:
            where, params = where + " AND s.routine_id = ?", [RUNNING, routine_id]
        try:
            rows = [self._row(r) for r in self._rows(where, tuple(params))]
        except sqlite3.Error as exc:
            self._off(f"history is off: cannot read {self.path} ({reason(exc)})")
            return None
        return next((row for row in rows if row.status == "interrupted"), None)

    def close(self) -> None:
        for lock in self._locks.values():
            lock.release()  # a session not finished by now ends with this process
        self._locks.clear()
        if self.db is not None:
            self.db.close()
            self.db = None

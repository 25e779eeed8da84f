"""A running session's claim on its history row: an flock held for the session's life.

The lock lives in `running/<session id>.lock` beside the database. The kernel drops it the moment
its process ends, however it ends (a kill -9 included), so a row still marked running whose lock
can be taken belongs to a session that is gone. A reused process id cannot fool it.

The file is given room for a final record when the session starts. Should the database refuse
the session's last write (a full disk), the record is written into that room instead (overwriting
space already allocated needs no free space), and the next start puts it into the database.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

FINAL_ROOM = 64 * 1024  # bytes kept for the final record: enough for hundreds of steps


def lock_folder(db: Path) -> Path:
    return db.parent / "running"


def lock_path(db: Path, session_id: int) -> Path:
    return lock_folder(db) / f"{session_id}.lock"


class SessionLock:
    """The lock of one session, held from `acquire` until `release` or the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it or the file cannot be made."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        for _ in range(5):
            try:
                fd = os.open(
                    self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600
                )
            except OSError:
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            # Someone clearing stale locks may have removed the file between our open and our
            # lock: then the lock guards nothing, so start again on a new file.
            try:
                same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if same:
                self._fd = fd
                self._make_room()
                return True
            os.close(fd)
        return False

    def acquire_existing(self) -> bool:
        """Take the lock of a file already there (never creating one); False when held."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except OSError:
            same = False
        if not same:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def read_final(self) -> dict[str, object] | None:
        """The final record kept in the file, if one was written."""
        if self._fd is None:
            return None
        try:
            data = os.pread(self._fd, FINAL_ROOM, 0).rstrip(b"\0").strip()
            record = json.loads(data) if data else None
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def _make_room(self) -> None:
        assert self._fd is not None
        with suppress(OSError):
            os.ftruncate(self._fd, 0)
            os.posix_fallocate(self._fd, 0, FINAL_ROOM)

    def write_final(self, record: dict[str, object]) -> bool:
        """Keep the session's final record in the lock file; False when even that fails."""
        if self._fd is None:
            return False
        data = json.dumps(record, separators=(",", ":")).encode()
        try:
            if len(data) > os.fstat(self._fd).st_size:
                return False
            os.pwrite(self._fd, data, 0)
            os.fsync(self._fd)
        except OSError:
            return False
        return True

    def release(self, *, keep: bool = False) -> None:
        """Let go; the file goes too unless it holds a final record still to be saved."""
        if self._fd is None:
            return
        if not keep:
            with suppress(OSError):
                self.path.unlink()
        os.close(self._fd)
        self._fd = None


def is_held(db: Path, session_id: int) -> bool:
    """Does a live process hold this session's lock?"""
    try:
        fd = os.open(lock_path(db, session_id), os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops a lock we took
    return False


def stale(db: Path) -> Iterator[tuple[int, dict[str, object] | None, SessionLock]]:
    """Lock files nobody holds, each locked for the caller with the final record it keeps.

    The caller releases each (removing the file once its record is saved, or keeping it).
    """
    try:
        names = sorted(os.listdir(lock_folder(db)))
    except OSError:
        return
    for name in names:
        stem, dot, ext = name.partition(".")
        if ext != "lock" or not dot or not stem.isdigit():
            continue
        lock = SessionLock(lock_folder(db) / name)
        if not lock.acquire_existing():
            continue
        yield int(stem), lock.read_final(), lock

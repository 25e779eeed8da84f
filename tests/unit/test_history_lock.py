"""The session lock on real files: held, stale, and the final record it keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT
from unknot.history.lock import FINAL_ROOM, SessionLock, is_held, lock_path, stale


def test_held_then_released(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    lock = SessionLock(lock_path(db, 7))
    assert lock.acquire()
    assert lock.path.stat().st_size == FINAL_ROOM  # room for the final record, taken up front
    assert is_held(db, 7)
    assert not SessionLock(lock_path(db, 7)).acquire()  # a second claim, even in one process
    assert list(stale(db)) == []  # a held lock is never cleared
    lock.release()
    assert not is_held(db, 7) and not lock.path.exists()


def test_a_final_record_survives_the_process(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    code = (
        "import sys; from pathlib import Path; from unknot.history.lock import SessionLock, lock_path\n"
        "lock = SessionLock(lock_path(Path(sys.argv[1]), 3)); assert lock.acquire()\n"
        "assert lock.write_final({'id': 3, 'status': 'completed'}); lock.release(keep=True)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, check=True, timeout=30)
    assert not is_held(db, 3)
    [(session_id, record, lock)] = list(stale(db))
    assert session_id == 3 and record == {"id": 3, "status": "completed"}
    lock.release()
    assert list(stale(db)) == []


def test_a_killed_holder_leaves_a_lock_nobody_holds(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    code = (
        "import os, signal, sys; from pathlib import Path\n"
        "from unknot.history.lock import SessionLock, lock_path\n"
        "assert SessionLock(lock_path(Path(sys.argv[1]), 5)).acquire()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, timeout=30)
    assert proc.returncode == -9
    assert lock_path(db, 5).exists() and not is_held(db, 5)
    [(session_id, record, lock)] = list(stale(db))
    assert (session_id, record) == (5, None)
    lock.release()
    assert not lock_path(db, 5).exists()

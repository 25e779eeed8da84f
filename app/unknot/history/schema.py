"""The history database's schema, as numbered migrations from the first release on.

A database is at version N when `PRAGMA user_version` is N. Never edit a released migration: add
the next number, and bump SCHEMA_VERSION.
"""

SCHEMA_VERSION = 4

# Each entry takes the schema from the version before it to its own number.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        routine_digest TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        pid INTEGER,
        moves_total INTEGER NOT NULL,
        planned_seconds REAL NOT NULL,
        elapsed_seconds REAL NOT NULL DEFAULT 0,
        paused_seconds REAL NOT NULL DEFAULT 0,
        step_index INTEGER NOT NULL DEFAULT 0,
        step_remaining REAL,
        paused INTEGER NOT NULL DEFAULT 0,
        checkpoint_at TEXT
    );
    CREATE INDEX sessions_started ON sessions(started_at);
    CREATE TABLE steps (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        move TEXT NOT NULL,
        move_index INTEGER NOT NULL,
        side TEXT,
        area TEXT NOT NULL,
        move_work_steps INTEGER NOT NULL,
        planned REAL NOT NULL,
        actual REAL NOT NULL,
        holds INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        finished INTEGER NOT NULL,
        PRIMARY KEY (session_id, idx)
    );
    """,
    # A session ended by the user is "stopped", as the player says, no longer "quit".
    2: """
    UPDATE sessions SET status = 'stopped' WHERE status = 'quit';
    """,
    # A session fitted to N minutes records the fit, so that it resumes into the same timeline.
    3: """
    ALTER TABLE sessions ADD COLUMN fit_seconds INTEGER;
    """,
    # The body log: how tender each side of an area was, before and after it was worked.
    4: """
    CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        area TEXT NOT NULL,
        side TEXT CHECK (side IN ('left', 'right')),
        "when" TEXT NOT NULL CHECK ("when" IN ('before', 'after')),
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        rated_at TEXT NOT NULL
    );
    CREATE INDEX ratings_area ON ratings(area, rated_at);
    """,
}

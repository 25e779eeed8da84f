"""One past session as the history lists show it, and the query that lists them all at once."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime


@dataclass(frozen=True)
class SessionRow:
    """One session as history lists it."""

    id: int
    routine_id: str
    routine_name: str
    routine_digest: str
    started_at: str
    ended_at: str | None
    status: str
    moves_total: int
    planned_seconds: float
    wall_seconds: float  # from start to end on the clock, pauses included
    paused_seconds: float
    step_index: int
    step_remaining: float | None
    moves_done: int
    moves_skipped: int
    holds: int
    fit_seconds: int | None = None  # the minutes it was fitted to, in seconds (None: as written)

    @property
    def active_seconds(self) -> float:
        """The time the session ran, pauses left out: what a person spent on it."""
        return max(0.0, self.wall_seconds - self.paused_seconds)

    @property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.started_at)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "routine": self.routine_id,
            "routine_name": self.routine_name,
            "status": self.status,
            "active_seconds": round(self.active_seconds, 3),
            "wall_seconds": round(self.wall_seconds, 3),
            "paused_seconds": round(self.paused_seconds, 3),
            "planned_seconds": self.planned_seconds,
            "moves_total": self.moves_total,
            "moves_done": self.moves_done,
            "moves_skipped": self.moves_skipped,
            "holds": self.holds,
            "step_index": self.step_index,
            "step_remaining": self.step_remaining,
            "fit_seconds": self.fit_seconds,
        }


ROW_FIELDS = tuple(f.name for f in fields(SessionRow))

# Every session with its counts from its steps, in one query. A move is done when every work
# step of it (one, or one per side) finished without a skip. Columns carry SessionRow's names.
LIST_SESSIONS = (
    "SELECT s.*, s.elapsed_seconds AS wall_seconds,"
    " (SELECT COALESCE(SUM(holds), 0) FROM steps WHERE session_id = s.id) AS holds,"
    " (SELECT COUNT(*) FROM (SELECT move_index FROM steps WHERE session_id = s.id"
    "   AND kind = 'work' GROUP BY move_index HAVING MAX(skipped) = 1)) AS moves_skipped,"
    " (SELECT COUNT(*) FROM (SELECT MAX(move_work_steps) AS need,"
    "   SUM(finished AND NOT skipped) AS ok FROM steps"
    "   WHERE session_id = s.id AND kind = 'work' GROUP BY move_index) WHERE ok >= need)"
    "   AS moves_done"
    " FROM sessions s {where} ORDER BY s.started_at DESC, s.id DESC"
)

"""What history is read for beyond its list of sessions: a resumed session's earlier steps, and
the time worked per body area."""

from __future__ import annotations

from datetime import UTC, datetime

from unknot.core.result import StepOutcome
from unknot.history.store import History


def step_outcomes(history: History, session_id: int) -> list[StepOutcome]:
    """The outcomes of the steps a session saved (those that ended before it stopped)."""
    rows = history.query(
        "SELECT idx, kind, move, move_index, side, planned, actual, holds, skipped,"
        " finished FROM steps WHERE session_id = ? ORDER BY idx",
        (session_id,),
    )
    return [
        StepOutcome(
            index=r["idx"],
            kind=r["kind"],
            move=r["move"],
            move_index=r["move_index"],
            side=r["side"],
            planned=r["planned"],
            actual=r["actual"],
            holds=r["holds"],
            skipped=bool(r["skipped"]),
            finished=bool(r["finished"]),
        )
        for r in rows
    ]


def area_seconds(history: History, since: datetime) -> dict[str, float]:
    """Seconds of work per body area since `since`."""
    rows = history.query(
        "SELECT st.area, SUM(st.actual) AS seconds FROM steps st"
        " JOIN sessions s ON s.id = st.session_id"
        " WHERE st.kind = 'work' AND s.started_at >= ? GROUP BY st.area",
        (since.astimezone(UTC).isoformat(timespec="seconds"),),
    )
    return {r["area"]: r["seconds"] for r in rows if r["seconds"]}

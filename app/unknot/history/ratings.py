"""The body log in history: each rating as it is given, and the ratings read back.

A rating is a row of its own (session, area, side, before or after, score, time), written the
moment the `Rated` event comes, so a session that is killed keeps the ratings given before.
A rating added or corrected on the summary replaces the one for the same session, area, side
and moment.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from unknot.core.events import Event, Rated, RatedWhen
from unknot.core.ratings import WEEKS, AreaTrend, Rating, trend
from unknot.history.sql import reason, transaction
from unknot.history.store import History


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_rating(
    history: History,
    session_id: int,
    *,
    area: str,
    side: str | None,
    when: RatedWhen,
    score: int,
    at: str | None = None,
) -> bool:
    """Store one rating, in place of an earlier one for the same session, area, side and
    moment. False when history is off or the write failed (history then says so once)."""
    db = history.db
    if db is None:
        return False
    try:
        with transaction(db):
            db.execute(
                "DELETE FROM ratings WHERE session_id = ? AND area = ? AND side IS ?"
                ' AND "when" = ?',
                (session_id, area, side, when),
            )
            db.execute(
                'INSERT INTO ratings (session_id, area, side, "when", score, rated_at)'
                " VALUES (?,?,?,?,?,?)",
                (session_id, area, side, when, score, at or _now()),
            )
    except sqlite3.Error as exc:
        history.turn_off(f"cannot write {history.path} ({reason(exc)})")
        return False
    return True


class RatingsRecorder:
    """Listens to a session's events and keeps its ratings in history."""

    def __init__(self, history: History, session_id: int | None) -> None:
        self.history = history
        self.session_id = session_id

    def __call__(self, event: Event) -> None:
        if isinstance(event, Rated) and self.session_id is not None:
            save_rating(
                self.history,
                self.session_id,
                area=event.area,
                side=event.side,
                when=event.when,
                score=event.score,
            )


def ratings(
    history: History, *, area: str | None = None, since: datetime | None = None
) -> list[Rating]:
    """Every rating (of one area, since a time), oldest first."""
    db = history.db
    if db is None:
        return []
    where, params = [], []
    if area is not None:
        where.append("r.area = ?")
        params.append(area)
    if since is not None:
        where.append("r.rated_at >= ?")
        params.append(since.astimezone(UTC).isoformat(timespec="seconds"))
    sql = (
        'SELECT r.session_id, r.rated_at, s.routine_id, r.area, r.side, r."when", r.score'
        " FROM ratings r JOIN sessions s ON s.id = r.session_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.rated_at, r.id"
    )
    try:
        rows = db.execute(sql, tuple(params)).fetchall()
    except sqlite3.Error as exc:
        history.turn_off(f"cannot read {history.path} ({reason(exc)})")
        return []
    return [
        Rating(session_id=r[0], at=r[1], routine=r[2], area=r[3], side=r[4], when=r[5], score=r[6])
        for r in rows
    ]


def session_ratings(history: History, session_id: int) -> list[Rating]:
    """One session's ratings, in the order they were given."""
    return [r for r in ratings(history) if r.session_id == session_id]


def area_trends(history: History, area: str | None = None) -> list[AreaTrend]:
    """Each rated area's trend over the last weeks, flagged areas first, then by name."""
    since = datetime.now(UTC) - timedelta(weeks=WEEKS)
    by_area: dict[str, list[Rating]] = {}
    for r in ratings(history, area=area, since=since):
        by_area.setdefault(r.area, []).append(r)
    trends = [trend(name, rows) for name, rows in by_area.items()]
    return sorted(trends, key=lambda t: (not t.flagged, t.area))

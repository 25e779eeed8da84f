"""The summary's table of the session's ratings: one row per area, each side before and after,
with a cell cursor and digits to add or correct a score (stored as the session stored it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from unknot.core.events import RatedWhen
from unknot.core.plan import Plan
from unknot.core.ratings import Rating
from unknot.core.routine import Side
from unknot.history.ratings import save_rating, session_ratings
from unknot.history.store import History
from unknot.tui.keys import RATING_KEYS

# The columns after the area: which side and moment each one rates.
CELLS: tuple[tuple[Side, RatedWhen], ...] = (
    ("left", "before"),
    ("left", "after"),
    ("right", "before"),
    ("right", "after"),
)
HEADERS = ("area", "left before", "left after", "right before", "right after")
NONE = "·"  # not rated
NO_SIDE = "–"  # a move without sides has only its left columns (its one score)


@dataclass
class SessionLog:
    """What the table needs: the session's areas in order (True: two sides), where its
    ratings are kept, and the scores given so far, by (area, side, when)."""

    history: History
    session_id: int | None
    areas: list[tuple[str, bool]]
    scores: dict[tuple[str, Side | None, RatedWhen], int] = field(default_factory=dict)

    @classmethod
    def of(cls, history: History, session_id: int | None, plan: Plan) -> SessionLog:
        areas: dict[str, bool] = {}
        for step in plan.steps:
            areas.setdefault(step.move.log_area, step.move.sides == "each")
        given: list[Rating] = [] if session_id is None else session_ratings(history, session_id)
        log = cls(history, session_id, list(areas.items()))
        for r in given:  # in the order given: a later one wins
            log.scores[(r.area, r.side, r.when)] = r.score
            if r.area not in areas:
                log.areas.append((r.area, r.side is not None))
        return log

    def key(self, row: int, column: int) -> tuple[str, Side | None, RatedWhen] | None:
        """What the cell at (row, column) rates; None for the area's name or a missing side."""
        if not 0 <= row < len(self.areas) or not 1 <= column <= len(CELLS):
            return None
        area, sided = self.areas[row]
        side, when = CELLS[column - 1]
        if not sided and side == "right":
            return None
        return (area, side if sided else None, when)

    def cell(self, row: int, column: int) -> str:
        key = self.key(row, column)
        if key is None:
            return NO_SIDE
        score = self.scores.get(key)
        return NONE if score is None else str(score)

    def rate(self, row: int, column: int, score: int) -> bool:
        """Set a score in history (replacing an earlier one); False when it cannot be kept."""
        key = self.key(row, column)
        if key is None or self.session_id is None:
            return False
        area, side, when = key
        if not save_rating(
            self.history, self.session_id, area=area, side=side, when=when, score=score
        ):
            return False
        self.scores[key] = score
        return True


class RatingsTable(DataTable[str]):
    """The session's ratings, a cell per side and moment; a digit (t: 10) sets the one shown."""

    BINDINGS = [
        Binding(key, f"rate({score})", "rate", show=False, id=f"summary.rate.{key}")
        for key, score in RATING_KEYS.items()
    ]

    def __init__(self, log: SessionLog, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.body_log = log

    def on_mount(self) -> None:
        self.add_columns(*HEADERS)
        for row in range(len(self.body_log.areas)):
            self.add_row(
                self.body_log.areas[row][0], *(self.body_log.cell(row, c) for c in range(1, 5))
            )
        self.move_cursor(row=0, column=1)

    def action_rate(self, score: int) -> None:
        row, column = self.cursor_coordinate
        if self.body_log.rate(row, column, score):
            self.update_cell_at(self.cursor_coordinate, str(score))
            self.notify_change(f"{self.body_log.areas[row][0]}: {HEADERS[column]} {score}")
        elif self.body_log.key(row, column) is None:
            self.notify_change("pick a side's cell (arrow keys) to rate it")
        else:
            self.notify_change("not saved: history is off")

    def notify_change(self, text: str) -> None:
        self.post_message(self.Said(text))

    class Said(Message):
        """What a digit did, for the screen to say."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

"""What the remote shows and accepts: the session's state as JSON, the commands it takes (the
vocabulary of controls, nothing of its own) and the buttons its page shows."""

from __future__ import annotations

from unknot.core.controls import SCORES, SIDES, VOCABULARY, Control
from unknot.core.engine import Session
from unknot.core.plan import Plan, Step
from unknot.core.ratings import rating_open
from unknot.core.step_figure import move_svg

# The commands `POST /control` takes: every control of the vocabulary, by its name.
COMMANDS: tuple[str, ...] = tuple(info.control.value for info in VOCABULARY)

# The page's buttons: the vocabulary less pause and resume, which its pause / resume button
# (`toggle`) says and does by the session's state, and stop, which a tap in a pocket must not do
# (`POST /control` takes it from a script).
PAGE_LEAVES_OUT = frozenset({Control.PAUSE, Control.RESUME, Control.STOP})


def page_controls() -> list[dict[str, object]]:
    """The vocabulary as the page builds its buttons from it: command, label and help (and for
    rate, the sides and scores its rows of buttons offer)."""
    labels = {info.control: info.label for info in VOCABULARY}
    return [
        {
            "command": info.control.value,
            "label": info.label,
            "help": info.help,
            # The toggle's two faces, so that its words come from the vocabulary too.
            **(
                {"pause": labels[Control.PAUSE], "resume": labels[Control.RESUME]}
                if info.control is Control.TOGGLE
                else {}
            ),
            **(
                {"sides": list(SIDES), "scores": list(SCORES)}
                if info.control is Control.RATE
                else {}
            ),
        }
        for info in VOCABULARY
        if info.control not in PAGE_LEAVES_OUT
    ]


def _step(step: Step) -> dict[str, object]:
    return {
        "index": step.index,
        "kind": step.kind,
        "move": step.move.name,
        "side": step.side,
        "seconds": step.seconds,
    }


# The scores given, by step index and side ("" for a move without sides), as the server saw them.
Given = dict[int, dict[str, int]]


def _rating(engine: Session, given: Given) -> dict[str, object] | None:
    """The rating the current step invites (the page's rows of score buttons), with the scores
    already given in it; None when it invites none or the session is not under way."""
    if engine.state not in ("running", "paused"):
        return None
    offer = rating_open(engine.plan.steps, engine.index)
    if offer is None:
        return None
    return {
        "when": offer.when,
        "move": offer.move,
        "sides": list(offer.sides),
        "given": given.get(engine.index, {}),
    }


def snapshot(engine: Session, given: Given | None = None) -> dict[str, object]:
    """The session as it stands: what `GET /state` answers and `POST /control` returns."""
    step = _step(engine.step)
    step["remaining"] = round(engine.remaining(), 3)
    step["length"] = round(
        engine.step_length() if engine.state != "ready" else engine.step.seconds, 3
    )
    following = engine.next_step()
    hold = engine.hold_remaining()
    result = engine.result
    return {
        "routine": engine.routine_id,
        "name": engine.routine_name,
        "state": engine.state,
        "paused": engine.paused,
        "finished": engine.finished,
        "steps": len(engine.plan.steps),
        "step": step,
        "hold_remaining": None if hold is None else round(hold, 3),
        "next": None if following is None else _step(following),
        "session_remaining": round(engine.session_remaining(), 3),
        "rating": _rating(engine, given or {}),
        "summary": None
        if result is None
        else {
            "status": result.status,
            "moves_done": result.moves_done,
            "moves_skipped": result.moves_skipped,
            "moves_total": result.moves_total,
            "active_seconds": round(result.active_seconds, 3),
        },
    }


def figure_of(plan: Plan, index: int) -> str | None:
    """The SVG of the move step `index` works or leads to, on its side; None without a pose."""
    coming = plan.coming(index)
    return None if coming is None else move_svg(coming.move, coming.side, crop=True)

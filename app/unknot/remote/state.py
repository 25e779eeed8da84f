"""What the remote shows and accepts: the session's state as JSON, and the commands it takes."""

from __future__ import annotations

from unknot.core.engine import Session
from unknot.core.plan import Step

# The commands a browser may send, each an engine control as the session screen's keys apply it.
COMMANDS = ("pause", "resume", "next", "back", "hold", "more", "less")


def _step(step: Step) -> dict[str, object]:
    return {
        "index": step.index,
        "kind": step.kind,
        "move": step.move.name,
        "side": step.side,
        "seconds": step.seconds,
    }


def snapshot(engine: Session) -> dict[str, object]:
    """The session as it stands: what `GET /state` answers and `POST /control` returns."""
    step = _step(engine.step)
    step["remaining"] = round(engine.remaining(), 3)
    step["length"] = round(
        engine.step_length() if engine.state != "ready" else engine.step.seconds, 3
    )
    following = engine.next_step()
    hold = engine.hold_remaining()
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
    }

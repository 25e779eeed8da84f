"""The vocabulary of controls: everything a runner can do to a running session, defined once.

Every way in is a thin table onto this list: the session screen's keys, plain mode's words, the
remote's `/control` commands and the page's buttons (served from `VOCABULARY`, not copied), and
the desktop's media keys. A test checks that each table covers every control here. The engine
applies a control by value (`Session.apply`), so adding one touches this list, the engine and
the README.

`pause` and `resume` are idempotent everywhere: pausing a paused session, or resuming a running
one, does nothing. `toggle` is the one that flips between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Control(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    TOGGLE = "toggle"
    NEXT = "next"
    BACK = "back"
    HOLD = "hold"
    MORE = "more"
    LESS = "less"
    STOP = "stop"


@dataclass(frozen=True)
class ControlInfo:
    """One control: its name, the words plain mode takes for it (the name first), a short label
    for a button and the help line every front end shows."""

    control: Control
    words: tuple[str, ...]
    label: str
    help: str


VOCABULARY: tuple[ControlInfo, ...] = (
    ControlInfo(Control.TOGGLE, ("toggle", "p"), "Pause / resume", "pause, or resume if paused"),
    ControlInfo(Control.PAUSE, ("pause",), "Pause", "pause (nothing if already paused)"),
    ControlInfo(Control.RESUME, ("resume",), "Resume", "resume (nothing if already running)"),
    ControlInfo(Control.NEXT, ("next", "n"), "Next", "next: skip the rest of this step"),
    ControlInfo(
        Control.BACK,
        ("back", "b"),
        "Back",
        "back: restart this step (in its first 3 s: the one before)",
    ),
    ControlInfo(Control.HOLD, ("hold", "h"), "Hold", "hold a hot spot (again: let go)"),
    ControlInfo(Control.MORE, ("more", "+"), "+30 s", "30 s more on this step"),
    ControlInfo(Control.LESS, ("less", "-"), "-30 s", "30 s less on this step"),
    ControlInfo(Control.STOP, ("stop", "quit", "q"), "Stop", "stop the session (kept in history)"),
)

INFO: dict[Control, ControlInfo] = {info.control: info for info in VOCABULARY}
_BY_WORD: dict[str, Control] = {word: info.control for info in VOCABULARY for word in info.words}


def parse(word: str) -> Control | None:
    """The control a word names (any of its words, any case), or None."""
    return _BY_WORD.get(word.strip().lower())


def words_hint() -> str:
    """The short words, for a line that says what can be typed: 'p, n, b, +, -, h or q'."""
    short = [info.words[-1] if len(info.words) > 1 else info.words[0] for info in VOCABULARY]
    return ", ".join(short[:-1]) + " or " + short[-1]

"""The vocabulary of controls: everything a runner can do to a running session, defined once.

Every way in is a thin table onto this list: the session screen's keys, plain mode's words, the
remote's `/control` commands and the page's buttons (served from `VOCABULARY`, not copied), and
the desktop's media keys. A test checks that each table covers every control here. The engine
applies a control by value (`Session.apply`), so adding one touches this list, the engine and
the README.

`pause` and `resume` are idempotent everywhere: pausing a paused session, or resuming a running
one, does nothing. `toggle` is the one that flips between them.

A control may take arguments: `rate` takes a side (optional: a move without sides has none) and a
score from 0 to 10. A control with its arguments is a `Command`; every way in makes one through
`parse` (a line of words: `rate left 7`) or `from_json` (the remote's `{"command": "rate", "side":
"left", "score": 7}`) or `rating` (the keys' digits), and they check the arguments in one place
(`_command`). A bare `Control` is a command without arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from unknot.core.routine import Side

SIDES: tuple[Side, ...] = ("left", "right")
SCORES = range(0, 11)  # tenderness, 0 (none) to 10 (the worst imaginable)


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
    RATE = "rate"


@dataclass(frozen=True)
class ControlInfo:
    """One control: its name, the words plain mode takes for it (the name first), a short label
    for a button and the help line every front end shows."""

    control: Control
    words: tuple[str, ...]
    label: str
    help: str
    args: str = ""  # how its arguments are written, for help and error lines; "" for none


VOCABULARY: tuple[ControlInfo, ...] = (
    ControlInfo(Control.TOGGLE, ("toggle", "p"), "Pause / resume", "pause, or resume if paused"),
    ControlInfo(Control.PAUSE, ("pause",), "Pause", "pause (nothing if already paused)"),
    ControlInfo(Control.RESUME, ("resume",), "Resume", "resume (nothing if already running)"),
    ControlInfo(Control.NEXT, ("next", "n"), "Next", "next: skip the rest of this step"),
    ControlInfo(
        Control.BACK,
        ("back", "b"),
        "Back",
        "back: this step again (first 3 s: the one before)",
    ),
    ControlInfo(Control.HOLD, ("hold", "h"), "Hold", "hold a hot spot (again: let go)"),
    ControlInfo(Control.MORE, ("more", "+"), "+30 s", "30 s more on this step"),
    ControlInfo(Control.LESS, ("less", "-"), "-30 s", "30 s less on this step"),
    ControlInfo(Control.STOP, ("stop", "quit", "q"), "Stop", "stop the session, kept in history"),
    ControlInfo(
        Control.RATE,
        ("rate",),
        "Rate",
        "rate how tender a side is, 0 to 10 (before the move in its get-ready, after it later)",
        "[left|right] 0-10",
    ),
)

INFO: dict[Control, ControlInfo] = {info.control: info for info in VOCABULARY}
_BY_WORD: dict[str, Control] = {word: info.control for info in VOCABULARY for word in info.words}


class CommandError(ValueError):
    """A control named with arguments it cannot take; the message is one line for the user."""


@dataclass(frozen=True)
class Command:
    """A control with its arguments (only `rate` has any: `side` and `score`)."""

    control: Control
    side: Side | None = None
    score: int | None = None

    def simplest(self) -> Control | Command:
        """The bare control when there are no arguments (what most tables carry), else this."""
        return self if self.side is not None or self.score is not None else self.control

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"command": self.control.value}
        if self.control is Control.RATE:
            out.update(side=self.side, score=self.score)
        return out


def _command(control: Control, side: object = None, score: object = None) -> Command:
    """The one place a command's arguments are checked, whichever way it came."""
    if control is not Control.RATE:
        if side is not None or score is not None:
            raise CommandError(f"{control.value} takes nothing after it")
        return Command(control)
    usage = f"use rate {INFO[control].args}, for example 'rate left 7'"
    if side is not None and side not in SIDES:
        raise CommandError(f"side {side!r} is not one of: left, right; {usage}")
    if isinstance(score, str) and score.strip().isdigit():
        score = int(score)
    if score is None:
        raise CommandError(f"rate needs a score; {usage}")
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise CommandError(f"score {score!r} is not a whole number from 0 to 10; {usage}")
    return Command(control, side, score)


def parse(text: str) -> Command | None:
    """The command a line of words names (a control's word, any case, then its arguments:
    `rate left 7`), None for a line that names no control, or a CommandError."""
    words = text.strip().lower().split()
    control = _BY_WORD.get(words[0]) if words else None
    if control is None:
        return None
    args = words[1:]
    if control is not Control.RATE:
        return _command(control, args[0] if args else None)
    if len(args) == 1:
        return _command(control, None, args[0])
    if len(args) == 2:
        return _command(control, args[0], args[1])
    if args:
        raise CommandError(f"rate takes a side and a score; use rate {INFO[control].args}")
    return _command(control)


def from_json(data: Mapping[str, object]) -> Command | None:
    """The command of a JSON object such as the remote takes (`{"command": "rate", "side":
    "left", "score": 7}`), None when `command` names no control, or a CommandError."""
    name = data.get("command")
    if not isinstance(name, str) or name not in INFO:
        return None
    return _command(Control(name), data.get("side"), data.get("score"))


def rating(side: Side | None, score: int) -> Command:
    """The `rate` command for a side and a score (the session screen's digits)."""
    return _command(Control.RATE, side, score)


def as_command(control: Control | Command) -> Command:
    return control if isinstance(control, Command) else Command(control)


def words_hint() -> str:
    """The short words, for a line that says what can be typed: 'p, n, b, +, -, h or q'."""
    short = [info.words[-1] if len(info.words) > 1 else info.words[0] for info in VOCABULARY]
    return ", ".join(short[:-1]) + " or " + short[-1]

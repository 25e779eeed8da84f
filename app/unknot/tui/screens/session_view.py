"""What the session screen shows: the phase, the move, the side, the clock, the figure, the bars
and the status line, each redrawn only when what it shows has changed.

`SessionView` is the screen's drawing; `SessionScreen` (in `session`) adds time, keys and the
ways a session is reached from outside. Neither decides anything: the engine does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from unknot.core.durations import format_clock
from unknot.core.engine import Session, countdown_display
from unknot.core.plan import Step
from unknot.core.ratings import rating_open, side_to_rate
from unknot.core.words import tool_label
from unknot.tui.widgets.bigclock import BigClock, BlockTitle, SideBand
from unknot.tui.widgets.figure import FigureView
from unknot.tui.widgets.meter import Meter

if TYPE_CHECKING:
    from unknot.audio import CuePlayer
    from unknot.remote.host import RemoteHost
    from unknot.session import LiveSession

STATE_CLASSES = ("-transition", "-work", "-switch", "-hold", "-paused")
BANNERS = {"transition": "GET READY", "work": "WORK", "switch": "SWITCH SIDES"}


def next_label(step: Step | None) -> str:
    if step is None:
        return "Next: finish"
    if step.kind == "transition":
        return f"Next: get ready for {step.move.name}"
    if step.kind == "switch":
        return "Next: switch sides"
    return f"Next: {step.label()}"


class SessionView(Screen[None]):
    """The session screen's drawing, from the engine's state; `SessionScreen` drives it."""

    live: LiveSession
    session: Session
    player: CuePlayer
    remote: RemoteHost
    notice: str
    _shown: dict[str, object]
    _rated: dict[int, dict[str | None, int]]

    def _set(self, key: str, value: object) -> bool:
        """Remember what a widget shows; True when it changed."""
        if self._shown.get(key) == value:
            return False
        self._shown[key] = value
        return True

    def render_state(self) -> None:
        s = self.session
        step = s.step
        hold = s.hold_remaining()
        state = "-paused" if s.paused else "-hold" if hold is not None else f"-{step.kind}"
        if self._set("state", state):
            for name in STATE_CLASSES:
                self.set_class(name == state, name)
        banner = "PAUSED" if s.paused else "HOLD" if hold is not None else BANNERS[step.kind]
        # The name again in plain text: the big one below is drawn in blocks when there is room.
        position = f"{step.move.name} · step {step.index + 1} of {len(s.plan.steps)}"
        if self._set("banner", (banner, position)):
            self.query_one("#banner", Static).update(
                Content.assemble((f" {banner} ", "bold reverse"), "  ", position)
            )
        # Getting ready and switching show the side they lead to, so the band changes as they
        # begin and the runner knows which way to lie down.
        upcoming = s.plan.coming(s.index)
        side = upcoming.side.upper() if upcoming is not None and upcoming.side else ""
        if self._set("side", side):
            widget = self.query_one("#side", SideBand)
            widget.show_side(side)
            widget.display = bool(side)
            widget.set_class(side == "LEFT", "-left")
            widget.set_class(side == "RIGHT", "-right")
        move_text = (
            step.move.name if step.kind != "switch" else f"Switch to the right: {step.move.name}"
        )
        if self._set("move", move_text):
            self.query_one("#move", BlockTitle).update(move_text)
        big = hold if hold is not None else s.remaining()
        digits = format_clock(countdown_display(big))
        # Room for the step's whole length, so the digits keep their size as time runs down.
        room = max(digits, format_clock(countdown_display(s.step_length())), key=len)
        if self._set("digits", (digits, room)):
            self.query_one("#clock", BigClock).update(digits, room)
        self._render_sub(step, hold)
        # The figure of the move the runner is getting into, on the side it leads to.
        if self._set("figure", upcoming.index if upcoming is not None else None):
            figure = self.query_one(FigureView)
            shown = upcoming or step
            figure.set_class(not figure.show(shown.move, shown.side), "-none")
        self._render_progress()
        self.render_status()

    def _render_sub(self, step: Step, hold: float | None) -> None:
        s = self.session
        relayout = (hold is not None) != self._shown.get("holding")
        self._shown["holding"] = hold is not None
        if hold is not None:
            sub = f"hold the hot spot · step {format_clock(countdown_display(s.remaining()))} left"
        else:
            parts = [tool_label(step.move.tool)] if step.move.tool != "none" else []
            if step.move.area:
                parts.append(step.move.area)
            sub = " · ".join(parts)
        # The phase's word right under the digits, so that they say what they count without
        # colour too (NO_COLOR): GET READY, WORK, SWITCH SIDES, HOLD or PAUSED.
        phase = "PAUSED" if s.paused else "HOLD" if hold is not None else BANNERS[step.kind]
        if self._set("sub", (phase, sub)):
            line = Content.assemble((f" {phase} ", "bold reverse"), "  " if sub else "", sub)
            self.query_one("#sub", Static).update(line, layout=relayout)
        how = (step.move.how.strip(), tuple(step.move.cautions))
        if self._set("how", how):
            text = " ".join(line.strip() for line in step.move.how.strip().splitlines())
            # The cautions come first: in a small window the how-to is cut at its foot, and
            # what to keep the roller off must still show.
            cautions = [("⚠ " + c + "\n", "bold") for c in step.move.cautions]
            self.query_one("#how", Static).update(Content.assemble(*cautions, text))

    def _render_progress(self) -> None:
        s = self.session
        length = s.step_length()
        self.query_one("#step-bar", Meter).set_fraction(1 - s.remaining() / max(length, 1e-9))
        left = s.session_remaining()
        done = s.carried_active + s.active()  # a resumed session counts its earlier part
        total = done + left
        self.query_one("#session-bar", Meter).set_fraction(1 - left / max(total, 1e-9))
        # Changes every second and has a fixed width: no layout pass needed.
        left_text = f"{format_clock(countdown_display(left))} left"
        if self._set("session-left", left_text):
            self.query_one("#session-left", Static).update(Content(left_text), layout=False)
        following = next_label(s.next_step())
        if self._set("next", following):
            self.query_one("#next", Static).update(Content(following))

    def show_notice(self, message: str) -> None:
        """Say something in the status line, where it covers nothing (the App calls this too)."""
        self.notice = message
        if self.is_mounted:  # the first screen hears the App's notices before it is mounted
            self.render_status()

    def render_status(self) -> None:
        player = self.player
        message = self.notice
        if player.muted:
            parts = ["SOUND OFF (m)"]
        elif player.active == "bell":
            why = f" ({player.bell_why})" if player.bell_why else ""
            parts = [f"sound: terminal bell{why}"]
        else:
            parts = [f"sound: {player.active}", "voice on (v)" if player.voice else "voice off (v)"]
        if self.remote.running or self.remote.problem:
            # First, so that a narrow window still shows the way in.
            parts.insert(0, self.remote.url or f"remote off: {self.remote.problem}")
        if message:
            parts.append(message)
        prompt = self.rate_prompt()  # last: what is said matters more than the ask
        if prompt:
            parts.append(prompt)
        status = " · ".join(parts)
        if self._set("status", status):
            self.query_one("#status", Static).update(Content(status))

    def rate_prompt(self) -> str:
        """The status line's ask while the step invites a rating (unless settings turn it off):
        'rate before: left 0-9, t=10 (left 7)'; '' elsewhere."""
        s = self.session
        if not self.live.rate_prompts or s.finished or s.state == "ready":
            return ""
        offer = rating_open(s.plan.steps, s.index)
        if offer is None:
            return ""
        given = self._rated.get(s.index, {})
        side = side_to_rate(s.step, given)
        ask = f"rate {offer.when}: {side + ' ' if side else ''}0-9, t=10"
        if given:
            ask += " (" + ", ".join(f"{k} {v}" if k else str(v) for k, v in given.items()) + ")"
        return ask

"""The session screen: big digits, the move, the side, and colour that says what to do.

The engine decides; this screen only shows its state and forwards keys. It wakes with one-shot
timers exactly when something visible changes or the engine has something due, never on a poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Static

from unknot.audio.cues import spoken_phrases
from unknot.core.controls import Command, CommandError, Control, rating
from unknot.core.durations import format_clock
from unknot.core.engine import MAX_ADDED, Session, countdown_display
from unknot.core.events import Countdown, Event, Rated, TimeChanged
from unknot.core.ratings import side_to_rate
from unknot.data.library import Entry
from unknot.history.recorder import Recorder
from unknot.session import LiveSession
from unknot.tui.keys import SESSION_KEYS
from unknot.tui.screens.session_view import SessionView
from unknot.tui.sizes import size_classes
from unknot.tui.widgets.bigclock import BigClock, BlockTitle, SideBand
from unknot.tui.widgets.figure import FigureView
from unknot.tui.widgets.meter import Meter
from unknot.tui.widgets.remote_panel import RemotePanel

if TYPE_CHECKING:
    from unknot.core.result import SessionResult

# Wake a little after a display boundary so the new second is really there.
_EPSILON = 0.002


def until_display_changes(seconds: float) -> float:
    """Seconds until a countdown showing `seconds` (rounded up) shows another number."""
    if seconds <= 0:
        return 1.0
    return seconds - (countdown_display(seconds) - 1)


class SessionScreen(SessionView):
    """One session, followed full screen: it owns the screen's timer (woken only when what it
    shows changes), applies the controls that reach it (keys, the clock, the phone, media keys)
    through the session, and shows the engine's state; it decides nothing about time. When the
    session ends it posts `Finished` and the App shows the summary."""

    CSS_PATH = "session.tcss"
    BINDINGS = SESSION_KEYS

    @dataclass
    class Finished(Message):
        """The session ended: the App shows its summary (with `notice`, when there is one)."""

        screen: SessionScreen
        entry: Entry
        result: SessionResult
        notice: str | None

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.entry = live.entry
        self.session: Session = live.engine
        self.recorder: Recorder = live.recorder
        self.remote = live.remote
        self.remote.on_change = self._remote_changed
        self.clock = live.clock
        self.player = live.player
        self.notice = ""  # the latest thing to tell the user; the status line shows it
        self._timer: Timer | None = None
        self._shown: dict[str, object] = {}
        # The scores rated in each step, by index and side (None: a move without sides).
        self._rated: dict[int, dict[str | None, int]] = {}

    def compose(self) -> ComposeResult:
        live = self.live
        # The classes the first frame needs, before the widgets below are styled: each class
        # added after that restyles the whole screen, and the first frame waits for it.
        first = live.engine.plan.steps[live.start_at[0]]
        self.set_class(True, f"-{first.kind}", *size_classes(self.app.size), update=False)
        # Read from the floor: the phase and the move's name on top, the time as large as the
        # window allows, the side on rows of its own, the next move at the bottom.
        yield Static(id="banner")
        yield BlockTitle(id="move")
        with Horizontal(id="how-row"):
            yield Static(id="how")
            yield FigureView(id="figure")
        yield SideBand(id="side")
        yield BigClock(id="clock")
        yield Static(id="sub")
        with Vertical(id="progress"):
            with Horizontal(classes="bar-row"):
                yield Static(Content("step   "), classes="bar-label")
                yield Meter(id="step-bar")
                yield Static(classes="bar-value")
            with Horizontal(classes="bar-row"):
                yield Static(Content("session"), classes="bar-label")
                yield Meter(id="session-bar")
                yield Static(id="session-left", classes="bar-value")
            yield Static(id="next")
        yield Static(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Notifications pop up in the corner, over the clock: what they said before the session
        # began has been said; what comes now goes to the status line (`show_notice`).
        self.app.clear_notifications()
        self.session.listen(self._heard)
        self.live.start()
        self.sync()
        if self.live.remote_on:
            self.call_later(self.action_remote)
        if self.live.desktop is not None:
            self.call_after_refresh(self._join_desktop)  # after the first frame

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.remote.stop_soon()
        if self.live.desktop is not None:
            self.live.desktop.stop_soon()

    def _heard(self, event: Event) -> None:
        """The last three seconds of a step, seen where their tones cannot be heard (the bell
        rings for none of them, or the sound is off): the clock flashes each second."""
        if isinstance(event, Countdown) and (self.player.muted or self.player.active == "bell"):
            clock = self.query_one("#clock", BigClock)
            clock.add_class("-tick")
            self.set_timer(0.4, lambda: clock.remove_class("-tick"))

    # ----- time -----

    def sync(self) -> None:
        """Bring the engine up to now, show what changed, and sleep until the next change."""
        self.session.update()
        if self.session.finished:
            self._finish()
            return
        self.recorder.tick()
        self.render_state()
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.session.state != "running":
            return
        clock = self.clock
        delays = [until_display_changes(self.session.remaining())]
        hold = self.session.hold_remaining()
        if hold is not None:
            delays.append(until_display_changes(hold))
        due = self.session.next_due()
        if due is not None:
            delays.append(due - clock())
        self._timer = self.set_timer(max(0.0, min(delays)) + _EPSILON, self.sync)

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.remote.stop_soon()
        result = self.session.result
        if result is not None:
            # A session whose end could not be written (a full disk, say) says so there.
            notice = self.recorder.final_message if self.recorder.final_write_failed else None
            self.post_message(self.Finished(self, self.entry, result, notice))

    # ----- keys -----

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space shows (and does) Pause while running and Resume while paused."""
        if action == "control" and parameters and parameters[0] in ("pause", "resume"):
            return (parameters[0] == "resume") == self.session.paused
        return True

    def action_control(self, name: str, score: int | None = None) -> None:
        """A key's control of the vocabulary; stop asks first; a digit rates the side shown."""
        control = Control(name)
        if control is Control.STOP:
            self.action_quit()
        elif control is Control.RATE and score is not None:
            step = self.session.step
            side = side_to_rate(step, self._rated.get(step.index, {}))
            try:
                self.apply_control(rating(side, score))
            except CommandError as exc:
                self.show_notice(f"{exc}; nothing was recorded")
        else:
            self.apply_control(control)

    def apply_control(self, control: Control | Command | str) -> None:
        """A control of the vocabulary, whichever way it came (a key, the clock, the phone, a
        media key), then show the result. Stop stops at once: whoever sent it has confirmed.
        A command the session cannot take raises CommandError, for its sender to say so."""
        command = control if isinstance(control, Command) else Command(Control(control))
        if command.control is Control.STOP:
            self.stop()
            return
        was_paused = self.session.paused
        events = self.live.apply(command)
        for event in events:
            if isinstance(event, Rated):
                self._rated.setdefault(event.index, {})[event.side] = event.score
                side = f"{event.side} side " if event.side else ""
                self.show_notice(f"Rated {event.move} {side}{event.score} ({event.when})")
        self.sync()
        if any(isinstance(e, TimeChanged) and e.capped for e in events):
            self.show_notice(f"At most {format_clock(MAX_ADDED)} can be added to one step.")
        if self.session.paused != was_paused:
            self.refresh_bindings()

    def on_big_clock_clicked(self, message: BigClock.Clicked) -> None:
        """A click or tap anywhere on the clock toggles, as `p` does."""
        self.apply_control(Control.TOGGLE)

    def action_mute(self) -> None:
        player = self.player
        player.muted = not player.muted
        self.render_status()

    def action_voice(self) -> None:
        player = self.player
        player.voice = not player.voice
        if player.voice:
            player.prepare(spoken_phrases(self.session.plan))
        self.render_status()

    # ----- the remote -----

    async def action_remote(self) -> None:
        """Start the phone remote, or stop it."""
        if self.remote.running:
            await self.remote.stop()
        elif not self.session.finished:
            await self.remote.start(self.session, self.apply_control)

    def action_remote_code(self) -> None:
        self._remote_panel().toggle_class("-shown")

    def _remote_panel(self) -> RemotePanel:
        """The QR code's panel, mounted when the remote is first used: not on the first frame."""
        for panel in self.query(RemotePanel).results(RemotePanel):
            return panel
        panel = RemotePanel(id="remote-panel", classes="-shown")
        self.mount(panel)
        return panel

    def _remote_changed(self) -> None:
        panel = self._remote_panel()
        panel.set_class(self.remote.running, "-on")
        if self.remote.running:
            panel.show_url(self.remote.url)
        self.render_status()

    # ----- the desktop -----

    async def _join_desktop(self) -> None:
        """Media keys, the screen kept on and the notice at the end (unknot.desktop)."""
        desktop = self.live.desktop
        if desktop is not None and not self.session.finished:
            await desktop.start(self.session, self.apply_control)

    def action_help(self) -> None:
        from unknot.tui.dialogs.help import (  # dialogs load when one is first shown
            HelpScreen,
            help_rows,
        )

        rows = help_rows(self)  # the keys as they work in the session, before it waits
        resume = self._pause_while_open()
        note = "the session waits while this is open" if resume else ""
        self.app.push_screen(HelpScreen(rows, note=note), lambda _: self._carry_on(resume))

    def where(self) -> str:
        """Where the session is now, in words: 'Calf sweep, left side, 0:42 left'."""
        return self.session.step.where(countdown_display(self.session.remaining()))

    def action_quit(self) -> None:
        # The time it names stays true: the session waits while the question is open.
        resume = self._pause_while_open()

        def confirmed(answer: bool | None) -> None:
            if answer:
                self.stop()
            else:
                self._carry_on(resume)

        from unknot.tui.dialogs.confirm import ConfirmQuit

        self.app.push_screen(ConfirmQuit(self.where(), paused=resume), confirmed)

    def _pause_while_open(self) -> bool:
        """Pause a running session while a dialog is open over it; True when this paused it."""
        if self.session.finished or self.session.paused:
            return False
        self.apply_control(Control.PAUSE)
        return self.session.paused

    def _carry_on(self, resume: bool) -> None:
        """The dialog has closed: resume the session if opening it paused the session."""
        if resume and self.session.paused and not self.session.finished:
            self.apply_control(Control.RESUME)

    def stop(self) -> None:
        """End the session as stopped (saved where it is) and show its summary."""
        self.session.quit()
        self.sync()

"""The Textual application: a thin shell that wires the clock, the cue player and the screens."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from unknot import startup
from unknot.core.controls import Control
from unknot.data.library import Entry, Library, scan
from unknot.history.resume import as_recorded
from unknot.history.rows import SessionRow
from unknot.session import SessionOptions, Sessions, open_session
from unknot.tui.screens.session import SessionScreen
from unknot.tui.sizes import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS

if TYPE_CHECKING:
    from textual.command import Provider

    from unknot.tui.palette import RoutineChosen
    from unknot.tui.screens.build import BuildScreen
    from unknot.tui.screens.picker import PickerScreen


# Seconds a signal gives the app to save the session and give the terminal back (it takes a
# fraction of one) before the process ends regardless.
EXIT_DEADLINE = 3.0


def _routine_commands() -> type[Provider]:
    # Imported when the palette first opens, not on the way to the first frame.
    from unknot.tui.palette import RoutineCommands

    return RoutineCommands


class UnknotApp(App[int]):
    """The full-screen player: it owns the screen stack (picker, session, summary, history,
    build, dialogs) and what the sessions of this run share (`Sessions`, from open_session).
    Screens post messages up; the App decides what comes next and calls down."""

    TITLE = "unknot"
    # The session screen's CSS comes with the App's: read at the start, it is parsed once, where
    # loading it with the first session's screen would parse every style sheet again.
    CSS_PATH = ["app.tcss", "screens/session.tcss"]
    COMMANDS = App.COMMANDS | {_routine_commands}
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    BINDINGS = [
        Binding(
            "ctrl+c,ctrl+q",
            "quit_now",
            "Quit",
            show=False,
            priority=True,
            tooltip="quit at once (a session is saved as stopped)",
        ),
        Binding(
            "ctrl+z",
            "suspend",
            "Suspend",
            show=False,
            priority=True,
            tooltip="suspend to the shell (it pauses; fg comes back)",
        ),
    ]

    def __init__(
        self,
        sessions: Sessions,
        *,
        start: Entry | None = None,
        load_library: Callable[[], Library] = scan,
    ) -> None:
        super().__init__()
        self.sessions = sessions  # settings, history and player, opened by open_session
        self.clock = sessions.clock
        self.player = sessions.player
        self.history = sessions.history
        self.weekly_goal = sessions.settings.weekly_goal
        self.load_library = load_library
        self._start = start
        self.status_message = ""
        self._resume_message = ""  # what choosing --resume or --fresh has to say
        self.player.use_ring(self.flash)
        # The session screen a suspend has held, and its real clock (see `_catch_suspend`).
        self._suspended: tuple[SessionScreen, Callable[[], float]] | None = None

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: the session's own when it starts at once, so that the first frame
        shows the session; otherwise an empty one, under the picker or the resume question."""
        first = self._first_session()
        if first is None:
            return super().get_default_screen()
        return self._session_screen(*first)

    def _first_session(self) -> tuple[Entry, SessionRow | None] | None:
        """The session to start at once, and the interrupted one it carries on, if any. None
        when the picker comes first, or when an interrupted session of the routine is waiting:
        `on_mount` asks about it first."""
        if self._start is None:
            return None
        options = self.sessions.options
        if options.resume or options.fresh:
            choice = self.sessions.choose(self._start)
            self._resume_message = choice.message or ""
            return choice.entry or self._start, choice.row
        if self.history.unfinished(self._start.id) is not None:
            return None
        return self._start, None

    def on_mount(self) -> None:
        self.call_after_refresh(startup.release)  # the first frame is out: collect as usual
        self._catch_signals()
        self.sessions.listen(self.tell, sound=self._sound_notice)
        if self._resume_message:
            self.tell(self._resume_message)
        if self._start is None:
            self.push_screen(self._picker())  # built only when needed: not for a session
            self.offer_resume(None)
        elif not isinstance(self.screen, SessionScreen):
            self.offer_resume(self._start)  # an interrupted session of it is waiting: ask

    def offer_resume(self, entry: Entry | None) -> None:
        """Ask whether to carry on the newest interrupted session (of `entry`, if given)."""
        row = self.history.unfinished(entry.id if entry is not None else None)
        target = entry
        if row is not None and target is None:
            target = self.load_library().entries.get(row.routine_id)
        if row is None or target is None:
            if entry is not None:
                self.start_session(entry)
            return
        written = target  # starting over runs the routine as written
        target = as_recorded(row, target)  # fitted to the minutes that session was fitted to

        def answered(answer: str | None) -> None:
            assert row is not None and target is not None and written is not None
            if answer == "resume":
                self.start_session(target, resume=row)
                return
            if answer == "fresh":
                self.history.abandon(row.id)
            if answer == "fresh" or entry is not None:
                self.start_session(entry or written)

        from unknot.tui.dialogs.resume import ResumeDialog  # dialogs load when one is first shown

        self.push_screen(ResumeDialog(row, target), answered)

    def start_session(self, entry: Entry, resume: SessionRow | None = None) -> None:
        """Start `entry`; while another session runs, ask first and stop that one properly."""
        running = self.running_session()
        if running is None:
            self.push_screen(self._session_screen(entry, resume))
            return

        def answered(answer: bool | None) -> None:
            if answer and running.is_attached:
                running.session.quit()
                self.replace_screen(self._session_screen(entry, resume))

        from unknot.tui.dialogs.confirm import ConfirmSwitch

        self.push_screen(ConfirmSwitch(running.where(), entry.routine.name), answered)

    def _session_screen(self, entry: Entry, resume: SessionRow | None) -> SessionScreen:
        screen = SessionScreen(self.sessions.begin(entry, resume))
        screen.notice = self.status_message  # what was said just before, such as "Resuming ..."
        return screen

    def _picker(self) -> PickerScreen:
        # Imported when first needed: a session started from the command line never builds it.
        from unknot.tui.screens.picker import PickerScreen

        return PickerScreen(self.load_library)

    # ----- what the screens ask for -----

    def on_picker_screen_start_routine(self, message: PickerScreen.StartRoutine) -> None:
        if message.notes:
            self.status_message = " ".join(message.notes)  # the session's status line says it
        self.start_session(message.entry)

    def on_routine_chosen(self, message: RoutineChosen) -> None:
        self.start_session(message.entry)

    def on_picker_screen_build_session(self, message: PickerScreen.BuildSession) -> None:
        from unknot.core.ratings import recent_tenderness
        from unknot.data.catalog_loader import load_catalog
        from unknot.history.ratings import area_trends
        from unknot.tui.screens.build import BuildScreen

        # The body log, for the build screen's "from my log" (as `build --from-log` reads it).
        tenderness = recent_tenderness(area_trends(self.history))
        self.push_screen(BuildScreen(load_catalog(), message.minutes or "10", tenderness))

    def on_build_screen_start_built(self, message: BuildScreen.StartBuilt) -> None:
        self.start_session(message.entry)

    def on_build_screen_back(self) -> None:
        self.pop_screen()

    def on_picker_screen_show_history(self) -> None:
        from unknot.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.history, self.weekly_goal))

    def on_session_screen_finished(self, message: SessionScreen.Finished) -> None:
        from unknot.tui.screens.summary import SummaryScreen

        if isinstance(self.screen, SessionScreen) and self.screen is not message.screen:
            return  # stopped to start another, which has taken its place: no summary for it

        from unknot.tui.widgets.ratings_table import SessionLog

        ended = message.screen
        log = SessionLog.of(ended.recorder.history, ended.recorder.session_id, ended.session.plan)
        self.replace_screen(
            SummaryScreen(message.entry, message.result, notice=message.notice, log=log)
        )

    def on_summary_screen_back_to_routines(self) -> None:
        self.show_picker()

    def running_session(self) -> SessionScreen | None:
        """The session screen whose session has not ended yet, if there is one."""
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and not screen.session.finished:
                return screen
        return None

    def replace_screen(self, screen: Screen[Any]) -> None:
        """Show `screen` in place of the top one. The first screen (a session started from the
        command line) was never pushed, so Textual cannot switch away from it: it stays below."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_picker(self) -> None:
        """Back to the picker: the one below, or a new one when the app started in a session."""
        from unknot.tui.screens.picker import PickerScreen

        if any(isinstance(screen, PickerScreen) for screen in self.screen_stack[:-1]):
            self.pop_screen()
        else:
            self.replace_screen(self._picker())

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a `kill` (SIGTERM) ends the app as `q` then `y` would:
        the session saved as stopped, the terminal given back, exit status 128 + the signal.

        The process ends within `EXIT_DEADLINE` seconds of the signal whatever the shutdown is
        doing: after a hang-up, Textual restarts its output on the SIGCONT that comes with it,
        that output dies on the gone terminal, and the next writes would wait for it forever."""
        loop = asyncio.get_running_loop()

        def caught(signum: int, _frame: object) -> None:
            # Python runs this at once, even while the event loop waits on a write.
            if loop.is_closed():  # the app has ended: the signal does what it does by default
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
                return
            deadline = threading.Timer(EXIT_DEADLINE, os._exit, args=(128 + signum,))
            deadline.daemon = True
            deadline.start()
            loop.call_soon_threadsafe(self._on_signal, signum)

        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, caught)
        self._catch_suspend(loop)

    def _catch_suspend(self, loop: asyncio.AbstractEventLoop) -> None:
        """A suspend (ctrl+z, or SIGTSTP from outside) pauses the running session as of the
        moment it came, and SIGCONT shows it paused and redraws. Chained before the handlers
        Textual's driver put in place, which give the terminal back and take it again.

        The stop itself happens inside the handler, before the loop runs again: the session's
        clock is held at the moment of the suspend until the loop pauses the session, so the
        time stopped never counts."""
        before_stop = signal.getsignal(signal.SIGTSTP)
        before_continue = signal.getsignal(signal.SIGCONT)

        def stopping(signum: int, frame: Any) -> None:
            running = self.running_session()
            if running is not None and running.session.state == "running":
                engine = running.session
                held = engine.clock()
                self._suspended = (running, engine.clock)
                engine.clock = lambda: held
            if callable(before_stop):
                before_stop(signum, frame)
            else:
                os.kill(os.getpid(), signal.SIGSTOP)

        def continuing(signum: int, frame: Any) -> None:
            if callable(before_continue):
                before_continue(signum, frame)
            loop.call_soon_threadsafe(self._after_suspend)

        signal.signal(signal.SIGTSTP, stopping)
        signal.signal(signal.SIGCONT, continuing)

    def _after_suspend(self) -> None:
        suspended, self._suspended = self._suspended, None
        if suspended is not None:
            screen, clock = suspended
            screen.apply_control(Control.PAUSE)  # paused as of the suspend: the clock is held
            screen.session.clock = clock
            screen.sync()
            screen.show_notice("Paused while suspended: space carries on.")
        self.refresh(layout=True)

    def action_suspend(self) -> None:
        """ctrl+z: to the shell, as other full-screen programs do; the session pauses."""
        self.action_suspend_process()

    def _on_signal(self, signum: int) -> None:
        running = self.running_session()
        if running is not None:
            running.session.quit()
        self.exit(128 + signum)

    def tell(self, message: str) -> None:
        """Say something once (thread-safe): in the status line during a session, where it covers
        nothing, and as a notification on the other screens."""
        self.status_message = message
        self.call_from_thread_safe(lambda: self._show_notice(message))

    def _sound_notice(self, message: str) -> None:
        """The player changed (to the bell): the session's status line says so by itself, from
        the player; elsewhere a notification tells it once (thread-safe)."""
        self.call_from_thread_safe(lambda: self._show_notice(message))

    def _show_notice(self, message: str) -> None:
        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.show_notice(self.status_message)
        else:
            self.notify(message, timeout=8)

    def call_from_thread_safe(self, callback: Callable[[], object]) -> None:
        try:
            self.call_from_thread(callback)
        except RuntimeError:  # already on the app's thread
            callback()

    def flash(self) -> None:
        """The bell, with a visual flash for whoever cannot hear it."""
        self.call_from_thread_safe(self._flash)

    def _flash(self) -> None:
        self.bell()
        # The screen that flashed, not whichever is on top in 0.25 s: by then the app may be
        # closing with no screen at all.
        screen = self.screen
        screen.add_class("-flash")
        self.set_timer(0.25, lambda: screen.remove_class("-flash"))

    def action_quit_now(self) -> None:
        running = self.running_session()
        if running is not None:
            running.session.quit()
        self.exit(0)


def run_tui(options: SessionOptions, start: Entry | None = None) -> int:
    """The full-screen player: a session of `start` at once, or the picker first."""
    with open_session(options) as sessions:
        app = UnknotApp(sessions, start=start)
        result = app.run()
    if isinstance(result, int):
        return result
    return app.return_code or 0

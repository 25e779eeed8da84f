"""The Textual application: a thin shell that wires the clock, the cue player and the screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from app import paths
from app.audio import BellPlayer, CuePlayer, bell_notice, make_player
from app.clock import Clock, monotonic
from app.history import History, SessionRow
from app.library import Entry, Library, scan
from app.resume import changed, choose_resume
from app.settings import load_settings
from app.tui.dialogs import ResumeDialog
from app.tui.session_screen import SessionScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen


def _routine_commands() -> type[Provider]:
    # Imported when the palette first opens, not on the way to the first frame.
    from app.tui.commands import RoutineCommands

    return RoutineCommands


def _picker() -> Screen[None]:
    from app.tui.picker import PickerScreen

    return PickerScreen()


class UnknotApp(App[int]):
    TITLE = "unknot"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_routine_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]
    BINDINGS = [Binding("ctrl+c", "quit_now", "Quit", show=False, priority=True)]

    def __init__(
        self,
        *,
        clock: Clock = monotonic,
        player: CuePlayer | None = None,
        start: Entry | None = None,
        load_library: Callable[[], Library] = scan,
        history: History | None = None,
        resume: bool = False,
        fresh: bool = False,
        weekly_goal: int = 2,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.player = player if player is not None else BellPlayer()
        self.load_library = load_library
        self._start = start
        self._resume = resume
        self._fresh = fresh
        self.history = history if history is not None else History(paths.history_db())
        self.weekly_goal = weekly_goal
        self.status_message = ""
        self.player.on_notice(self.tell)
        self.player.use_ring(self.flash)
        if self.player.active == "bell" and self.player.reason:
            self.status_message = bell_notice(self.player.reason)

    def on_mount(self) -> None:
        if self.history.message:
            self.tell(self.history.message)
        if self._start is None:
            self.push_screen(_picker())
            self.offer_resume(None)
        elif self._resume or self._fresh:
            choice = choose_resume(
                self.history, self._start, resume=self._resume, fresh=self._fresh
            )
            if choice.message:
                self.tell(choice.message)
            self.start_session(self._start, resume=choice.row)
        else:
            # Straight into a session (the picker is built only when first needed), unless an
            # interrupted one of this routine is waiting: then ask first.
            self.offer_resume(self._start)

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

        def answered(answer: bool | None) -> None:
            assert row is not None and target is not None
            if answer and not changed(row, target):
                self.start_session(target, resume=row)
                return
            self.history.abandon(row.id)
            if answer or entry is not None:
                self.start_session(target)

        self.push_screen(ResumeDialog(row, target), answered)

    def start_session(self, entry: Entry, resume: SessionRow | None = None) -> None:
        self.push_screen(SessionScreen(entry, resume=resume))

    def show_picker(self) -> None:
        """Back to the picker: the one below, or a new one when the app started in a session."""
        from app.tui.picker import PickerScreen

        if any(isinstance(screen, PickerScreen) for screen in self.screen_stack[:-1]):
            self.pop_screen()
        else:
            self.switch_screen(_picker())

    def tell(self, message: str) -> None:
        """Say something once, in the status line of whichever screen shows (thread-safe)."""
        self.status_message = message
        self.call_from_thread_safe(lambda: self.notify(message, timeout=8))

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
        self.screen.add_class("-flash")
        self.set_timer(0.25, lambda: self.screen.remove_class("-flash"))

    def action_quit_now(self) -> None:
        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.session.quit()
        self.exit(0)


def run_tui(
    start: Entry | None = None,
    *,
    mute: bool = False,
    voice: bool = True,
    resume: bool = False,
    fresh: bool = False,
) -> int:
    player = make_player(voice=voice)
    player.muted = mute
    settings = load_settings()
    app = UnknotApp(
        start=start,
        player=player,
        resume=resume,
        fresh=fresh,
        weekly_goal=settings.weekly_goal,
    )
    if settings.problem:
        app.status_message = settings.problem
    try:
        result = app.run()
    finally:
        app.player.close()
        app.history.close()
    return result if isinstance(result, int) else 0

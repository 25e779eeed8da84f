"""The Textual application: a thin shell that wires the clock, the cue player and the screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.binding import Binding

from app.audio import BellPlayer, CuePlayer, make_player
from app.clock import Clock, monotonic
from app.library import Entry, Library, scan
from app.tui.commands import RoutineCommands
from app.tui.picker import PickerScreen
from app.tui.session_screen import SessionScreen


class UnknotApp(App[int]):
    TITLE = "unknot"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {RoutineCommands}
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
    ) -> None:
        super().__init__()
        self.clock = clock
        self.player = player if player is not None else BellPlayer()
        self.load_library = load_library
        self._start = start
        self.status_message = ""
        self.player.on_notice(self.tell)
        self.player.use_ring(self.flash)
        if self.player.active == "bell" and self.player.reason:
            self.status_message = f"Sound: {self.player.reason}; using the terminal bell"

    def on_mount(self) -> None:
        self.push_screen(PickerScreen())
        if self._start is not None:
            self.start_session(self._start)

    def start_session(self, entry: Entry) -> None:
        self.push_screen(SessionScreen(entry))

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


def run_tui(start: Entry | None = None, *, mute: bool = False, voice: bool = True) -> int:
    player = make_player(voice=voice)
    player.muted = mute
    app = UnknotApp(start=start, player=player)
    try:
        result = app.run()
    finally:
        app.player.close()
    return result if isinstance(result, int) else 0

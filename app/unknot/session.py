"""Where a session is assembled, once for every front end: `open_session(options)`.

It opens what every session of one run of the program shares (the settings, the history and the
cue player) and closes each of them on every way out: the end, a stop, a signal or an exception.
Inside it, `Sessions.begin(entry)` assembles one session: the engine on its clock, its cues going
to the player, its history recorded, starting fresh or where an interrupted session stopped, and
its remote (served to a phone) ready to start in the front end's own asyncio loop.

The full-screen player and plain mode both start sessions here, so a session is the same
whichever way it is followed; the front ends only show it and pass on the runner's controls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unknot.audio import CuePlayer, bell_notice, make_player
from unknot.audio.cues import spoken_phrases
from unknot.core.clock import Clock, monotonic
from unknot.core.controls import Command, Control
from unknot.core.engine import Session
from unknot.core.events import Event
from unknot.core.plan import build_plan
from unknot.data import paths
from unknot.data.library import Entry
from unknot.data.settings import Settings, load_settings
from unknot.desktop import bus_address
from unknot.history.recorder import Recorder
from unknot.history.resume import ResumeChoice, choose_resume, start_position
from unknot.history.rows import SessionRow
from unknot.history.store import History
from unknot.remote.host import Address, RemoteHost

if TYPE_CHECKING:
    from unknot.desktop.bridge import DesktopBridge

Notify = Callable[[str], None]


class Notices:
    """Where what there is to tell goes: held until a front end listens, then passed on as it
    comes. The history, the player and the settings speak before any screen exists. What the
    sound has to say (`sound`) goes to its own listener where the front end has one: the full
    screen's status line already shows the player's state."""

    def __init__(self) -> None:
        self._held: list[tuple[str, bool]] = []
        self._listeners: tuple[Notify, Notify] | None = None

    def __call__(self, message: str, *, sound: bool = False) -> None:
        if self._listeners is None:
            self._held.append((message, sound))
        else:
            self._listeners[sound](message)

    def sound(self, message: str) -> None:
        self(message, sound=True)

    def listen(self, tell: Notify, sound: Notify | None = None) -> None:
        self._listeners = (tell, sound if sound is not None else tell)
        held, self._held = self._held, []
        for message, about_sound in held:
            self(message, sound=about_sound)


@dataclass(frozen=True)
class SessionOptions:
    """How this run of the program plays sessions: the command line's choices.

    `resume` and `fresh` are `run --resume` and `run --fresh`; `remote` is `--remote`'s address
    (None: the remote starts only when asked); `desktop` False is `--no-desktop`.
    """

    mute: bool = False
    voice: bool = True
    resume: bool = False
    fresh: bool = False
    remote: Address | None = None
    desktop: bool = True
    clock: Clock = monotonic


class LiveSession:
    """One run of a routine: `engine` decides, `recorder` keeps history, `player` sounds cues,
    `remote` serves it to a phone while it is started, `desktop` (None: off, or no session bus)
    puts it on the desktop's bus. Controls go through `apply`."""

    def __init__(
        self,
        entry: Entry,
        *,
        player: CuePlayer,
        history: History,
        clock: Clock = monotonic,
        resume: SessionRow | None = None,
        remote: Address | None = None,
        desktop: DesktopBridge | None = None,
        rate_prompts: bool = True,
    ) -> None:
        self.entry = entry
        self.desktop = desktop
        self.rate_prompts = rate_prompts  # the screen asks how tender each side is (settings)
        self.player = player
        self.engine = Session(
            build_plan(entry.routine),
            clock=clock,
            routine_id=entry.id,
            routine_name=entry.routine.name,
        )
        self.engine.listen(player.cue)
        self.recorder = Recorder(history, self.engine, entry, resume=resume)
        self.remote = RemoteHost(remote)
        self.remote_on = remote is not None  # --remote: served from the start
        # Where it starts: the first step, or the step (and time left) a resumed one was in.
        self.start_at = start_position(resume)
        # The opening phrase is rendered now, before the first step; the rest in the background,
        # so no later cue ever waits for it.
        player.prepare(spoken_phrases(self.engine.plan, start=self.start_at[0]))

    @property
    def clock(self) -> Clock:
        return self.engine.clock

    def start(self) -> None:
        self.engine.start(*self.start_at)

    def apply(self, control: Control | Command) -> list[Event]:
        """One control of the vocabulary, whichever way it came (a key, a word, a phone); a
        command the session cannot take now raises CommandError and changes nothing."""
        return self.engine.apply(control)

    def close(self) -> None:
        """Keep the place to resume from (a no-op once the session has ended), and stop the
        remote and the desktop bridge if they still run."""
        self.recorder.checkpoint(force=True)
        self.remote.stop_soon()
        if self.desktop is not None:
            self.desktop.stop_soon()


class Sessions:
    """What `open_session` opens: the settings, history and cue player that every session of
    this run shares, what there is to tell about them (`listen`), and `begin` to assemble a
    session."""

    def __init__(
        self,
        options: SessionOptions,
        *,
        player: CuePlayer,
        history: History,
        settings: Settings | None = None,
        notices: Notices | None = None,
    ) -> None:
        self.options = options
        self.player = player
        self.history = history
        self.settings = settings if settings is not None else Settings()
        self.notices = notices if notices is not None else Notices()
        self.live: list[LiveSession] = []
        player.muted = options.mute
        player.on_notice(self.notices.sound)
        if self.settings.problem:
            self.notices(f"Settings: {self.settings.problem}")
        if player.active == "bell" and player.bell_why and not options.mute:
            self.notices.sound(bell_notice(player.bell_why))

    def listen(self, tell: Notify, sound: Notify | None = None) -> None:
        """Send what there is to tell to `tell` (what the sound says to `sound`, if given): what
        was said so far at once, the rest as it comes (a history that stops saving, sound that
        falls back to the bell)."""
        self.notices.listen(tell, sound)

    @property
    def clock(self) -> Clock:
        return self.options.clock

    def choose(self, entry: Entry) -> ResumeChoice:
        """What `--resume` and `--fresh` mean for `entry` (start over when neither is given)."""
        return choose_resume(
            self.history, entry, resume=self.options.resume, fresh=self.options.fresh
        )

    def begin(self, entry: Entry, resume: SessionRow | None = None) -> LiveSession:
        """Assemble one session of `entry` (carrying on `resume`, if given); the front end starts
        it when its first frame is ready."""
        live = LiveSession(
            entry,
            player=self.player,
            history=self.history,
            clock=self.options.clock,
            resume=resume,
            remote=self.options.remote,
            desktop=self._desktop(),
            rate_prompts=self.settings.rate_prompts,
        )
        self.live.append(live)
        return live

    def _desktop(self) -> DesktopBridge | None:
        """The desktop bridge, where it is on and a session bus is there to join."""
        if not (self.options.desktop and self.settings.desktop and bus_address()):
            return None
        from unknot.desktop.bridge import DesktopBridge  # dbus-fast loads only with a bus

        return DesktopBridge(notifications=self.settings.notifications)

    def close(self) -> None:
        for live in self.live:
            live.close()
        self.player.close()
        self.history.close()


@contextlib.contextmanager
def open_session(
    options: SessionOptions, *, player: CuePlayer | None = None, history: History | None = None
) -> Iterator[Sessions]:
    """Open the settings, history and cue player for sessions played with `options`, and close
    each of them however the block is left. `player` and `history` replace the real ones (tests,
    the bench)."""
    settings = load_settings()
    notices = Notices()
    if history is None:
        history = History(paths.history_db(), notify=notices)  # it tells what goes wrong
    try:
        if player is None:
            player = make_player(voice=options.voice, muted=options.mute)
        sessions = Sessions(
            options, player=player, history=history, settings=settings, notices=notices
        )
    except BaseException:
        history.close()
        raise
    try:
        yield sessions
    finally:
        sessions.close()

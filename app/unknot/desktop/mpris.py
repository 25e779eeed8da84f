"""The session as an MPRIS media player: `org.mpris.MediaPlayer2` and its `.Player`.

What a desktop's media controls ask of a player, answered from the engine: the step as the
track (its title as the session screen names it, the routine as the artist, the step's length),
playing or paused, and the time into the step as the position. A method arrives as a control
of the vocabulary (`MPRIS_CONTROLS`) and goes to the front end's `apply`, as a key would.
"""

# No `from __future__ import annotations` here: dbus-fast reads the signatures from the
# annotations, and a postponed `-> None` reads to it as a literal None instead of no reply.
from collections.abc import Callable
from typing import Annotated

from dbus_fast import PropertyAccess, Variant
from dbus_fast.annotations import (
    DBusBool,
    DBusDict,
    DBusDouble,
    DBusInt64,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property

from unknot.core.controls import Control
from unknot.core.engine import Session
from unknot.core.plan import Step
from unknot.desktop.media_keys import MPRIS_CONTROLS

OBJECT_PATH = "/org/mpris/MediaPlayer2"
BUS_NAME = "org.mpris.MediaPlayer2.unknot"
IDENTITY = "unknot"
TRACK_PATH = "/org/unknot/step/"  # + the step's index: a track id per step
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"

DBusStrings = Annotated[list[str], DBusSignature("as")]

Apply = Callable[[Control], object]  # what it returns is not used


def step_title(step: Step) -> str:
    """The step as the session screen names it: 'IT band, left side', 'Switch sides'."""
    if step.kind == "switch":
        return "Switch sides"
    if step.kind == "transition":
        return f"Get ready: {step.move.name}"
    return f"{step.move.name}, {step.side} side" if step.side else step.move.name


def playback_status(engine: Session) -> str:
    if engine.state == "running":
        return "Playing"
    return "Paused" if engine.state == "paused" else "Stopped"


def metadata(engine: Session) -> dict[str, Variant]:
    """The current step as MPRIS metadata; empty but for the no-track id once it has ended."""
    if engine.state in ("ready", "finished"):
        return {"mpris:trackid": Variant("o", NO_TRACK)}
    step = engine.step
    return {
        "mpris:trackid": Variant("o", f"{TRACK_PATH}{step.index}"),
        "mpris:length": Variant("x", _micro(engine.step_length())),
        "xesam:title": Variant("s", step_title(step)),
        "xesam:artist": Variant("as", [engine.routine_name]),
        "xesam:album": Variant("s", engine.routine_name),
    }


def position(engine: Session) -> int:
    """Microseconds into the current step (0 before the start and after the end)."""
    if engine.state in ("ready", "finished"):
        return 0
    return _micro(max(0.0, engine.step_length() - engine.remaining()))


def _micro(seconds: float) -> int:
    return round(seconds * 1_000_000)


class MediaPlayer(ServiceInterface):
    """`org.mpris.MediaPlayer2`: who the player is. It cannot raise a window or quit."""

    def __init__(self) -> None:
        super().__init__("org.mpris.MediaPlayer2")

    @dbus_method(name="Raise")
    def raise_(self) -> None:
        """Nothing to raise: the session runs in a terminal."""

    @dbus_method(name="Quit")
    def quit(self) -> None:
        """CanQuit is false: stopping is the Player's Stop."""

    @dbus_property(access=PropertyAccess.READ, name="CanQuit")
    def can_quit(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ, name="CanRaise")
    def can_raise(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ, name="HasTrackList")
    def has_track_list(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ, name="Identity")
    def identity(self) -> DBusStr:
        return IDENTITY

    @dbus_property(access=PropertyAccess.READ, name="SupportedUriSchemes")
    def supported_uri_schemes(self) -> DBusStrings:
        return []

    @dbus_property(access=PropertyAccess.READ, name="SupportedMimeTypes")
    def supported_mime_types(self) -> DBusStrings:
        return []


class Player(ServiceInterface):
    """`org.mpris.MediaPlayer2.Player`: the session's state, and its controls."""

    def __init__(self, engine: Session, apply: Apply) -> None:
        super().__init__("org.mpris.MediaPlayer2.Player")
        self.engine = engine
        self.apply = apply

    def changed(self) -> None:
        """Tell the bus what may have changed (PropertiesChanged): after every engine event."""
        self.emit_properties_changed(
            {
                "PlaybackStatus": playback_status(self.engine),
                "Metadata": metadata(self.engine),
                "CanGoNext": self._controllable(),
                "CanGoPrevious": self._controllable(),
                "CanPlay": self._controllable(),
                "CanPause": self._controllable(),
            }
        )

    def _control(self, method: str) -> None:
        if not self.engine.finished:
            self.apply(MPRIS_CONTROLS[method])

    def _controllable(self) -> bool:
        return self.engine.state in ("running", "paused")

    # ----- methods: each a control of the vocabulary -----

    @dbus_method(name="PlayPause")
    def play_pause(self) -> None:
        self._control("PlayPause")

    @dbus_method(name="Play")
    def play(self) -> None:
        self._control("Play")

    @dbus_method(name="Pause")
    def pause(self) -> None:
        self._control("Pause")

    @dbus_method(name="Next")
    def next(self) -> None:
        self._control("Next")

    @dbus_method(name="Previous")
    def previous(self) -> None:
        self._control("Previous")

    @dbus_method(name="Stop")
    def stop(self) -> None:
        self._control("Stop")

    @dbus_method(name="Seek")
    def seek(self, offset: DBusInt64) -> None:
        """CanSeek is false: a step's time is moved with more and less, not by seeking."""

    @dbus_method(name="SetPosition")
    def set_position(self, track: DBusObjectPath, at: DBusInt64) -> None:
        """CanSeek is false."""

    @dbus_method(name="OpenUri")
    def open_uri(self, uri: DBusStr) -> None:
        """No URI schemes are supported."""

    # ----- properties -----

    @dbus_property(access=PropertyAccess.READ, name="PlaybackStatus")
    def playback_status(self) -> DBusStr:
        return playback_status(self.engine)

    @dbus_property(access=PropertyAccess.READ, name="Metadata")
    def metadata(self) -> DBusDict:
        return metadata(self.engine)

    @dbus_property(access=PropertyAccess.READ, name="Position")
    def position(self) -> DBusInt64:
        return position(self.engine)

    @dbus_property(access=PropertyAccess.READ, name="Rate")
    def rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ, name="MinimumRate")
    def minimum_rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ, name="MaximumRate")
    def maximum_rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ, name="Volume")
    def volume(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ, name="CanGoNext")
    def can_go_next(self) -> DBusBool:
        return self._controllable()

    @dbus_property(access=PropertyAccess.READ, name="CanGoPrevious")
    def can_go_previous(self) -> DBusBool:
        return self._controllable()

    @dbus_property(access=PropertyAccess.READ, name="CanPlay")
    def can_play(self) -> DBusBool:
        return self._controllable()

    @dbus_property(access=PropertyAccess.READ, name="CanPause")
    def can_pause(self) -> DBusBool:
        return self._controllable()

    @dbus_property(access=PropertyAccess.READ, name="CanSeek")
    def can_seek(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ, name="CanControl")
    def can_control(self) -> DBusBool:
        return True

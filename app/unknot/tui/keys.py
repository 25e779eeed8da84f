"""The session screen's keys. Help is made from this list, so every key here is in it."""

from __future__ import annotations

from textual.binding import Binding, BindingType

SESSION_KEYS: list[BindingType] = [
    # Each engine control is one action with the engine method's name as its argument. Space
    # has two bindings so that the footer says what it will do now: pause, or resume.
    Binding("space", "control('pause')", "Pause", id="session.pause", tooltip="pause"),
    Binding("space", "control('resume')", "Resume", id="session.resume", tooltip="resume"),
    Binding(
        "n,right",
        "control('next')",
        "Next",
        id="session.next",
        tooltip="next: skip the rest of this step",
    ),
    Binding(
        "b,left",
        "control('back')",
        "Back",
        id="session.back",
        tooltip="back: restart this step (in its first 3 s: the one before)",
    ),
    Binding(
        "h",
        "control('hold')",
        "Hold",
        id="session.hold",
        tooltip="hold a hot spot (again: let go)",
    ),
    Binding(
        "plus,equals_sign",
        "control('more')",
        "+30s",
        id="session.more",
        tooltip="30 s more on this step",
    ),
    Binding(
        "minus", "control('less')", "-30s", id="session.less", tooltip="30 s less on this step"
    ),
    Binding("m", "mute", "Mute", id="session.mute", tooltip="sound on / off"),
    Binding(
        "v",
        "voice",
        "Voice",
        id="session.voice",
        show=False,
        tooltip="spoken announcements on / off",
    ),
    Binding(
        "r",
        "remote",
        "Remote",
        id="session.remote",
        show=False,
        tooltip="phone remote on / off (its URL and QR code)",
    ),
    Binding(
        "c",
        "remote_code",
        "Code",
        id="session.remote_code",
        show=False,
        tooltip="show / hide the remote's QR code",
    ),
    Binding("question_mark", "help", "Help", id="session.help", tooltip="this help"),
    Binding("q", "quit", "Quit", id="session.quit", tooltip="stop the session (asks first)"),
]

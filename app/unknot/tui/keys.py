"""The session screen's keys: a table onto the vocabulary of controls (`unknot.core.controls`),
then the keys that belong to the screen itself. Help is made from this list, so every key here
is in it, and each control's help text is the vocabulary's own."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from unknot.core.controls import INFO, Control

# Each control's keys and its short footer label (None: not in the footer). Space has a binding
# for pause and one for resume, so that the footer says what it will do now; `p` toggles.
CONTROL_KEYS: dict[Control, tuple[str, str | None]] = {
    Control.PAUSE: ("space", "Pause"),
    Control.RESUME: ("space", "Resume"),
    Control.TOGGLE: ("p", None),
    Control.NEXT: ("n,right", "Next"),
    Control.BACK: ("b,left", "Back"),
    Control.HOLD: ("h", "Hold"),
    Control.MORE: ("plus,equals_sign", "+30s"),
    Control.LESS: ("minus", "-30s"),
    Control.STOP: ("q", "Quit"),
    Control.RATE: ("0-9,t", None),  # a binding per score: RATING_KEYS
}

# The digits rate the side shown (or the one being asked about) 0 to 9; t ("ten") rates 10.
RATING_KEYS: dict[str, int] = {**{str(n): n for n in range(10)}, "t": 10}


def _control(control: Control) -> Binding:
    keys, label = CONTROL_KEYS[control]
    help_text = INFO[control].help
    if control is Control.STOP:
        help_text += " (asks first)"
    elif control in (Control.PAUSE, Control.RESUME):
        help_text = INFO[Control.TOGGLE].help  # space pauses or resumes, as p does
    return Binding(
        keys,
        f"control('{control.value}')",
        label or INFO[control].label,
        id=f"session.{control.value}",
        show=label is not None,
        tooltip=help_text,
    )


def _rating(key: str, score: int) -> Binding:
    return Binding(
        key,
        f"control('rate', {score})",
        f"Rate {score}",
        id=f"session.rate{score}",
        show=False,
        tooltip="rate the side shown 0-10 (t: 10)",
    )


SESSION_KEYS: list[BindingType] = [
    *(_control(c) for c in Control if c not in (Control.STOP, Control.RATE)),
    *(_rating(key, score) for key, score in RATING_KEYS.items()),
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
    _control(Control.STOP),
]

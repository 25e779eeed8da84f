"""The media keys as controls: MPRIS's Player methods, a thin table onto the vocabulary.

Headset buttons, keyboard media keys, `playerctl` and the desktop's media controls all arrive as
one of these methods. Hold, more and less have no media key (MPRIS has no method that means
them), so they stay on the keys, plain mode's words and the remote; nor has rate, which needs a
side and a score that no media key can carry.
"""

from __future__ import annotations

from unknot.core.controls import Control

MPRIS_CONTROLS: dict[str, Control] = {
    "PlayPause": Control.TOGGLE,
    "Play": Control.RESUME,
    "Pause": Control.PAUSE,
    "Next": Control.NEXT,
    "Previous": Control.BACK,
    "Stop": Control.STOP,
}

# The controls no MPRIS method can send; a test checks this and the table cover the vocabulary.
NO_MEDIA_KEY: frozenset[Control] = frozenset(
    {Control.HOLD, Control.MORE, Control.LESS, Control.RATE}
)

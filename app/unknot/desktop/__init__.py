"""The desktop: media keys (MPRIS), the screen kept on and notifications, on the D-Bus session
bus, above the session and below the front ends, in the front end's asyncio loop (`bridge`).

dbus-fast loads only when there is a session bus to use: `bus_address()` here needs nothing.
"""

from __future__ import annotations

import os


def bus_address() -> str:
    """The session bus's address, or '' when there is none to use (SSH, a container, CI)."""
    return os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")

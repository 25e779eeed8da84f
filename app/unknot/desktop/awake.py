"""The screen kept on while a session runs: an idle inhibition on the session bus.

`org.freedesktop.ScreenSaver.Inhibit` is what GNOME, KDE, Xfce and others answer; where only
the desktop portal does (a sandbox), its `Inhibit` with the idle flag is used instead. The
inhibition is released when the session ends or is stopped; when the process dies, its bus
connection closes and the screen saver drops what that connection held.
"""

from __future__ import annotations

from dbus_fast import Variant
from dbus_fast.aio import MessageBus

from unknot.desktop.calls import call

SCREENSAVER = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INHIBIT = "org.freedesktop.portal.Inhibit"
PORTAL_IDLE = 8  # the portal's flag for "do not go idle"
APP = "unknot"
REASON = "A session is running: the countdown must stay visible"


class ScreenKeeper:
    """Holds one inhibition: through the screen saver (a cookie) or the portal (a request)."""

    def __init__(self) -> None:
        self.by = ""  # "screensaver", "portal" or "" (not held)
        self.problem = ""
        self._cookie = 0
        self._request = ""

    @property
    def held(self) -> bool:
        return bool(self.by)

    async def take(self, bus: MessageBus) -> bool:
        if self.held:
            return True
        reply = await call(
            bus, SCREENSAVER, SCREENSAVER_PATH, SCREENSAVER, "Inhibit", "ss", [APP, REASON]
        )
        if reply.ok and reply.body:
            self._cookie = int(str(reply.body[0]))
            self.by = "screensaver"
            return True
        problem = reply.error
        reply = await call(
            bus,
            PORTAL,
            PORTAL_PATH,
            PORTAL_INHIBIT,
            "Inhibit",
            "sua{sv}",
            ["", PORTAL_IDLE, {"reason": Variant("s", REASON)}],
        )
        if reply.ok and reply.body:
            self._request = str(reply.body[0])
            self.by = "portal"
            return True
        self.problem = f"the screen may blank: {problem}"
        return False

    async def release(self, bus: MessageBus) -> None:
        if self.by == "screensaver":
            await call(
                bus, SCREENSAVER, SCREENSAVER_PATH, SCREENSAVER, "UnInhibit", "u", [self._cookie]
            )
        elif self.by == "portal":
            await call(bus, PORTAL, self._request, "org.freedesktop.portal.Request", "Close")
        self.by = ""

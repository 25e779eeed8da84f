"""Desktop notifications (`org.freedesktop.Notifications`): the one that says a session ended."""

from __future__ import annotations

from dbus_fast import Variant
from dbus_fast.aio import MessageBus

from unknot.core.durations import format_clock
from unknot.core.result import SessionResult
from unknot.desktop.calls import Reply, call

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
APP = "unknot"


def finished_text(routine: str, result: SessionResult) -> tuple[str, str]:
    """The summary and body: 'Session complete', 'Pre-run: five muscles - 12:30'."""
    return "Session complete", f"{routine} - {format_clock(result.elapsed_seconds)}"


async def notify(bus: MessageBus, summary: str, body: str) -> Reply:
    return await call(
        bus,
        NOTIFICATIONS,
        NOTIFICATIONS_PATH,
        NOTIFICATIONS,
        "Notify",
        "susssasa{sv}i",
        [APP, 0, "", summary, body, [], {"urgency": Variant("y", 1)}, -1],
    )

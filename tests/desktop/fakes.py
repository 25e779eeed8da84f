"""A desktop for the tests: the screen saver and notification services a real one answers with,
written with dbus-fast on a bus of the tests' own (`dbus-run-session`).

The screen saver keeps each inhibition with the connection that took it and drops it when that
connection leaves the bus (NameOwnerChanged), as GNOME's and KDE's do: that is how a killed
process's inhibition ends.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dbus_fast import Message, MessageType, NameFlag
from dbus_fast.aio import MessageBus

from unknot.desktop.calls import call

SCREENSAVER = "org.freedesktop.ScreenSaver"
NOTIFICATIONS = "org.freedesktop.Notifications"
PORTAL = "org.freedesktop.portal.Desktop"


@dataclass
class FakeDesktop:
    """What the desktop was asked: inhibitions held (cookie -> sender), every step of their
    lives, and the notifications shown (summary, body)."""

    bus: MessageBus
    held: dict[int, str] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)
    notifications: list[tuple[str, str]] = field(default_factory=list)
    portal_requests: list[str] = field(default_factory=list)
    _next: int = 1

    def handle(self, msg: Message) -> Message | bool | None:
        if msg.message_type == MessageType.SIGNAL and msg.member == "NameOwnerChanged":
            name, _old, new = msg.body
            if not new:
                for cookie, sender in list(self.held.items()):
                    if sender == name:
                        del self.held[cookie]
                        self.log.append(("dropped", sender))
            return None
        if msg.message_type != MessageType.METHOD_CALL:
            return None
        if msg.interface == SCREENSAVER and msg.member == "Inhibit":
            cookie = self._next
            self._next += 1
            self.held[cookie] = msg.sender
            self.log.append(("inhibit", msg.sender))
            return Message.new_method_return(msg, "u", [cookie])
        if msg.interface == SCREENSAVER and msg.member == "UnInhibit":
            sender = self.held.pop(msg.body[0], "")
            self.log.append(("uninhibit", sender))
            return Message.new_method_return(msg)
        if msg.interface == NOTIFICATIONS and msg.member == "Notify":
            self.notifications.append((msg.body[3], msg.body[4]))
            return Message.new_method_return(msg, "u", [len(self.notifications)])
        if msg.interface == "org.freedesktop.portal.Inhibit" and msg.member == "Inhibit":
            handle = f"/org/freedesktop/portal/desktop/request/t{len(self.portal_requests)}"
            self.portal_requests.append(handle)
            self.held[len(self.portal_requests) + 1000] = msg.sender
            self.log.append(("portal-inhibit", msg.sender))
            return Message.new_method_return(msg, "o", [handle])
        if msg.interface == "org.freedesktop.portal.Request" and msg.member == "Close":
            for cookie, sender in list(self.held.items()):
                if sender == msg.sender and cookie > 1000:
                    del self.held[cookie]
            self.log.append(("portal-close", msg.sender))
            return Message.new_method_return(msg)
        return None


async def start_desktop(
    *, screensaver: bool = True, notifications: bool = True, portal: bool = False
) -> FakeDesktop:
    bus = await MessageBus().connect()
    desktop = FakeDesktop(bus)
    bus.add_message_handler(desktop.handle)
    await call(
        bus,
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "AddMatch",
        "s",
        ["type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'"],
    )
    names = [SCREENSAVER] * screensaver + [NOTIFICATIONS] * notifications + [PORTAL] * portal
    for name in names:
        await bus.request_name(name, NameFlag.DO_NOT_QUEUE)
    return desktop


async def until(condition: Callable[[], object], timeout: float = 10.0) -> float:
    """Wait for something another process does; the seconds it took. Fails after `timeout`."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        await asyncio.sleep(0.01)
    return time.monotonic() - start


MPRIS = "org.mpris.MediaPlayer2.unknot"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


async def press(bus: MessageBus, method: str, name: str = MPRIS) -> None:
    """A media key: an MPRIS Player method, as playerctl sends it."""
    reply = await call(bus, name, PATH, PLAYER, method)
    assert reply.ok, reply.error


async def read(bus: MessageBus, prop: str, name: str = MPRIS) -> object:
    reply = await call(
        bus, name, PATH, "org.freedesktop.DBus.Properties", "Get", "ss", [PLAYER, prop]
    )
    assert reply.ok, reply.error
    value = reply.body[0]
    return getattr(value, "value", value)


def title(metadata: object) -> str:
    assert isinstance(metadata, dict)
    return str(metadata["xesam:title"].value)

"""One method call to another program on the bus, with a time limit and no exception: a desktop
service that is missing, refuses or hangs must never stop a session."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

CALL_LIMIT = 2.0  # seconds a desktop service gets to answer


@dataclass(frozen=True)
class Reply:
    """The answer's body, or the error that came instead ('' when it answered)."""

    body: list[object]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


async def call(
    bus: MessageBus,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str = "",
    body: list[object] | None = None,
) -> Reply:
    message = Message(
        destination=destination,
        path=path,
        interface=interface,
        member=member,
        signature=signature,
        body=body or [],
    )
    try:
        reply = await asyncio.wait_for(bus.call(message), CALL_LIMIT)
    except TimeoutError:
        return Reply([], f"{destination} did not answer within {CALL_LIMIT:.0f} s")
    except Exception as exc:  # the bus went away, or the call could not be sent
        return Reply([], f"{destination}: {exc}")
    if reply is None:
        return Reply([], f"{destination}: no reply")
    if reply.message_type == MessageType.ERROR:
        detail = reply.body[0] if reply.body else ""
        return Reply([], f"{reply.error_name}: {detail}".rstrip(": "))
    return Reply(list(reply.body))


async def has_owner(bus: MessageBus, name: str) -> bool:
    """Whether a program on the bus answers to `name` now."""
    reply = await call(
        bus,
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "NameHasOwner",
        "s",
        [name],
    )
    return reply.ok and bool(reply.body and reply.body[0])

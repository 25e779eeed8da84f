"""What `unknot doctor` says about the desktop: the bus, who answers on it, the MPRIS name."""

from __future__ import annotations

import asyncio

from unknot.desktop import bus_address

FIX_NO_BUS = (
    "media keys, keeping the screen on and notifications need a desktop session's D-Bus "
    "(DBUS_SESSION_BUS_ADDRESS); over SSH or in a container there is none. To try them: "
    "apt-get install dbus-daemon, then dbus-run-session -- unknot run ROUTINE"
)


def probe() -> dict[str, object]:
    """`bus`, `screensaver`, `notifications` (True when they answer) and `mpris_name`."""
    address = bus_address()
    if not address:
        return {"bus": None, "problem": "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"}
    return asyncio.run(_probe(address))


async def _probe(address: str) -> dict[str, object]:
    from unknot.desktop.awake import PORTAL, SCREENSAVER
    from unknot.desktop.bridge import connect
    from unknot.desktop.calls import has_owner
    from unknot.desktop.mpris import BUS_NAME
    from unknot.desktop.notices import NOTIFICATIONS

    try:
        bus = await connect()
    except Exception as exc:
        return {"bus": address, "problem": f"cannot reach the session bus: {exc}"}
    try:
        taken = await has_owner(bus, BUS_NAME)
        return {
            "bus": address,
            "screensaver": await has_owner(bus, SCREENSAVER),
            "portal": await has_owner(bus, PORTAL),
            "notifications": await has_owner(bus, NOTIFICATIONS),
            "mpris_name": f"{BUS_NAME}.instance<pid>" if taken else BUS_NAME,
            "problem": "",
        }
    finally:
        bus.disconnect()


def desktop_rows(report: dict[str, object]) -> list[tuple[str, str]]:
    """The doctor's lines: one when there is no bus, four when there is."""
    if report.get("bus") is None or (report.get("problem") and "screensaver" not in report):
        return [("Desktop", f"off: {report['problem']}")]
    keeper = (
        "org.freedesktop.ScreenSaver answers"
        if report["screensaver"]
        else "the desktop portal answers"
        if report["portal"]
        else "nothing answers: the screen may blank during a session"
    )
    notices = (
        "org.freedesktop.Notifications answers"
        if report["notifications"]
        else "nothing answers: no notice when a session ends"
    )
    return [
        ("Session bus", str(report["bus"])),
        ("Screen on", keeper),
        ("Notices", notices),
        ("Media keys", f"MPRIS as {report['mpris_name']}"),
    ]

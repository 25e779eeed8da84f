"""The desktop: media keys (MPRIS), the screen kept on and notifications, on the D-Bus session
bus, above the session and below the front ends, in the front end's asyncio loop (`bridge`).

dbus-fast loads only when a session bus is there to use: `bus_address()` needs nothing.
"""

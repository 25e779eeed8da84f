"""Plain mode: a session as lines of text (or JSON), driven by commands on standard input.

For screen readers, SSH sessions, scripts and tests. The loop sleeps until the engine's next
deadline or a line of input, whichever comes first; it never counts ticks. With the remote on,
the same loop runs in asyncio beside its server, and a browser's command wakes it too.
"""

from __future__ import annotations

from unknot.plain.run import run_plain

__all__ = ["run_plain"]

"""The session screen's remote: its server, started and stopped with a key, and the QR code of
its URL drawn in half blocks, small enough to leave the clock readable.

The server runs in Textual's own asyncio loop; a command from a browser goes through the same
action as the key for it, so the terminal shows it at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

# (top module dark, bottom module dark): one character holds two rows of the code.
_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(url: str) -> list[str]:
    """The QR code of `url` as text, two modules per character, with a quiet zone of two."""
    import segno  # loaded with the remote, not with every session

    code = segno.make(url, error="l", micro=False)
    rows = [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALF[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[0::2], rows[1::2], strict=True)
    ]


class RemotePanel(Vertical):
    """The QR code beside the clock, with a line saying what it is for: shown while the remote
    is on (`-on`) unless hidden with a key (`-shown`)."""

    DEFAULT_CSS = """
    RemotePanel {
        dock: right;
        width: auto;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        display: none;
    }
    RemotePanel.-on.-shown { display: block; }
    /* A small window keeps its room for the clock: the URL is still in the status line. */
    Screen.-short RemotePanel.-on.-shown, Screen.-narrow RemotePanel.-on.-shown { display: none; }
    RemotePanel #remote-qr { width: auto; height: auto; color: #000000; background: #ffffff; }
    RemotePanel #remote-caption { width: 100%; color: $text-muted; text-align: center; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._code = Content("")

    def compose(self) -> ComposeResult:
        yield Static(self._code, id="remote-qr")
        yield Static(Content("scan for the phone remote · c hides"), id="remote-caption")

    def show_url(self, url: str) -> None:
        """Draw the code of `url` (kept for the panel's first compose when it is just mounted)."""
        self._code = Content("\n".join(qr_lines(url)))
        for qr in self.query("#remote-qr").results(Static):
            qr.update(self._code)

"""What several commands share: the error a command raises, and the --minutes and --remote
options with what they mean (`fitted`, `remote_address`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from unknot.core.fit import MAX_MINUTES, MinutesError, TooShort, parse_minutes

if TYPE_CHECKING:
    from unknot.data.library import Entry
    from unknot.remote.host import Address


class CommandError(Exception):
    """A request unknot cannot carry out: one line for the user and the exit status."""

    def __init__(self, line: str, status: int = 1) -> None:
        super().__init__(line)
        self.status = status


def minutes_option(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    p.add_argument(
        "--minutes",
        metavar="N",
        required=required,
        help=f"stretch or shrink the routine to N minutes (above 0, at most {MAX_MINUTES})",
    )


def minutes_seconds(text: str) -> int:
    try:
        return round(parse_minutes(text) * 60)
    except MinutesError as exc:
        raise CommandError(str(exc), status=2) from None


def fitted(entry: Entry, minutes_text: str | None) -> tuple[Entry, tuple[str, ...]]:
    """The entry fitted to `--minutes` (unchanged without it), and the notes on what was dropped."""
    if minutes_text is None:
        return entry, ()
    from unknot.data.built import fit_entry  # only a fitted run needs it: kept off the start path

    seconds = minutes_seconds(minutes_text)
    try:
        return fit_entry(entry, seconds)
    except TooShort as exc:
        raise CommandError(str(exc)) from None


def add_remote_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--remote",
        nargs="?",
        const="",
        metavar="HOST:PORT",
        help="follow and control the session from a browser on the local network "
        "(default: this machine's address there, port 8421 or the next free one; port 0: any)",
    )


def remote_address(args: argparse.Namespace) -> Address | None:
    """--remote as (host, port), None for each default; None without --remote. An address
    that cannot be listened on is refused here, before a session is recorded."""
    from unknot.remote.address import check_free, parse_address

    text: str | None = getattr(args, "remote", None)
    if text is None:
        return None
    host, port = parse_address(text)
    check_free(host, port)
    return host, port

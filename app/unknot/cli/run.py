"""The commands that play or look back on sessions: run (full screen or plain), the picker,
history and doctor."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import TYPE_CHECKING

from unknot import startup
from unknot.cli.options import fitted, remote_address
from unknot.data import paths
from unknot.data.library import Entry, find

if TYPE_CHECKING:
    from unknot.session import SessionOptions


def run(args: argparse.Namespace) -> int:
    from unknot.session import SessionOptions

    entry, notes = fitted(find(args.routine), args.minutes)
    options = SessionOptions(
        mute=args.mute,
        voice=not args.no_voice,
        resume=args.resume,
        fresh=args.fresh,
        remote=remote_address(args),  # a bad address is refused before the session starts
        desktop=not args.no_desktop,
    )
    for note in notes:
        _tell(f"unknot: {note}")
    if args.plain or args.jsonl:
        return _run_plain(entry, options, jsonl=args.jsonl)
    if not sys.stdout.isatty():
        # A pipe, a file or a cron job: the full-screen player would write escape codes nobody
        # sees and then wait on its summary for a key that never comes.
        _tell("unknot: standard output is not a terminal, so this session runs in plain mode")
        return _run_plain(entry, options, jsonl=args.jsonl)
    from unknot.tui.app import run_tui

    return run_tui(options, start=entry)


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_plain(entry: Entry, options: SessionOptions, *, jsonl: bool) -> int:
    from unknot.plain import run_plain
    from unknot.session import open_session

    with open_session(options) as sessions:
        sessions.listen(_tell)
        choice = sessions.choose(entry)
        if choice.message:
            _tell(choice.message)
        player = sessions.player
        player.use_ring(_ring)
        live = sessions.begin(choice.entry or entry, choice.row)
        if not options.mute:
            player.wait_ready()  # the first cue is due the moment the session starts
        startup.release()  # started: collect as usual for the rest of the session
        status = run_plain(live, jsonl=jsonl)
        if live.recorder.final_message:
            _tell(f"History: {live.recorder.final_message}")
        return status


def _ring() -> None:
    sys.stderr.write("\a")
    sys.stderr.flush()


def history(args: argparse.Namespace) -> int:
    from unknot.history.stats import history_table
    from unknot.history.store import History

    history = History(paths.history_db(), notify=_tell, read_only=True)
    rows = history.sessions()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], indent=2))
    elif args.csv:
        from unknot.cli.csv_out import write_csv

        write_csv([r.to_json() for r in rows])
    elif rows:
        print(history_table(rows, width=shutil.get_terminal_size().columns))
    else:
        print("No sessions yet.")
    history.close()
    return 0


def doctor(args: argparse.Namespace) -> int:
    from unknot.doctor import run

    return run(args.json)


def picker() -> int:
    from unknot.session import SessionOptions
    from unknot.tui.app import run_tui

    return run_tui(SessionOptions())

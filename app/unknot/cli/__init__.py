"""The `unknot` command: list, show, plan, validate, schema, run, doctor, history."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from unknot import __version__
from unknot.cli import catalog, figure, tenderness
from unknot.cli.catalog import (
    CommandError,
    add_parsers,
    minutes_option,
    minutes_seconds,
    print_plan,
)
from unknot.core.durations import describe, format_clock
from unknot.core.fit import TooShort
from unknot.core.plan import build_plan
from unknot.core.problems import RoutineFileError, SkippedFile
from unknot.core.routine import Move, Routine
from unknot.core.words import plural
from unknot.data import paths
from unknot.data.library import Entry, Library, find, scan, validate
from unknot.remote.address import AddressError

if TYPE_CHECKING:
    from unknot.session import SessionOptions


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unknot",
        description="Guided foam roller, massage ball and stick routines for runners. "
        "With no command, opens the routine picker.",
    )
    parser.add_argument("--version", action="version", version=f"unknot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help="list every routine in the library")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("show", help="show a routine's moves, how-to and cautions")
    p.add_argument("routine", metavar="ROUTINE", help="a library id or a .toml file")

    p = sub.add_parser("plan", help="print the exact timeline a session follows")
    p.add_argument("routine", metavar="ROUTINE", help="a library id or a .toml file")
    p.add_argument("--json", action="store_true", help="print JSON")
    minutes_option(p)

    p = sub.add_parser("validate", help="check routine files and folders")
    p.add_argument("paths", metavar="PATH", nargs="+", type=Path)

    sub.add_parser("schema", help="print the JSON Schema of a routine file")

    p = sub.add_parser("run", help="run a session")
    p.add_argument("routine", metavar="ROUTINE", help="a library id or a .toml file")
    p.add_argument("--plain", action="store_true", help="plain text lines instead of the TUI")
    minutes_option(p)
    p.add_argument("--jsonl", action="store_true", help="with --plain: one JSON object per event")
    p.add_argument("--mute", action="store_true", help="no sound cues")
    p.add_argument("--no-voice", action="store_true", help="tones only, no spoken cues")
    _add_remote_option(p)
    p.add_argument(
        "--no-desktop",
        action="store_true",
        help="no media keys, no keeping the screen on, no notifications (D-Bus)",
    )
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="carry on an unfinished session")
    again.add_argument("--fresh", action="store_true", help="start over; drop an unfinished one")

    add_parsers(sub)
    figure.add_parser(sub)
    tenderness.add_parser(sub)

    p = sub.add_parser("history", help="list past sessions")
    p.add_argument("--json", action="store_true", help="print JSON, newest first")
    p.add_argument("--csv", action="store_true", help="the same as CSV, to share")

    p = sub.add_parser("doctor", help="check sound, voice and the cue player")
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _add_remote_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--remote",
        nargs="?",
        const="",
        metavar="HOST:PORT",
        help="follow and control the session from a browser on the local network "
        "(default: this machine's address there, port 8421 or the next free one; port 0: any)",
    )


def _remote_address(args: argparse.Namespace) -> tuple[str | None, int | None] | None:
    """--remote as (host, port), None for each default; None without --remote. An address
    that cannot be listened on is refused here, before a session is recorded."""
    from unknot.remote.address import check_free, parse_address

    text: str | None = getattr(args, "remote", None)
    if text is None:
        return None
    host, port = parse_address(text)
    check_free(host, port)
    return host, port


# Commands that never touch the user folder, so a bad UNKNOT_HOME does not stop them.
_WITHOUT_HOME = {"schema", "validate"}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command not in _WITHOUT_HOME:
        problem = paths.home_problem()
        if problem is not None:
            print(f"unknot: {problem}", file=sys.stderr)
            return 1
    try:
        if args.command is None:
            return _picker()
        handler = {
            "list": _list,
            "show": _show,
            "plan": _plan,
            "validate": _validate,
            "schema": _schema,
            "run": _run,
            "doctor": _doctor,
            "history": _history,
            "moves": catalog.moves,
            "build": catalog.build_command,
            "figure": figure.figure_command,
            "tenderness": tenderness.tenderness_command,
        }[args.command]
        return handler(args)
    except RoutineFileError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    except AddressError as exc:
        print(f"unknot: {exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"unknot: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback to a log
        print(f"unknot: unexpected error: {exc!r}; {_log_crash()}", file=sys.stderr)
        return 70


def _log_crash() -> str:
    import traceback

    log = paths.user_cache() / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            traceback.print_exc(file=out)
    except OSError:
        return "the details could not be saved"
    return f"details are in {log}"


def _report_broken(library: Library) -> None:
    for broken in library.broken:
        what = "skipped" if isinstance(broken, SkippedFile) else "skipped broken file"
        for line in broken.lines():
            print(f"{what}: {line}", file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    library = scan()
    entries = library.sorted()
    if args.json:
        rows = [_entry_json(e) for e in entries]
        print(json.dumps(rows, indent=2))
    else:
        if not entries:
            print("No routines found.")
        for e in entries:
            r = e.routine
            total = format_clock(build_plan(r).total_seconds)
            tools = ", ".join(r.tools) or "no tools"
            moves = plural(len(r.moves), "move")
            print(f"{e.id}\n  {r.name}  ({r.purpose}, {moves}, {total}; {tools})")
            if r.source:
                print(f"  from: {r.source}")
    _report_broken(library)
    return 0


def _entry_json(entry: Entry) -> dict[str, object]:
    r = entry.routine
    return {
        "id": entry.id,
        "name": r.name,
        "purpose": r.purpose,
        "source": r.source,
        "moves": len(r.moves),
        "total_seconds": build_plan(r).total_seconds,
        "tools": r.tools,
        "bundled": entry.bundled,
        "path": str(entry.path),
    }


def _show(args: argparse.Namespace) -> int:
    entry = find(args.routine)
    # A terminal gets each move's figure too; a pipe or a file gets the text alone.
    print(render_routine(entry.id, entry.routine, figures=sys.stdout.isatty()))
    return 0


def _figure_lines(move: Move, width: int) -> list[str]:
    from unknot.core.braille import braille_cells
    from unknot.core.step_figure import move_figure

    shape = move_figure(move, "left" if move.sides == "each" else None)
    if shape is None:
        return []
    cols = max(20, min(width - 3, 48))
    text = figure.coloured(braille_cells(shape, cols, max(6, cols // 4)), colour=True)
    return [f"   {line}" for line in text.splitlines() if line.strip()]


def render_routine(routine_id: str, r: Routine, *, figures: bool = False) -> str:
    total = format_clock(build_plan(r).total_seconds)
    moves = plural(len(r.moves), "move")
    lines = [f"{r.name}  [{routine_id}]", f"{r.purpose} - {moves} - {total}", ""]
    lines += [r.summary.strip(), ""]
    if r.source:
        lines += [f"Source: {r.source}", ""]
    lines.append(
        f"Before each move: {describe(r.transition)} to get into position; "
        f"{describe(r.switch)} to switch sides."
    )
    for number, move in enumerate(r.moves, 1):
        sides = "each side" if move.sides == "each" else "once"
        area = f" ({move.area})" if move.area else ""
        hold = f"hot-spot hold {describe(move.hold)}" if move.hold else "no hot-spot hold"
        tool = "" if move.tool == "none" else f"{move.tool.replace('-', ' ')} - "
        lines += [
            "",
            f"{number}. {move.name}{area}",
            f"   {tool}{describe(move.duration)} {sides} - {hold}",
        ]
        if figures:
            lines += _figure_lines(move, shutil.get_terminal_size().columns)
        lines += [f"   {text}" for text in move.how.strip().splitlines() if text.strip()]
        lines += [f"   Caution: {c}" for c in move.cautions]
    return "\n".join(lines)


def _plan(args: argparse.Namespace) -> int:
    entry, notes = _fitted(find(args.routine), args.minutes)
    print_plan(entry.id, entry.routine, notes, as_json=args.json)
    return 0


def _fitted(entry: Entry, minutes_text: str | None) -> tuple[Entry, tuple[str, ...]]:
    """The entry fitted to `--minutes` (unchanged without it), and the notes on what was dropped."""
    if minutes_text is None:
        return entry, ()
    from unknot.data.built import fit_entry  # only a fitted run needs it: kept off the start path

    seconds = minutes_seconds(minutes_text)
    try:
        return fit_entry(entry, seconds)
    except TooShort as exc:
        raise CommandError(str(exc)) from None


def _validate(args: argparse.Namespace) -> int:
    good, bad = validate(args.paths)
    for entry in good:
        print(f"{entry.path}: ok")
    for error in bad:
        for line in error.lines():
            print(line, file=sys.stderr)
    return 1 if bad else 0


def _schema(args: argparse.Namespace) -> int:
    from unknot.core.routine_file import RoutineFile

    schema = RoutineFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "unknot routine"
    print(json.dumps(schema, indent=2))
    return 0


def _run(args: argparse.Namespace) -> int:
    from unknot.session import SessionOptions

    entry, notes = _fitted(find(args.routine), args.minutes)
    options = SessionOptions(
        mute=args.mute,
        voice=not args.no_voice,
        resume=args.resume,
        fresh=args.fresh,
        remote=_remote_address(args),  # a bad address is refused before the session starts
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
        live = sessions.begin(entry, choice.row)
        if not options.mute:
            player.wait_ready()  # the first cue is due the moment the session starts
        status = run_plain(live, jsonl=jsonl)
        if live.recorder.final_message:
            _tell(f"History: {live.recorder.final_message}")
        return status


def _ring() -> None:
    sys.stderr.write("\a")
    sys.stderr.flush()


def _history(args: argparse.Namespace) -> int:
    from unknot.history.stats import history_table
    from unknot.history.store import History

    history = History(paths.history_db(), notify=_tell)
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


def _doctor(args: argparse.Namespace) -> int:
    from unknot.doctor import run

    return run(args.json)


def _picker() -> int:
    from unknot.session import SessionOptions
    from unknot.tui.app import run_tui

    return run_tui(SessionOptions())

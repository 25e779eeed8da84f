"""The `unknot` command line's parser: every command and its options, in one place.

It imports no command's module: the one command that runs is loaded by `unknot.cli` once the
line is parsed, so a session does not wait for the catalog's, the figure's or the body log's code.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from unknot import __version__
from unknot.cli.options import add_remote_option, minutes_option
from unknot.core.ratings import WEEKS
from unknot.core.routine import AREAS, FILE_PURPOSE, PURPOSES


def build_parser() -> argparse.ArgumentParser:
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
    add_remote_option(p)
    p.add_argument(
        "--no-desktop",
        action="store_true",
        help="no media keys, no keeping the screen on, no notifications (D-Bus)",
    )
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="carry on an unfinished session")
    again.add_argument("--fresh", action="store_true", help="start over; drop an unfinished one")

    _catalog_commands(sub)
    _figure_command(sub)
    _tenderness_command(sub)

    p = sub.add_parser("history", help="list past sessions")
    p.add_argument("--json", action="store_true", help="print JSON, newest first")
    p.add_argument("--csv", action="store_true", help="the same as CSV, to share")

    p = sub.add_parser("doctor", help="check sound, voice and the cue player")
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser


def purposes_help() -> str:
    """The build purposes and the routine purpose each is saved as: 'warm-up (a pre-run
    routine), ...'."""
    return ", ".join(f"{p} (a {FILE_PURPOSE[p]} routine)" for p in PURPOSES)


def _catalog_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("moves", help="list the catalog of moves")
    p.add_argument("--area", metavar="A", help=f"only this area: {', '.join(AREAS)}")
    p.add_argument("--tool", metavar="T", help="only moves done with this tool")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("build", help="build a session from the catalog for the time you have")
    minutes_option(p, required=True)
    p.add_argument("--areas", metavar="A,B", default="", help="areas to work (default: all)")
    p.add_argument("--tools", metavar="T,U", default="", help="tools you have (default: all)")
    p.add_argument("--purpose", metavar="P", default="maintenance", help=purposes_help())
    p.add_argument("--json", action="store_true", help="print JSON, as plan --json does")
    p.add_argument(
        "--from-log",
        action="store_true",
        help="the areas rated sorest lately first, with more time",
    )
    p.add_argument("--save", metavar="ID", help="save it as a routine of yours with this id")
    p.add_argument("--force", action="store_true", help="with --save: replace an existing file")


def _figure_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("figure", help="draw a catalog move: where the tool goes, how to lie")
    p.add_argument("move", metavar="MOVE_ID", help="a catalog id (see `unknot moves`)")
    p.add_argument("--side", choices=("left", "right"), help="the side worked (default: left)")
    form = p.add_mutually_exclusive_group(required=True)
    form.add_argument("--svg", action="store_true", help="SVG markup, scaled by its container")
    form.add_argument("--text", metavar="COLSxROWS", help="braille characters, e.g. 40x12")
    form.add_argument("--json", action="store_true", help="the geometry: parts, tool, contact")


def _tenderness_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tenderness", help="the body log: every rating, or each area's trend")
    p.add_argument("--area", metavar="A", help="one area (its catalog id, e.g. calves)")
    p.add_argument(
        "--summary",
        action="store_true",
        help=f"per area: each side over {WEEKS} weeks, the difference, flagged, sorer",
    )
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="JSON")
    form.add_argument("--csv", action="store_true", help="CSV, one row per rating")

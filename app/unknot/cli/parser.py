"""The `unknot` command line's parser: every command and its options."""

from __future__ import annotations

import argparse
from pathlib import Path

from unknot import __version__
from unknot.cli import catalog, figure, tenderness
from unknot.cli.options import add_remote_option, minutes_option


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

    catalog.add_parsers(sub)
    figure.add_parsers(sub)
    tenderness.add_parser(sub)

    p = sub.add_parser("history", help="list past sessions")
    p.add_argument("--json", action="store_true", help="print JSON, newest first")
    p.add_argument("--csv", action="store_true", help="the same as CSV, to share")

    p = sub.add_parser("doctor", help="check sound, voice and the cue player")
    p.add_argument("--json", action="store_true", help="print JSON")
    return parser

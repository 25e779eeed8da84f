"""The commands about routines: list, show, plan, validate and schema."""

from __future__ import annotations

import argparse
import json
import sys

from unknot.cli.options import fitted
from unknot.cli.render import entry_json, print_plan, render_routine
from unknot.core.durations import format_clock
from unknot.core.plan import build_plan
from unknot.core.problems import SkippedFile
from unknot.core.words import plural
from unknot.data.library import Library, find, scan, validate


def _report_broken(library: Library) -> None:
    for broken in library.broken:
        what = "skipped" if isinstance(broken, SkippedFile) else "skipped broken file"
        for line in broken.lines():
            print(f"{what}: {line}", file=sys.stderr)


def list_routines(args: argparse.Namespace) -> int:
    library = scan()
    entries = library.sorted()
    if args.json:
        rows = [entry_json(e) for e in entries]
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


def show(args: argparse.Namespace) -> int:
    entry = find(args.routine)
    # A terminal gets each move's figure too; a pipe or a file gets the text alone.
    print(render_routine(entry.id, entry.routine, figures=sys.stdout.isatty()))
    return 0


def plan(args: argparse.Namespace) -> int:
    entry, notes = fitted(find(args.routine), args.minutes)
    print_plan(entry.id, entry.routine, notes, as_json=args.json)
    return 0


def validate_files(args: argparse.Namespace) -> int:
    good, bad = validate(args.paths)
    for entry in good:
        print(f"{entry.path}: ok")
    for error in bad:
        for line in error.lines():
            print(line, file=sys.stderr)
    return 1 if bad else 0


def schema(args: argparse.Namespace) -> int:
    from unknot.core.routine_file import RoutineFile

    schema = RoutineFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "unknot routine"
    print(json.dumps(schema, indent=2))
    return 0

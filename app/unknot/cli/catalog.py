"""The catalog's commands: `unknot moves` and `unknot build`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import get_args

from unknot.cli.options import CommandError, minutes_seconds
from unknot.cli.render import print_plan
from unknot.core.durations import describe
from unknot.core.fit import TooShort
from unknot.core.routine import AREAS, PURPOSES, Tool

TOOLS: tuple[str, ...] = get_args(Tool)


def _catalog_words(kind: str, text: str | None, allowed: Sequence[str]) -> tuple[str, ...]:
    from unknot.core.build import BuildError, check_words

    words = tuple(w.strip() for w in (text or "").split(",") if w.strip())
    try:
        return check_words(kind, words, allowed)
    except BuildError as exc:
        raise CommandError(str(exc)) from None


def moves(args: argparse.Namespace) -> int:
    from unknot.data.catalog_loader import load_catalog

    area = _catalog_words("area", args.area, list(AREAS))
    tool = _catalog_words("tool", args.tool, TOOLS)
    chosen = load_catalog().select(area=area[0] if area else None, tool=tool[0] if tool else None)
    if args.json:
        print(json.dumps([m.to_json() for m in chosen], indent=2))
        return 0
    if not chosen:
        print("No moves match.")
    for m in chosen:
        sides = " a side" if m.sides == "each" else ""
        hold = f", hold {describe(m.hold)}" if m.hold else ""
        time = f"{describe(m.seconds)}{sides}{hold}"
        print(f"{m.id}\n  {m.name}  ({m.area}; {', '.join(m.tools)}; {time})")
        print(f"  from: {m.source}")
    return 0


def build_command(args: argparse.Namespace) -> int:
    from unknot.core.build import BuildError, Request, build
    from unknot.data.built import SaveError, save_built
    from unknot.data.catalog_loader import load_catalog

    seconds = minutes_seconds(args.minutes)
    # Every bad value of every option is named, one line each, not only the first.
    checked: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for kind, text, allowed in (
        ("area", args.areas, list(AREAS)),
        ("tool", args.tools, TOOLS),
        ("purpose", args.purpose, PURPOSES),
    ):
        try:
            checked[kind] = _catalog_words(kind, text, allowed)
        except CommandError as exc:
            problems.append(str(exc))
    purpose = next((p for p in PURPOSES if p == args.purpose), None)
    if problems or purpose is None:
        give = f"--purpose: give one of: {', '.join(PURPOSES)}"
        raise CommandError("\n".join(problems or [give]))
    request = Request(
        seconds=seconds, areas=checked["area"], tools=checked["tool"], purpose=purpose
    )
    notes: tuple[str, ...] = ()
    try:
        if args.from_log:
            from unknot.cli.tenderness import recent_scores
            from unknot.core.build_from_log import build_from_log

            built, notes = build_from_log(load_catalog(), request, recent_scores())
        else:
            built = build(load_catalog(), request)
            notes = built.fitted.notes
    except (BuildError, TooShort) as exc:
        raise CommandError(str(exc)) from None
    routine_id = args.save or "built"
    if args.save:
        try:
            path = save_built(built, args.save, force=args.force)
        except SaveError as exc:
            line = f"{exc}; add --force to replace it" if exc.exists else f"--save: {exc}"
            raise CommandError(line) from None
        print(f"Saved {path}; run it with: unknot run {args.save}", file=sys.stderr)
    print_plan(routine_id, built.routine, notes, as_json=args.json)
    return 0

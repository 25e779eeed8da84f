"""`unknot tenderness`: the body log read back, one row per rating or per area's trend."""

from __future__ import annotations

import argparse
import json
import sys

from unknot.cli.csv_out import write_csv
from unknot.core.ratings import WEEKS, AreaTrend, recent_tenderness
from unknot.data import paths
from unknot.history.ratings import area_trends, ratings
from unknot.history.store import History

COLUMNS = ("time", "routine", "area", "side", "when", "score")
# The same words the routines use: a log for the runner, not a diagnosis.
ADVICE = (
    "This is a log for you, not a diagnosis: have a physiotherapist or doctor check a side "
    "that stays sorer, or pain that keeps coming back."
)


def recent_scores() -> dict[str, float]:
    """Each area's recent tenderness, from the history file (empty when there is none)."""
    history = History(paths.history_db(), notify=lambda m: print(m, file=sys.stderr))
    try:
        return recent_tenderness(area_trends(history))
    finally:
        history.close()


def summary_lines(trends: list[AreaTrend]) -> list[str]:
    lines = []
    for t in trends:
        sides = []
        for name, points in (("left", t.left), ("right", t.right), ("", t.none)):
            if points:
                label = f"{name} " if name else ""
                sides.append(label + " ".join(str(s) for _, s in points[-8:]))
        line = f"{t.area}: " + " | ".join(sides)
        if t.mean_difference is not None:
            line += f"; left - right {t.mean_difference:+.1f}"
        if t.flagged and t.sorer:
            line += f"; FLAGGED: the {t.sorer} side is sorer"
        lines.append(line)
    return lines


def tenderness_command(args: argparse.Namespace) -> int:
    if args.summary and args.csv:
        print("unknot: --summary gives text or --json, not --csv", file=sys.stderr)
        return 2
    history = History(paths.history_db(), notify=lambda m: print(m, file=sys.stderr))
    try:
        if args.summary:
            trends = area_trends(history, args.area)
            if args.json:
                print(json.dumps([t.to_json() for t in trends], indent=2))
            elif not trends:
                print(f"No ratings in the last {WEEKS} weeks.")
            else:
                print("\n".join(summary_lines(trends)))
                if any(t.flagged for t in trends):
                    print(ADVICE)
            return 0
        rows = ratings(history, area=args.area)
    finally:
        history.close()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], indent=2))
    elif args.csv:
        write_csv([{name: r.to_json()[name] for name in COLUMNS} for r in rows])
    elif not rows:
        print("No ratings yet: rate a side with its digit key, or `rate left 7` in plain mode.")
    else:
        for r in rows:
            side = r.side or "-"
            print(
                f"{r.at[:16].replace('T', ' ')}  {r.routine}  {r.area}  {side}  {r.when}  {r.score}"
            )
    return 0

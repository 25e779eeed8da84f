"""A session built from the body log: the areas rated tender lately first, with more time.

Each rated area's recent tenderness (`unknot.core.ratings.recent_tenderness`: the mean of the
last four scores of its sorer side) orders the areas, sorest first, and gives each a share of
the time of 1 + score / 5 against an unrated area's 1 (a 5 gets twice the time). The areas a
run works that were not rated follow, in the recovery order, so a log of one area still builds a
whole session. With no ratings at all it says so and builds the default (maintenance) session.
"""

from __future__ import annotations

from collections.abc import Mapping

from unknot.core.build import RUN_WORKED, Built, Request, build
from unknot.core.catalog import AREAS, Catalog

NO_RATINGS = "no ratings yet: this is the default maintenance session (rate sides to change it)"


def weight(score: float) -> float:
    return round(1 + score / 5, 2)


def build_from_log(
    catalog: Catalog, request: Request, tenderness: Mapping[str, float]
) -> tuple[Built, tuple[str, ...]]:
    """The session for `request` ordered by `tenderness` (area id: recent score), and one line
    per area saying why it is there (then the fit's own notes)."""
    rated = {a: s for a, s in tenderness.items() if a in AREAS and a in (request.areas or AREAS)}
    if not rated:
        built = build(catalog, Request(request.seconds, request.areas, request.tools))
        return built, (NO_RATINGS, *built.fitted.notes)
    sorest = sorted(rated, key=lambda a: (-rated[a], a))
    rest = [a for a in (request.areas or RUN_WORKED) if a not in rated]
    built = build(
        catalog,
        Request(
            request.seconds,
            (*sorest, *rest),
            request.tools,
            "recovery",
            tuple((a, weight(rated[a])) for a in sorest),
        ),
    )
    kept = {move.area for move, _ in built.picks}
    why = [
        f"{area}: {'sorest' if n == 0 else 'tender'} lately, {rated[area]:g} of 10 on its sorer"
        f" side; {weight(rated[area]):g}x the time"
        for n, area in enumerate(sorest)
        if area in kept
    ]
    why += [f"{area}: not rated lately; a run works it" for area in rest if area in kept]
    return built, (*why, *built.fitted.notes)

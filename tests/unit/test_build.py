"""The session builder's choices for each purpose, and what it refuses."""

from __future__ import annotations

import pytest

from unknot.core.build import FEET_UP, RUN_WORKED, BuildError, Request, build, session_name
from unknot.core.fit import TooShort
from unknot.core.plan import build_plan
from unknot.data.catalog_loader import load_catalog


def _areas(request: Request) -> list[str]:
    return [move.area for move, _ in build(load_catalog(), request).picks]


def test_warm_up_goes_from_the_lower_legs_up_and_is_brief() -> None:
    catalog = load_catalog()
    built = build(catalog, Request(seconds=600, purpose="warm-up"))
    areas = [m.area for m, _ in built.picks]
    assert areas[0] in ("feet", "calves")
    assert areas == sorted(areas, key=FEET_UP.index)
    assert "upper-back" not in areas and "neck-shoulders" not in areas
    for move, _ in built.picks:  # the shortest version the catalog has of each area
        assert move.seconds == min(m.seconds for m in catalog.select(area=move.area))
    assert all(m.hold <= 5 for m in built.routine.moves)


def test_recovery_puts_the_worked_areas_first_and_keeps_the_holds() -> None:
    catalog = load_catalog()
    assert _areas(Request(seconds=900, areas=("it-band", "calves"), purpose="recovery")) == [
        "it-band",
        "calves",
    ]
    built = build(catalog, Request(seconds=1800, purpose="recovery"))
    assert [m.area for m, _ in built.picks][:3] == list(RUN_WORKED[:3])
    for move, _ in built.picks:
        assert move.hold == max(m.hold for m in catalog.select(area=move.area))


def test_maintenance_covers_the_whole_chain_with_the_longest_moves() -> None:
    catalog = load_catalog()
    built = build(catalog, Request(seconds=180 * 60, purpose="maintenance"))
    areas = [m.area for m, _ in built.picks]
    assert areas == [a for a in FEET_UP if catalog.select(area=a)]
    for move, _ in built.picks:
        assert move.seconds == max(m.seconds for m in catalog.select(area=move.area))


def test_only_the_tools_named_and_those_needing_none() -> None:
    built = build(load_catalog(), Request(seconds=40 * 60, tools=("foam-roller",)))
    assert {tool for _, tool in built.picks} <= {"foam-roller", "hands", "none"}
    assert all(move.tool in ("foam-roller", "hands", "none") for move in built.routine.moves)


def test_the_built_routine_fits_the_time_and_notes_what_it_dropped() -> None:
    built = build(load_catalog(), Request(seconds=300, purpose="maintenance"))
    assert abs(build_plan(built.routine).total_seconds - 300) <= 5
    assert built.fitted.notes
    assert len(built.picks) == len(built.routine.moves)


@pytest.mark.parametrize(
    ("request_", "line"),
    [
        (Request(seconds=600, areas=("calf",)), "did you mean 'calves'?"),
        (Request(seconds=600, tools=("foam",)), "did you mean 'foam-roller'?"),
        (Request(seconds=600, areas=("chest",), tools=("golf-ball",)), "no catalog move works"),
    ],
)
def test_what_cannot_be_built(request_: Request, line: str) -> None:
    with pytest.raises(BuildError, match=line.replace("?", r"\?")):
        build(load_catalog(), request_)


def test_too_short_for_one_move() -> None:
    with pytest.raises(TooShort):
        build(load_catalog(), Request(seconds=20, areas=("calves",)))


def test_a_long_name_counts_the_areas_it_leaves_out_rather_than_cutting_one() -> None:
    names = ["feet", "calves", "shins", "hamstrings", "quads", "it band", "adductors"]
    assert session_name("Built maintenance", names[:2]) == "Built maintenance: feet, calves"
    long = session_name("Built maintenance", names)
    assert long == "Built maintenance: feet, calves, shins and 4 more areas"
    assert len(long) <= 60 and "..." not in long


def test_the_name_holds_only_the_areas_left_after_fitting() -> None:
    built = build(load_catalog(), Request(seconds=360, areas=("calves", "glutes")))
    assert built.routine.name == "Built maintenance: calves"
    assert built.fitted.routine == built.routine

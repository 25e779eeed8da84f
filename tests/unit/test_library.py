import json
from pathlib import Path

import pytest

from unknot.core.plan import build_plan
from unknot.core.problems import RoutineFileError
from unknot.data import paths
from unknot.data.library import find, scan

ARTICLES = {
    "Five muscles you should release before you run (Subiaco Physiotherapy)",
    "Runners' self-massage regimen: hip flexion, push-off, breathing, knee/hip stability"
    " (a descriptive title; the article has none of its own)",
    "Foam Rolling for Runners (Body by Amy)",
    "The Ultimate Guide to Myofascial Release for Runners: Targeting Trigger Points for Pain Relief"
    " (The Ultimate Runner Studio)",
    "Self-Massage for Runners: The 5 Best Self-Myofascial Release Moves to Try (UW Medicine)",
}


def test_bundled_routines_cover_every_article() -> None:
    library = scan()
    assert not library.broken
    assert len(library.entries) >= 5
    assert {e.routine.source for e in library.entries.values()} == ARTICLES
    purposes = {e.routine.purpose for e in library.entries.values()}
    assert {"pre-run", "post-run", "maintenance"} <= purposes


def test_bundled_routines_respect_the_articles_timings() -> None:
    for entry in scan().entries.values():
        for move in entry.routine.moves:
            if move.tool.endswith("ball"):
                assert move.hold <= 30, (entry.id, move.name)
            if "ball" in move.tool and "sit" in move.how.lower() and "glute" in move.name.lower():
                assert move.hold <= 5, (entry.id, move.name)
        if entry.routine.purpose == "maintenance":
            minutes = build_plan(entry.routine).total_seconds / 60
            assert 20 <= minutes <= 30, (entry.id, minutes)


def test_bundled_routines_keep_their_safety_notes() -> None:
    for entry in scan().entries.values():
        r = entry.routine
        every_word = " ".join(
            [r.summary, *(m.how for m in r.moves), *(c for m in r.moves for c in m.cautions)]
        )
        if "Trigger Points" in (r.source or ""):
            assert "professional" in every_word.lower() or "physiotherapist" in r.summary, entry.id
        for move in r.moves:
            said = " ".join([move.how, *move.cautions]).lower()
            where = f"{move.name} {move.area or ''}".lower()
            if "neck" in where:
                assert move.hold == 0 and "never press on the front" in said, (entry.id, move.name)
            if "outer calf" in where:
                assert "peroneal" in said, (entry.id, move.name)


def test_user_routine_overrides_bundled_and_broken_files_are_reported(unknot_home: Path) -> None:
    folder = paths.user_routines()
    folder.mkdir(parents=True)
    (folder / "uw-five-moves.toml").write_text(
        'name = "Mine"\nsummary = "s"\n[[moves]]\nname = "m"\nduration = 5\n'
    )
    (folder / "broken.toml").write_text("name = ")
    library = scan()
    assert library.entries["uw-five-moves"].routine.name == "Mine"
    assert not library.entries["uw-five-moves"].bundled
    assert library.entries["pre-run-five-muscles"].bundled
    assert [Path(b.file).name for b in library.broken] == ["broken.toml"]
    with pytest.raises(RoutineFileError) as info:
        find("broken")
    assert "TOML syntax error" in info.value.lines()[0]


def test_find_unknown_id_suggests(unknot_home: Path) -> None:
    with pytest.raises(RoutineFileError) as info:
        find("uw-five-move")
    assert "did you mean 'uw-five-moves'?" in info.value.lines()[0]


def test_find_by_path(twelve: Path) -> None:
    assert find(str(twelve)).routine.name == "Twelve seconds"


def test_twelve_second_plan(twelve: Path) -> None:
    plan = build_plan(find(str(twelve)).routine)
    assert [s.start for s in plan.steps] == [0, 1, 3, 4, 6, 7, 9, 10]
    assert plan.total_seconds == 12
    assert [(s.kind, s.side) for s in plan.steps[3:6]] == [
        ("work", "left"),
        ("switch", None),
        ("work", "right"),
    ]
    assert json.dumps([s.to_json() for s in plan.steps])


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    from tests.conftest import TWELVE_SECONDS

    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TWELVE_SECONDS.encode())
    entry = find(str(path))
    assert entry.routine.name == "Twelve seconds"

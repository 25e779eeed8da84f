"""The catalog of moves, and routine files that refer to it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.unit.test_library import ARTICLES
from unknot.core.catalog import AREAS, nearest
from unknot.core.problems import RoutineFileError
from unknot.data import paths
from unknot.data.catalog_loader import load_catalog
from unknot.data.library import load_file, scan

KEYS = {"id", "name", "area", "tools", "sides", "seconds", "min_seconds", "hold", "how"}
KEYS |= {"cautions", "source", "pose"}


def test_the_catalog_has_25_moves_over_10_areas_each_from_an_article() -> None:
    catalog = load_catalog()
    assert len(catalog.moves) >= 25
    assert len({m.area for m in catalog.moves}) >= 10
    assert len(set(catalog.ids)) == len(catalog.moves)
    for move in catalog.moves:
        assert move.source in ARTICLES
        assert move.area in AREAS
        assert move.how and move.tools
        assert 1 <= move.min_seconds <= move.seconds
        assert set(move.to_json()) == KEYS


def test_min_seconds_defaults_to_half_the_seconds() -> None:
    move = load_catalog().get("it-band-subiaco")
    assert move is not None
    assert (move.seconds, move.min_seconds) == (60, 30)


def test_bundled_routines_take_every_move_from_the_catalog() -> None:
    ids = set(load_catalog().ids)
    for path in sorted(paths.bundled_routines().glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for move in data["moves"]:
            assert move["move"] in ids, path.name
            assert set(move) <= {"move", "area"}, path.name


def _write(folder: Path, text: str) -> Path:
    path = folder / "mine.toml"
    path.write_text('name = "Mine"\nsummary = "s"\n' + text)
    return path


def test_a_routine_takes_a_catalog_move_with_its_own_changes(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[[moves]]\nmove = "it-band-subiaco"\nduration = "3m"\npriority = 2\n'
        '[[moves]]\nname = "Own"\nduration = 40\n',
    )
    moves = load_file(path).routine.moves
    assert moves[0].name == "IT band"
    assert moves[0].tool == "foam-roller"
    assert (moves[0].duration, moves[0].minimum, moves[0].priority) == (180, 90, 2)
    assert moves[0].area == AREAS["it-band"]
    assert moves[0].cautions  # the catalog's safety notes come along
    assert (moves[1].name, moves[1].duration, moves[1].tool) == ("Own", 40, "none")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            '[[moves]]\nmove = "it-band-subiac"\n',
            "moves[0].move: catalog move 'it-band-subiac'; allowed: ",
        ),
        (
            '[[moves]]\nmove = "it-band-subiaco"\ntool = "golf-ball"\n',
            ": 'golf-ball' is not a tool of the catalog move 'it-band-subiaco'; "
            "allowed: foam-roller",
        ),
        ("[[moves]]\nduration = 30\n", "moves[0]: name required but missing"),
        (
            '[[moves]]\nmove = "it-band-subiaco"\nmin_seconds = "2m"\n',
            "moves[0]: min_seconds (2 min) is longer than duration (1 min)",
        ),
    ],
)
def test_bad_references_say_what_is_wrong(tmp_path: Path, text: str, line: str) -> None:
    with pytest.raises(RoutineFileError) as caught:
        load_file(_write(tmp_path, text))
    lines = caught.value.lines()
    assert len(lines) == 1
    assert line in lines[0]
    if "subiac'" in text:
        assert lines[0].endswith("did you mean 'it-band-subiaco'?")


def test_the_library_still_loads_cleanly() -> None:
    assert not scan().broken


def test_nearest_match() -> None:
    assert nearest("calf", AREAS) == "calves"
    assert nearest("itband", AREAS) == "it-band"
    assert nearest("zzzz", AREAS) is None

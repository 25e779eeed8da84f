"""The braille drawing, the SVG and bad pose data: what the front ends get from the core."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from unknot.core.braille import braille_text
from unknot.core.catalog_file import CatalogFile
from unknot.core.figure import figure
from unknot.core.problems import from_validation
from unknot.core.step_figure import move_svg
from unknot.data.catalog_loader import load_catalog

SNAPSHOTS = Path(__file__).parent / "figure_snapshots"
MOVES = ("it-band-subiaco", "calves-subiaco", "pecs-on-the-wall-regimen")
SIZES = ((40, 12), (80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("move_id", MOVES)
def test_braille_snapshot(
    move_id: str, size: tuple[int, int], request: pytest.FixtureRequest
) -> None:
    move = load_catalog().get(move_id)
    assert move is not None and move.pose is not None
    text = braille_text(figure(move.pose, move.tools[0], "left"), *size)
    rows = text.split("\n")
    assert len(rows) == size[1] and all(len(r) == size[0] for r in rows)
    path = SNAPSHOTS / f"{move_id}-{size[0]}x{size[1]}.txt"
    if request.config.getoption("--snapshot-update", default=False) or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    assert text + "\n" == path.read_text(encoding="utf-8")


def test_the_right_side_is_drawn_as_a_mirror() -> None:
    move = load_catalog().get("it-band-subiaco")
    assert move is not None and move.pose is not None
    left = braille_text(figure(move.pose, "foam-roller", "left"), 40, 12)
    right = braille_text(figure(move.pose, "foam-roller", "right"), 40, 12)
    assert left != right


def test_move_svg_scales_to_its_container() -> None:
    move = load_catalog().get("quads-amy")
    assert move is not None
    svg = move_svg(move.to_move(), "right")
    assert svg is not None
    assert svg.startswith("<svg") and 'viewBox="0 0 160 106"' in svg
    assert "width=" not in svg.split(">", 1)[0]
    assert "Quads, right side" in svg


def test_a_move_without_a_pose_has_no_figure() -> None:
    move = load_catalog().get("quads-amy")
    assert move is not None
    from dataclasses import replace

    assert move_svg(replace(move.to_move(), pose=None), "left") is None


def _catalog_problem(pose: dict[str, object], **move: object) -> list[str]:
    entry: dict[str, object] = {
        "id": "test-move",
        "name": "Test",
        "area": "quads",
        "tools": ["foam-roller"],
        "sides": "each",
        "seconds": 60,
        "how": "Roll.",
        "source": "test",
        "pose": pose,
    }
    entry.update(move)
    with pytest.raises(ValidationError) as caught:
        CatalogFile.model_validate({"moves": [entry]})
    return [p.line("catalog.toml") for p in from_validation(CatalogFile, caught.value)]


def test_an_unknown_posture_is_one_line_naming_the_field() -> None:
    lines = _catalog_problem({"posture": "handstand", "part": "thigh"})
    assert len(lines) == 1
    assert lines[0].startswith("catalog.toml: moves[0].pose.posture: 'handstand' is not one of:")


def test_an_unknown_part_is_one_line() -> None:
    lines = _catalog_problem({"posture": "face-down-forearms", "part": "elbow", "face": "front"})
    assert lines == [line for line in lines if "moves[0].pose.part" in line] and len(lines) == 1


def test_a_part_outside_the_area_is_refused() -> None:
    lines = _catalog_problem({"posture": "face-down-forearms", "part": "shin", "face": "front"})
    assert lines == [
        "catalog.toml: moves[0].pose: part: 'shin' is not where the area 'quads' is; allowed: thigh"
    ]


def test_a_tool_on_the_wrong_side_is_refused() -> None:
    # Face down, the back of the thigh faces the ceiling: a roller on the floor cannot be under it.
    lines = _catalog_problem({"posture": "face-down-forearms", "part": "thigh", "face": "back"})
    assert len(lines) == 1
    assert lines[0].startswith(
        "catalog.toml: moves[0].pose: with the tool 'foam-roller': face 'back'"
    )
    assert "faces up" in lines[0]

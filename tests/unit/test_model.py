from pathlib import Path

import pytest

from unknot.core.problems import RoutineFileError
from unknot.data.library import load_file

GOOD = """\
name = "Test"
summary = "A test."

[[moves]]
name = "IT band"
tool = "foam-roller"
duration = "2m"
sides = "each"
"""


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "r.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(RoutineFileError) as info:
        load_file(path)
    return info.value.lines()


def test_good_file_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(GOOD)
    entry = load_file(path)
    assert entry.id == "r"
    routine = entry.routine
    assert routine.purpose == "any"
    assert (routine.transition, routine.switch) == (10, 5)
    move = routine.moves[0]
    assert (move.duration, move.sides, move.hold, move.cautions) == (120, "each", 25, ())


def test_a_hold_of_zero_means_the_move_has_none(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(GOOD + 'hold = "0s"\n')
    assert load_file(path).routine.moves[0].hold == 0


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ('sides = "each"', 'sides = "both-ways"'),
            "moves[0].sides: 'both-ways' is not one of: each, none",
        ),
        (
            ('tool = "foam-roller"', 'tool = "spiky"'),
            "moves[0].tool: 'spiky' is not one of: foam-roller",
        ),
        (
            ('duration = "2m"', 'durration = "2m"'),
            "moves[0].durration: unknown key 'durration'; did you mean 'duration'?",
        ),
        (
            ('duration = "2m"', "duration = 0"),
            "moves[0].duration: 0 s is out of range; allowed: 1 s to 60 min",
        ),
        (('duration = "2m"', "duration = -5"), "moves[0].duration: -5 is out of range"),
        (
            ('duration = "2m"', 'duration = "90 minutes"'),
            "moves[0].duration: '90 minutes' is not a duration",
        ),
        (
            ('duration = "2m"', "duration = 99999"),
            "moves[0].duration: 1666 min 39 s is out of range",
        ),
        (
            ('sides = "each"', 'sides = "each"\nhold = "-1s"'),
            "moves[0].hold: '-1s' is not a duration",
        ),
        (
            ('sides = "each"', 'sides = "each"\nhold = "6m"'),
            "moves[0].hold: 6 min is out of range; allowed: 0 s to 5 min",
        ),
        (('name = "Test"', 'name = "Te\\u001bst"'), "name: contains the control character '\\x1b'"),
        (('name = "Test"\n', ""), "name: is required but missing"),
        (
            ('summary = "A test."', 'sumary = "A test."'),
            "sumary: unknown key 'sumary'; did you mean 'summary'?",
        ),
    ],
)
def test_each_problem_is_one_line_naming_file_and_field(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    old, new = edit
    assert old in GOOD
    lines = problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(expected in line for line in lines), lines
    assert all(line.startswith(str(tmp_path / "r.toml") + ": ") for line in lines)
    assert all("\n" not in line for line in lines)


def test_empty_moves(tmp_path: Path) -> None:
    lines = problems(tmp_path, 'name = "x"\nsummary = "y"\nmoves = []\n')
    assert lines == [f"{tmp_path / 'r.toml'}: moves: must not be empty"]


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    lines = problems(tmp_path, 'name = "x"\nsummary = \n')
    assert len(lines) == 1
    assert ": line 2: TOML syntax error: " in lines[0]


def test_not_utf8(tmp_path: Path) -> None:
    lines = problems(tmp_path, b'name = "caf\xe9"\n')
    assert lines == [f"{tmp_path / 'r.toml'}: line 1: is not UTF-8 text (byte 0xe9); save as UTF-8"]


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    lines = problems(tmp_path, "#" * (3 * 1024 * 1024))
    assert "the limit is 1 MiB" in lines[0]


def test_markup_like_text_is_legal(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(GOOD.replace('name = "IT band"', 'name = "Quads [/bold] roll [red]"'))
    assert load_file(path).routine.moves[0].name == "Quads [/bold] roll [red]"


def test_multiline_how_is_allowed_but_not_in_a_name(tmp_path: Path) -> None:
    text = GOOD + 'how = """\nline one\nline two\n"""\n'
    path = tmp_path / "r.toml"
    path.write_text(text)
    assert "line two" in load_file(path).routine.moves[0].how
    lines = problems(tmp_path, GOOD.replace('name = "IT band"', 'name = """IT\nband"""'))
    assert any("moves[0].name: must be a single line" in line for line in lines)


def test_odd_keys_are_quoted_on_one_line(tmp_path: Path) -> None:
    lines = problems(tmp_path, GOOD + '"0\\n" = 1\n"\\u001b[31m" = 2\n')
    assert all("\n" not in line and "\x1b" not in line for line in lines)
    assert any('["0\\n"]: unknown key' in line for line in lines)
    assert any('["\\u001b[31m"]: unknown key' in line for line in lines)

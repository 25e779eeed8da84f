"""Random and mutated routine files never give a traceback, and every error names the file and
the field (or the line)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unknot.core.problems import RoutineFileError
from unknot.data.library import load_file

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "routines").glob("*.toml"))
KEYS = ["name", "summary", "purpose", "source", "transition", "switch", "moves"]
MOVE_KEYS = ["name", "area", "tool", "duration", "sides", "hold", "how", "cautions"]

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
scalars = st.one_of(
    text,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(
        ["2m", "90s", "1m30s", "0s", "-5s", "each", "none", "foam-roller", "[bold]x[/]"]
    ),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=8)
move = st.dictionaries(st.one_of(st.sampled_from(MOVE_KEYS), text), values, max_size=9)
routine = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), text),
    st.one_of(values, st.lists(move, max_size=4)),
    max_size=8,
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(value), repr(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def toml(data: dict[str, Any]) -> str:
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        else:
            lines.append(f"{json.dumps(key, ensure_ascii=False)} = {toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines.append(f"[[{json.dumps(key, ensure_ascii=False)}]]")
            lines += [
                f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in item.items()
            ]
    return "\n".join(lines) + "\n"


# "line 4", or a field path built of words, .words, [2] and ["quoted keys"].
WHERE = re.compile(
    r'^(line \d+|(?:[A-Za-z0-9_-]+|\.[A-Za-z0-9_-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])+): \S'
)


def check(path: Path) -> None:
    try:
        load_file(path)
    except RoutineFileError as exc:
        assert exc.problems
        for line in exc.lines():
            assert "\n" not in line and "\r" not in line and "\x1b" not in line
            prefix = f"{path}: "
            assert line.startswith(prefix), line
            # Every problem names where: a field (moves[0].sides) or a line of the file.
            assert WHERE.match(line[len(prefix) :]), line
            assert "Traceback" not in line


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(routine)
def test_generated_files(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "gen.toml"
    path.write_text(toml(data), encoding="utf-8")
    check(path)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(BUNDLED),
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete"]),
            st.integers(0, 10_000),
            st.integers(0, 255),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_files(tmp_path: Path, source: Path, edits: list[tuple[str, int, int]]) -> None:
    data = bytearray(source.read_bytes())
    for kind, where, byte in edits:
        at = where % max(1, len(data))
        if kind == "flip" and data:
            data[at] = byte
        elif kind == "insert":
            data.insert(at, byte)
        elif data:
            del data[at]
    path = tmp_path / "mutated.toml"
    path.write_bytes(bytes(data))
    check(path)

"""`unknot figure` and `unknot show` with figures, as real subprocesses; and the contact sheet."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import cli_env, run_cli
from tests.integration.test_tmux import Terminal, terminals  # noqa: F401  (a fixture)
from unknot.data.catalog_loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]


def test_every_catalog_move_answers_in_all_three_forms(unknot_home: Path) -> None:
    script = (
        "import contextlib, io, json, sys\n"
        "from unknot.cli import main\n"
        "from unknot.data.catalog_loader import load_catalog\n"
        "for m in load_catalog().moves:\n"
        "    for form in (['--svg'], ['--json'], ['--text', '30x8']):\n"
        "        out = io.StringIO()\n"
        "        with contextlib.redirect_stdout(out):\n"
        "            assert main(['figure', m.id, '--side', 'right', *form]) == 0, m.id\n"
        "        text = out.getvalue()\n"
        "        if form == ['--json']: assert json.loads(text)['move'] == m.id\n"
        "        if form == ['--svg']: assert text.startswith('<svg')\n"
        "        if form[0] == '--text': assert len(text.splitlines()) == 8\n"
        "print('ok', len(load_catalog().moves))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(unknot_home),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(load_catalog().moves)}"


def test_figure_json_is_the_geometry(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "figure", "it-band-subiaco", "--side", "right", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["target"] == "right_thigh" and data["side"] == "right"
    assert data["tool"]["kind"] == "foam-roller" and data["tool"]["shape"] == "circle"
    assert set(data) >= {"move", "width", "height", "floor", "wall", "parts", "contact"}
    assert data["parts"]["right_thigh"][1] == data["parts"]["right_shin"][0]


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["figure", "it-band-subiaco"], 2, "one of the arguments"),
        (["figure", "it-band-subiaco", "--text", "9000x3"], 2, "COLSxROWS"),
        (["figure", "it-band-subiacco", "--svg"], 1, "did you mean 'it-band-subiaco'"),
    ],
)
def test_figure_bad_usage_is_one_line(
    unknot_home: Path, args: list[str], status: int, says: str
) -> None:
    result = run_cli(unknot_home, *args)
    assert result.returncode == status
    assert says in result.stderr and "Traceback" not in result.stderr


def test_show_prints_no_figures_into_a_pipe(unknot_home: Path) -> None:
    result = run_cli(unknot_home, "show", "pre-run-five-muscles")
    assert result.returncode == 0, result.stderr
    assert not any(0x2800 < ord(c) <= 0x28FF for c in result.stdout)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_show_draws_each_move_in_a_terminal(terminals: Callable[..., Terminal]) -> None:  # noqa: F811
    term = terminals("show", "pre-run-five-muscles", size=(100, 60))
    screen = term.wait_for(lambda s: "Upper back" in s and "Caution" in s)
    braille = [line for line in screen.splitlines() if any(0x2800 < ord(c) <= 0x28FF for c in line)]
    assert len(braille) >= 5


def test_the_contact_sheet_is_current() -> None:
    """docs/figures.html holds every catalog move's figure as it is drawn now: `make figures`
    writes it (and the PNG) again after a pose or the drawing changes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sheet", ROOT / "tools" / "contact_sheet.py")
    assert spec is not None and spec.loader is not None
    sheet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sheet)
    sheet_html: Callable[[], str] = sheet.sheet_html
    written = (ROOT / "docs" / "figures.html").read_text(encoding="utf-8")
    assert "no pose" not in written
    assert written == sheet_html(), "the contact sheet is out of date: run `make figures`"
    assert (ROOT / "docs" / "figures.png").stat().st_size > 10_000

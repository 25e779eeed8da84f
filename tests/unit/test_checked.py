"""Checked routines are kept, so an unchanged file is not checked (nor Pydantic loaded) again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import TWELVE_SECONDS
from tests.helpers import ROOT, cli_env
from unknot.data import checked, paths
from unknot.data.library import find, load_file


def _stored() -> list[Path]:
    return sorted((paths.user_cache() / "checked").glob("*.json"))


def test_a_checked_file_is_stored_and_read_back_the_same(twelve: Path) -> None:
    first = load_file(twelve)
    [stored] = _stored()
    assert checked.load(twelve.read_bytes()) == first.routine
    again = load_file(twelve)
    assert again.routine == first.routine and again.digest == first.digest
    assert _stored() == [stored]


def test_a_changed_file_is_checked_again(twelve: Path) -> None:
    load_file(twelve)
    twelve.write_text(TWELVE_SECONDS.replace('name = "Alpha"', 'name = "Apple"'))
    assert load_file(twelve).routine.moves[0].name == "Apple"
    assert len(_stored()) == 2


def test_a_damaged_entry_means_checking_again(twelve: Path) -> None:
    first = load_file(twelve)
    for junk in (b"", b"{not json", json.dumps({"name": "x"}).encode(), b"\xff\xfe"):
        [stored] = _stored()
        stored.write_bytes(junk)
        assert load_file(twelve).routine == first.routine
        assert checked.load(twelve.read_bytes()) == first.routine  # and stored afresh


def test_an_unwritable_cache_is_no_problem(twelve: Path, unknot_home: Path) -> None:
    (unknot_home / "cache").write_text("a file where the cache folder would be")
    assert load_file(twelve).routine.name == "Twelve seconds"


def test_the_run_path_skips_pydantic_once_a_routine_is_checked(unknot_home: Path) -> None:
    probe = (
        "import sys; from unknot.data.library import find; find('pre-run-five-muscles'); "
        "print('pydantic' in sys.modules)"
    )

    def pydantic_loaded() -> str:
        out = subprocess.run(
            [sys.executable, "-c", probe],
            env=cli_env(unknot_home),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert pydantic_loaded() == "True"  # the first time the file is checked
    assert pydantic_loaded() == "False"  # then its checked form is used
    assert find("pre-run-five-muscles").routine.name == "Pre-run: five muscles"


def test_the_key_follows_every_module_of_the_core(tmp_path: Path) -> None:
    core = tmp_path / "core"
    shutil.copytree(Path(checked.__file__).parents[1] / "core", core)
    first = checked.checker_digest(core)
    assert checked.checker_digest(core) == first
    modules = sorted(core.glob("*.py"))
    assert len(modules) > 10
    modules[-1].rename(core / "renamed.py")  # same code, another name
    renamed = checked.checker_digest(core)
    assert renamed != first
    (core / "added.py").write_text("X = 1\n")
    added = checked.checker_digest(core)
    assert added not in (first, renamed)
    (core / "added.py").write_text("X = 2\n")
    assert checked.checker_digest(core) not in (first, renamed, added)

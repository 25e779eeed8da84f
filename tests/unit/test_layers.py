"""The domain core stands alone: importing all of it loads no UI, database or sound library."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import unknot.core
from tests.helpers import ROOT

FOREIGN = ("textual", "rich", "sqlite3", "_sqlite3", "simpleaudio", "unknot.tui", "unknot.history")


def test_app_core_imports_without_textual_sqlite_or_sound() -> None:
    modules = [f"unknot.core.{m.name}" for m in pkgutil.iter_modules(unknot.core.__path__)]
    assert "unknot.core.engine" in modules and "unknot.core.routine_file" in modules
    probe = (
        f"import sys\nimport {', '.join(modules)}\n"
        f"loaded = sorted(m for m in sys.modules if m.startswith({FOREIGN!r}))\n"
        "print(' '.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == []

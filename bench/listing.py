"""`unknot list` with 1,000 routine files in the user folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def thousand_routines() -> dict[str, float]:
    sample = (ROOT / "routines" / "uw-five-moves.toml").read_text()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "routines"
        folder.mkdir()
        for i in range(1000):
            (folder / f"routine-{i:04d}.toml").write_text(sample.replace("Five best", f"No. {i}"))
        env = dict(os.environ, UNKNOT_HOME=tmp, PYTHONPATH=str(ROOT / "app"))
        command = [sys.executable, "-m", "unknot", "list", "--json"]
        runs = []
        for _ in range(3):
            started = time.monotonic()
            subprocess.run(command, env=env, capture_output=True, check=True)
            runs.append(time.monotonic() - started)
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import unknot.cli"], env=env, check=True)
        startup = time.monotonic() - started
    return {"files": 1000, "best_s": min(runs), "interpreter_and_import_s": startup}

"""Starting unknot as a user does: one launcher for every test that runs it in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent

PIPE = subprocess.PIPE


def cli_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UNKNOT_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT / "app")
    return env


def unknot_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "unknot", *args]


def launch(
    home: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: int | IO[Any] | None = PIPE,
    stdout: int | IO[Any] | None = PIPE,
    stderr: int | IO[Any] | None = PIPE,
    text: bool = True,
    cwd: Path | None = None,
    python: tuple[str, ...] = (),
    new_session: bool = False,
) -> subprocess.Popen[Any]:
    """`unknot ARGS` started in a subprocess with UNKNOT_HOME at `home`; `python` adds flags to
    the interpreter (`-P`, say)."""
    command = unknot_cmd(*args)
    return subprocess.Popen(
        [command[0], *python, *command[1:]],
        env=env if env is not None else cli_env(home),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        text=text,
        cwd=cwd,
        start_new_session=new_session,
    )


def run_cli(
    home: Path, *args: str, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`unknot ARGS` as a user runs it, in a subprocess; standard input closed unless given."""
    return subprocess.run(
        unknot_cmd(*args),
        env=cli_env(home),
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def history_json(home: Path) -> list[dict[str, object]]:
    """What `unknot history --json` says, from a real subprocess."""
    out = subprocess.run(
        unknot_cmd("history", "--json"),
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def plain_run(
    home: Path, routine: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`unknot run ROUTINE --plain --jsonl` as a subprocess with its output piped."""
    return launch(
        home, "run", str(routine), "--plain", "--jsonl", *extra, env=env, stdin=subprocess.DEVNULL
    )

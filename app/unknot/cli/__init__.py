"""The `unknot` command: the parser (`parser`) hands each command to its module (`routines`,
`run`, `catalog`, `figure`, `tenderness`), and every way a command can fail ends here as one line
for the user. Only the module of the command given is imported: a session starts sooner."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from unknot import startup
from unknot.cli.options import CommandError
from unknot.cli.parser import build_parser
from unknot.core.problems import RoutineFileError
from unknot.data import paths
from unknot.remote.address import AddressError

# Commands that never touch the user folder, so a bad UNKNOT_HOME does not stop them.
_WITHOUT_HOME = {"schema", "validate"}


def _command(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """`function` of `unknot.cli.<module>`, imported when the command runs."""

    def command(args: argparse.Namespace) -> int:
        found: Callable[[argparse.Namespace], int]
        found = getattr(importlib.import_module(f"unknot.cli.{module}"), function)
        return found(args)

    return command


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _command("routines", "list_routines"),
    "show": _command("routines", "show"),
    "plan": _command("routines", "plan"),
    "validate": _command("routines", "validate_files"),
    "schema": _command("routines", "schema"),
    "run": _command("run", "run"),
    "doctor": _command("run", "doctor"),
    "history": _command("run", "history"),
    "moves": _command("catalog", "moves"),
    "build": _command("catalog", "build_command"),
    "figure": _command("figure", "figure_command"),
    "tenderness": _command("tenderness", "tenderness_command"),
}


def main(argv: Sequence[str] | None = None) -> int:
    startup.hold()  # until the first frame, or the command's end (unknot.startup)
    try:
        return _main(argv)
    finally:
        startup.release()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command not in _WITHOUT_HOME:
        problem = paths.home_problem()
        if problem is not None:
            print(f"unknot: {problem}", file=sys.stderr)
            return 1
    try:
        if args.command is None:
            from unknot.cli.run import picker

            return picker()
        return COMMANDS[args.command](args)
    except RoutineFileError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    except AddressError as exc:
        print(f"unknot: {exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        for line in str(exc).splitlines():  # several problems: one line each
            print(f"unknot: {line}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback to a log
        print(f"unknot: unexpected error: {exc!r}; {_log_crash()}", file=sys.stderr)
        return 70


def _log_crash() -> str:
    import traceback

    log = paths.user_cache() / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            traceback.print_exc(file=out)
    except OSError:
        return "the details could not be saved"
    return f"details are in {log}"

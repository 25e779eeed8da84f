"""`python -m unknot` and the `unknot` command: the garbage collector is held off before the rest
of unknot is imported (see `unknot.startup`), then the command line runs."""

from __future__ import annotations

from unknot import startup


def main() -> int:
    startup.hold()
    from unknot.cli import main as command_line

    return command_line()


if __name__ == "__main__":
    raise SystemExit(main())

"""Words every front end shares: counts ("1 move", "2 moves") and the tools' labels."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 move', '0 moves', '2 moves'; `many` for a word whose plural is not word + 's'."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many if many is not None else word + 's'}"


def noun(count: int, word: str, many: str | None = None) -> str:
    """The word alone, in the number `count` asks for: noun(1, 'move') == 'move'."""
    return plural(count, word, many).split(" ", 1)[1]


def tool_label(tool: str) -> str:
    """A tool as people say it: 'foam-roller' reads 'foam roller'; 'none' reads 'no tool'."""
    return "no tool" if tool == "none" else tool.replace("-", " ")

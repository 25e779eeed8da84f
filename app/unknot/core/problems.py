"""Turning what went wrong with a routine file into one plain line per problem."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pydantic is loaded only when a file is really checked
    from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where (a field path or a line) and what."""

    where: str
    message: str

    def line(self, file: str) -> str:
        file = printable(file)
        return f"{file}: {self.where}: {self.message}" if self.where else f"{file}: {self.message}"


class RoutineFileError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.line(self.file) for p in self.problems]


class SkippedFile(RoutineFileError):
    """Something named like a routine file that is not a regular file (a pipe, a folder...)."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def printable(text: str) -> str:
    """Text safe to print on one terminal line: control characters are shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def field_path(loc: Iterable[int | str]) -> str:
    """('moves', 2, 'sides') -> 'moves[2].sides'; a key that is not a bare word is quoted."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _BARE_KEY.fullmatch(part):
            out += f"[{json.dumps(part)}]"
        else:
            out += f".{part}" if out else part
    return out


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _known_fields(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The keys allowed at `loc` (the table that holds the unknown key)."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        inner = _model_inside(field.annotation)
        if inner is None:
            return []
        current = inner
    return list(current.model_fields)


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_inside(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    if meta is not None:
        return _model_inside(meta)
    return None


def from_validation(model: type[BaseModel], error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        value = item.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            known = _known_fields(model, loc)
            guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = (
                f"; did you mean {guess[0]!r}?" if guess else f"; allowed keys: {', '.join(known)}"
            )
            message = f"unknown key {key!r}{hint}"
        elif kind == "missing":
            message = "is required but missing"
        elif kind == "literal_error":
            allowed = re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))
            message = f"{_show(value)} is not one of: {', '.join(allowed)}"
        elif kind == "value_error":
            message = str(item["msg"]).removeprefix("Value error, ")
        elif kind in ("string_too_long", "too_long"):
            limit = item.get("ctx", {}).get("max_length")
            message = (
                f"is too long; at most {limit} {'characters' if 'string' in kind else 'items'}"
            )
        elif kind in ("string_too_short", "too_short"):
            message = "must not be empty"
        elif kind == "string_type":
            message = f"{_show(value)} is not text; write it in quotes"
        elif kind == "list_type":
            message = f'{_show(value)} is not a list; write it as ["...", ...]'
        elif kind == "model_type":
            message = f"{_show(value)} is not a table of keys"
        else:
            message = f"{_show(value)}: {item['msg']}"
        problems.append(Problem(field_path(loc), message))
    return problems

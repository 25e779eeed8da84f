"""Finding, loading and validating routine files: bundled ones and the user's own."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from unknot.core.problems import Problem, RoutineFileError, SkippedFile, from_validation
from unknot.core.routine import Routine
from unknot.data import checked, paths

MAX_FILE_BYTES = 1024 * 1024
SUFFIX = ".toml"


@dataclass(frozen=True)
class Entry:
    """A routine that loaded cleanly, with where it came from."""

    id: str
    path: Path
    routine: Routine
    bundled: bool
    digest: str
    fit_seconds: int | None = None  # fitted to this many seconds (`--minutes`), or as written


@dataclass
class Library:
    """Every routine found, by id, and every file that could not be loaded."""

    entries: dict[str, Entry] = field(default_factory=dict)
    broken: list[RoutineFileError] = field(default_factory=list)

    def sorted(self) -> list[Entry]:
        """Bundled routines first, then the user's, each by name."""
        return sorted(
            self.entries.values(), key=lambda e: (not e.bundled, e.routine.name.lower(), e.id)
        )


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read as a routine, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return (
        f"is {paths.file_kind(mode)}, not a regular file; only regular files are read as routines"
    )


def _read(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; never blocks on a pipe or device."""
    file = str(path)
    try:
        why = _not_regular(os.stat(path).st_mode)
        if why is not None:
            raise SkippedFile(file, [Problem("", why)])
        # O_NONBLOCK: should the file be swapped for a pipe after the check, opening it still
        # returns at once; the second check then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except FileNotFoundError:
        raise RoutineFileError(
            file, [Problem("", "no longer exists (it was removed or renamed while being read)")]
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RoutineFileError(file, [Problem("", f"cannot be read: {reason}")]) from None
    try:
        info = os.fstat(fd)
        why = _not_regular(info.st_mode)
        if why is not None:
            raise SkippedFile(file, [Problem("", why)])
        if info.st_size > MAX_FILE_BYTES:
            raise RoutineFileError(
                file,
                [
                    Problem(
                        "",
                        f"file is {info.st_size:,} bytes; the limit is 1 MiB (1,048,576 bytes)",
                    )
                ],
            )
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RoutineFileError(file, [Problem("", f"cannot be read: {reason}")]) from None
    finally:
        os.close(fd)


def load_file(path: Path) -> Entry:
    """Load one routine file, or raise RoutineFileError listing every problem in it."""
    file = str(path)
    raw = _read(path)
    if len(raw) > MAX_FILE_BYTES:
        raise RoutineFileError(file, [Problem("", "file is over the 1 MiB limit")])
    routine = checked.load(raw)
    if routine is None:
        routine = _check(file, raw)
        checked.save(raw, routine)
    return Entry(
        id=path.stem,
        path=path,
        routine=routine,
        bundled=False,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def _check(file: str, raw: bytes) -> Routine:
    """What the bytes of a routine file say, or RoutineFileError with every problem in it."""
    import tomllib

    from pydantic import ValidationError

    from unknot.core.routine_file import RoutineFile

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RoutineFileError(
            file,
            [
                Problem(
                    f"line {line}",
                    f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save as UTF-8",
                )
            ],
        ) from None
    # Some editors on Windows start UTF-8 files with a byte order mark; it carries no meaning.
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineFileError(file, [_syntax_problem(str(exc), text)]) from None
    from unknot.data.catalog_loader import load_catalog

    found = load_catalog()
    try:
        return RoutineFile.model_validate(data, context={"catalog": found}).to_routine(found)
    except ValidationError as exc:
        raise RoutineFileError(file, from_validation(RoutineFile, exc)) from None


def _syntax_problem(message: str, text: str) -> Problem:
    what = message.split(" (at ")[0].rstrip(".")
    what = f"TOML syntax error: {what[:1].lower()}{what[1:]}"
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match:
        return Problem(f"line {match.group(1)}", f"{what} (column {match.group(2)})")
    # tomllib says "at end of document" when the file stops mid-value.
    last = text.count("\n") + (0 if text.endswith("\n") else 1)
    return Problem(f"line {max(last, 1)}", f"{what} (at the end of the file)")


def routine_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")
        )
    except OSError:
        return []


def scan(folders: Iterable[tuple[Path, bool]] | None = None) -> Library:
    """Load every routine; later folders win over earlier ones (user over bundled)."""
    if folders is None:
        folders = [(paths.bundled_routines(), True), (paths.user_routines(), False)]
    library = Library()
    for folder, bundled in folders:
        for path in routine_files(folder):
            try:
                entry = load_file(path)
            except RoutineFileError as exc:
                library.broken.append(exc)
                continue
            if bundled:
                entry = Entry(entry.id, entry.path, entry.routine, True, entry.digest)
            library.entries[entry.id] = entry
    return library


def find(spec: str, library: Library | None = None) -> Entry:
    """A routine by library id, or by the path of a .toml file."""
    candidate = Path(spec).expanduser()
    if spec.endswith(SUFFIX) or candidate.is_file() or "/" in spec:
        if not candidate.exists():
            raise RoutineFileError(spec, [Problem("", "no such file")])
        return load_file(candidate)
    if library is None:
        # The common case, by id: load that one file (a user's routine wins over a bundled one).
        for folder, bundled in ((paths.user_routines(), False), (paths.bundled_routines(), True)):
            path = folder / f"{spec}{SUFFIX}"
            if path.is_file():
                found = load_file(path)
                return Entry(found.id, found.path, found.routine, bundled, found.digest)
        library = scan()
    entry = library.entries.get(spec)
    if entry is not None:
        return entry
    for broken in library.broken:
        if Path(broken.file).stem == spec:
            raise broken
    known = sorted(library.entries)
    guess = difflib.get_close_matches(spec, known, n=1)
    hint = f"did you mean {guess[0]!r}? " if guess else ""
    raise RoutineFileError(
        spec, [Problem("", f"no routine with that id; {hint}`unknot list` shows them all")]
    )


def validate(targets: Iterable[Path]) -> tuple[list[Entry], list[RoutineFileError]]:
    """Check files and folders (the .toml files directly inside them)."""
    good: list[Entry] = []
    bad: list[RoutineFileError] = []
    for target in targets:
        if target.is_dir():
            files = routine_files(target)
            if not files:
                bad.append(
                    RoutineFileError(str(target), [Problem("", "folder holds no .toml files")])
                )
        elif not target.exists() and not target.is_symlink():
            bad.append(RoutineFileError(str(target), [Problem("", "no such file")]))
            continue
        else:
            files = [target]
        for path in files:
            try:
                good.append(load_file(path))
            except RoutineFileError as exc:
                bad.append(exc)
    return good, bad

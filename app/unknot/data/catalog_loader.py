"""Loading the catalog of moves shipped with unknot (`routines/moves/catalog.toml`)."""

from __future__ import annotations

import functools
import tomllib

from unknot.core.catalog import Catalog
from unknot.core.problems import Problem, RoutineFileError, from_validation
from unknot.data import paths


@functools.cache
def load_catalog() -> Catalog:
    """The bundled catalog, checked; RoutineFileError with every problem when it is broken."""
    from pydantic import ValidationError

    from unknot.core.catalog_file import CatalogFile

    path = paths.bundled_catalog()
    file = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RoutineFileError(file, [Problem("", f"cannot be read: {exc.strerror}")]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RoutineFileError(file, [Problem("", f"is not a valid catalog: {exc}")]) from None
    try:
        return CatalogFile.model_validate(data).to_catalog()
    except ValidationError as exc:
        raise RoutineFileError(file, from_validation(CatalogFile, exc)) from None

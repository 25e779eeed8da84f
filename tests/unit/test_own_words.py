"""The bundled routines and the README say things in their own words, not the articles'.

Every text field of every bundled routine (all but `source`, which names the article) and every
paragraph of the README's prose (tables and code blocks left out) is compared, on its own, with
the articles the routines are built from: lower-cased, punctuation dropped, no run of six words
may also appear in an article.

The articles live in `shared/seeds/` beside the repository. Without them the check cannot run:
in CI (the CI environment variable set) that is a failure, elsewhere a skip that says why.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 6

_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_A_WORD = re.compile(r"[\W_]+")


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation dropped ("don't" -> "dont", "hip-to-knee" -> 3 words)."""
    return _NOT_A_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).split()


@dataclass(frozen=True)
class Articles:
    runs: dict[tuple[str, ...], str]  # every run of RUN words -> the first article it is in

    @classmethod
    def read(cls, files: list[Path]) -> Articles:
        runs: dict[tuple[str, ...], str] = {}
        for file in files:
            found = words(file.read_text(encoding="utf-8"))
            for i in range(len(found) - RUN + 1):
                runs.setdefault(tuple(found[i : i + RUN]), file.name)
        return cls(runs)

    def shared(self, text: str) -> list[tuple[str, str]]:
        """Each longest stretch of `text` made of runs also in an article, with that article."""
        found = words(text)
        hits: list[tuple[str, str]] = []
        start: int | None = None
        end = 0
        article = ""
        for i in range(len(found) - RUN + 1):
            where = self.runs.get(tuple(found[i : i + RUN]))
            if where is None:
                continue
            if start is not None and i <= end:
                end = i + RUN
                continue
            if start is not None:
                hits.append((" ".join(found[start:end]), article))
            start, end, article = i, i + RUN, where
        if start is not None:
            hits.append((" ".join(found[start:end]), article))
        return hits


@pytest.fixture(scope="module")
def articles() -> Articles:
    files = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
    if not files:
        why = f"no articles (0*.txt) in {SEEDS}: the own-words check needs shared/seeds/ beside the repository"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return Articles.read(files)


def text_fields(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed routine or catalog file, with its place (`moves[2].cautions[0]`).

    A `source` is left out: it names an article by its title, which is meant to match.
    """
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "source":
                yield from text_fields(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, f"{where}[{index}]")


def prose(markdown: str) -> Iterator[tuple[str, str]]:
    """The README's paragraphs of prose (list items and headings included), by first line."""
    block: list[str] = []
    first = 0
    in_code = False
    for number, line in enumerate([*markdown.splitlines(), ""], 1):
        fence = line.lstrip().startswith("```")
        if fence:
            in_code = not in_code
        if fence or in_code or line.lstrip().startswith("|") or not line.strip():
            if block:
                yield f"paragraph at line {first}", " ".join(block)
            block = []
            continue
        if not block:
            first = number
        block.append(line)


# The routines and the catalog of moves they take their text from.
CATALOG = ROOT / "routines" / "moves" / "catalog.toml"
ROUTINE_FILES = [*sorted((ROOT / "routines").glob("*.toml")), CATALOG]


def report(file: str, hits: list[tuple[str, str, str]]) -> str:
    lines = [f"{file}: {field}: shares '{run}' with {article}" for field, run, article in hits]
    return f"{len(hits)} run(s) of {RUN}+ words taken from an article:\n" + "\n".join(lines)


@pytest.mark.parametrize("path", ROUTINE_FILES, ids=[p.name for p in ROUTINE_FILES])
def test_bundled_routine_uses_its_own_words(path: Path, articles: Articles) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    hits = [
        (field, run, article)
        for field, text in text_fields(data, "")
        for run, article in articles.shared(text)
    ]
    assert not hits, report(str(path.relative_to(ROOT)), hits)


def test_the_catalog_is_checked_and_has_text_to_check() -> None:
    catalog = tomllib.loads(ROUTINE_FILES[-1].read_text(encoding="utf-8"))
    fields = dict(text_fields(catalog, ""))
    assert len(catalog["moves"]) >= 25
    assert all(f"moves[{i}].how" in fields for i in range(len(catalog["moves"])))
    assert "moves[0].cautions[0]" in fields


def test_readme_prose_uses_its_own_words(articles: Articles) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hits = [
        (field, run, article)
        for field, text in prose(readme)
        for run, article in articles.shared(text)
    ]
    assert not hits, report("README.md", hits)


def test_the_check_finds_a_copied_run_whatever_its_case_and_punctuation(
    articles: Articles,
) -> None:
    article = sorted(SEEDS.glob("0*.txt"))[0]
    taken = words(article.read_text(encoding="utf-8"))[20:28]
    disguised = "Our words, then: " + ", ".join(w.upper() for w in taken) + "! And ours again."
    assert articles.shared(disguised) == [(" ".join(taken), article.name)]
    assert articles.shared(" ".join(taken[:5])) == []


def test_fields_and_prose_are_found_where_they_are() -> None:
    data = {
        "name": "n",
        "source": "left out",
        "moves": [{"how": "h", "cautions": ["c0", "c1"]}],
    }
    assert list(text_fields(data, "")) == [
        ("name", "n"),
        ("moves[0].how", "h"),
        ("moves[0].cautions[0]", "c0"),
        ("moves[0].cautions[1]", "c1"),
    ]
    markdown = (
        "# Title\n\nOne line\nand two.\n\n| a | b |\n| - | - |\n\n```sh\ncode here\n```\n- item\n"
    )
    assert list(prose(markdown)) == [
        ("paragraph at line 1", "# Title"),
        ("paragraph at line 3", "One line and two."),
        ("paragraph at line 12", "- item"),
    ]

"""Write docs/figures.html and docs/figures.png: every catalog move's figure with its name.

Run with `make figures` (or `.venv/bin/python tools/contact_sheet.py`) after changing a pose or
the drawing. The PNG is the HTML shot by Debian's chromium, the one the browser tests use.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = 4
CELL = 300  # pixels a figure is wide in the sheet
ROW = CELL * 106 // 160 + 46  # the figure and two lines of caption


def sheet_html() -> str:
    from unknot.core.figure import figure
    from unknot.core.figure_svg import figure_svg
    from unknot.data.catalog_loader import load_catalog

    cells = []
    for move in load_catalog().moves:
        if move.pose is None:
            cells.append(f'<div class="cell missing">{escape(move.id)}: no pose</div>')
            continue
        side = "left" if move.sides == "each" else None
        svg = figure_svg(figure(move.pose, move.tools[0], side, move.id))
        tool = move.tools[0].replace("-", " ")
        where = " - left side" if side else ""
        cells.append(
            f'<div class="cell">{svg}<b>{escape(move.name)}</b>'
            f"<span>{escape(move.id)} - {escape(tool)}{where}</span></div>"
        )
    style = (
        "body{margin:0;padding:12px;background:#fff;font:13px sans-serif;color:#222;"
        f"display:grid;grid-template-columns:repeat({COLUMNS},{CELL}px);gap:14px 12px}}"
        f".cell{{height:{ROW}px;overflow:hidden}}"
        ".cell svg{width:100%;display:block}.cell b{display:block}"
        ".cell span{color:#666;font-size:11px}"
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>unknot: every move</title>'
        f"<style>{style}</style></head><body>\n" + "\n".join(cells) + "\n</body></html>\n"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from bench.remote import CHROMIUM

    html = sheet_html()
    docs = ROOT / "docs"
    (docs / "figures.html").write_text(html, encoding="utf-8")
    rows = -(-html.count('class="cell') // COLUMNS)
    height = 24 + rows * (ROW + 14)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "sheet.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={COLUMNS * (CELL + 12) + 24},{height}",
                f"--screenshot={docs / 'figures.png'}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {docs / 'figures.html'} and {docs / 'figures.png'}")


if __name__ == "__main__":
    main()

"""The big clock: every glyph at every font size, the size it picks, resizing, clicks."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult

from unknot.data.library import scan
from unknot.tui.widgets.bigclock import (
    NAME_SIZE,
    SIZES,
    BigClock,
    BlockTitle,
    FontSize,
    choose,
    draw,
)
from unknot.tui.widgets.font import LETTERS

# The glyphs as they should look, written out by hand (not read from the font module).
SMALL_EXPECTED = {
    "0": ["###", "#.#", "#.#", "#.#", "###"],
    "1": [".#.", "##.", ".#.", ".#.", "###"],
    "2": ["###", "..#", "###", "#..", "###"],
    "3": ["###", "..#", "###", "..#", "###"],
    "4": ["#.#", "#.#", "###", "..#", "..#"],
    "5": ["###", "#..", "###", "..#", "###"],
    "6": ["###", "#..", "###", "#.#", "###"],
    "7": ["###", "..#", "..#", "..#", "..#"],
    "8": ["###", "#.#", "###", "#.#", "###"],
    "9": ["###", "#.#", "###", "..#", "###"],
    ":": [".", "#", ".", "#", "."],
}
LARGE_EXPECTED = {
    "0": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "1": ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
    "3": [".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."],
    "4": ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
    "5": ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
    "6": ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
    "7": ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
    "8": [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
    "9": [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
    ":": [".", ".", "#", ".", "#", ".", "."],
}
GLYPHS = "0123456789:"


def decode(lines: list[str]) -> list[str]:
    """Half-block lines back to pixel rows, `#` lit, two rows per line."""
    tops = {" ": ".", "▀": "#", "▄": ".", "█": "#"}
    bottoms = {" ": ".", "▀": ".", "▄": "#", "█": "#"}
    rows: list[str] = []
    for line in lines:
        rows.append("".join(tops[c] for c in line))
        rows.append("".join(bottoms[c] for c in line))
    return rows


def scaled(rows: list[str], k: int) -> list[str]:
    return [("".join(c * k for c in row)) for row in rows for _ in range(k)]


def expected_for(size: FontSize) -> dict[str, list[str]]:
    return SMALL_EXPECTED if len(size.glyphs["0"]) == 5 else LARGE_EXPECTED


def size_id(size: FontSize) -> str:
    return f"{len(size.glyphs['0'][0])}x{len(size.glyphs['0'])}x{size.scale}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_every_glyph_at_every_size(size: FontSize) -> None:
    design = expected_for(size)
    for char in GLYPHS:
        lines = draw(size, char)
        want = scaled(design[char], size.scale)
        assert len(lines) == (len(want) + 1) // 2 == size.rows, char
        rows = decode(lines)
        if len(want) % 2:  # the last line's lower half is blank
            want = [*want, "." * len(want[0])]
        assert rows == want, f"{char!r} at {size_id(size)}"
        assert size.width(char) == len(want[0])


def test_smallest_size_by_hand() -> None:
    assert draw(SIZES[0], "0123456789:") == [
        "█▀█ ▄█  ▀▀█ ▀▀█ █ █ █▀▀ █▀▀ ▀▀█ █▀█ █▀█ ▄",
        "█ █  █  █▀▀ ▀▀█ ▀▀█ ▀▀█ █▀█   █ █▀█ ▀▀█ ▄",
        "▀▀▀ ▀▀▀ ▀▀▀ ▀▀▀   ▀ ▀▀▀ ▀▀▀   ▀ ▀▀▀ ▀▀▀  ",
    ]


def test_large_design_at_scale_one_by_hand() -> None:
    assert draw(SIZES[1], "0:47") == [
        "▄▀▀▀▄     ▄█  ▀▀▀▀█",
        "█   █ ▀ ▄▀ █    ▄▀ ",
        "█   █ ▀ ▀▀▀█▀  █   ",
        " ▀▀▀       ▀   ▀   ",
    ]


def test_large_design_at_scale_two_by_hand() -> None:
    lines = draw(SIZES[2], "1")
    assert lines == [
        "    ██    ",
        "  ████    ",
        "    ██    ",
        "    ██    ",
        "    ██    ",
        "    ██    ",
        "  ██████  ",
    ]


def test_sizes_grow_and_spacing_is_one_scaled_pixel() -> None:
    heights = [size.rows for size in SIZES]
    assert heights == sorted(set(heights))
    assert heights[:6] == [3, 4, 7, 11, 14, 18]
    three = SIZES[3]
    assert three.width("00") == 5 * 3 + 3 + 5 * 3
    assert three.width("0:0") == (5 + 1 + 1 + 1 + 5) * 3


def test_choose_takes_the_largest_that_fits() -> None:
    assert choose("0:47", 100, 14) == SIZES[4]  # 14 rows, 76 columns
    assert choose("0:47", 100, 13) == SIZES[3]
    assert choose("0:47", 94, 40) == SIZES[4]  # one column short of the next size up
    assert choose("0:47", 95, 40) == SIZES[5]
    assert choose("0:47", 13, 3) == SIZES[0]
    assert choose("0:47", 12, 3) is None
    assert choose("0:47", 40, 2) is None


def test_room_for_wider_text_keeps_the_size() -> None:
    assert choose("0:47", 96, 40, room="10:00") == SIZES[3]  # 10:00 takes 75 columns
    assert choose("9:59", 100, 60, room="10:00") == choose("10:00", 100, 60)
    assert choose("0:47", 17, 3, room="10:00") == SIZES[0]
    assert choose("0:47", 16, 3, room="10:00") is None


def test_hours_and_strange_text() -> None:
    wide = choose("1:00:00", 100, 60)
    assert wide is not None and wide.width("1:00:00") <= 100
    assert wide.rows < choose("0:30", 100, 60).rows  # type: ignore[union-attr]
    assert choose("--:--", 100, 60) is None


class ClockApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.clicks = 0

    def compose(self) -> ComposeResult:
        yield BigClock("0:47")

    def on_big_clock_clicked(self, message: BigClock.Clicked) -> None:
        assert isinstance(message.clock, BigClock)
        self.clicks += 1


def shown(clock: BigClock | BlockTitle) -> list[str]:
    return [clock.render_line(y).text.rstrip() for y in range(clock.size.height)]


async def test_clock_draws_centred_and_follows_resizes() -> None:
    app = ClockApp()
    async with app.run_test(size=(80, 20)) as pilot:
        clock = app.query_one(BigClock)
        assert clock.font_size == SIZES[4]  # 14 rows, 76 of 80 columns
        lines = shown(clock)
        glyphs = draw(SIZES[4], "0:47")
        top = (20 - len(glyphs)) // 2
        left = (80 - len(glyphs[0])) // 2
        assert lines[top : top + len(glyphs)] == [(" " * left + g).rstrip() for g in glyphs]
        assert not any(lines[:top]) and not any(lines[top + len(glyphs) :])

        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert clock.font_size is not None and clock.font_size.rows >= 25
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert clock.font_size == SIZES[1]
        await pilot.resize_terminal(12, 3)
        await pilot.pause()
        assert clock.font_size is None
        assert shown(clock)[1].strip() == "0:47"  # one row, in the middle
        await pilot.resize_terminal(80, 20)
        await pilot.pause()
        assert clock.font_size == SIZES[4]
        clock.update("0:47", room="10:00")  # 10:00 would not fit at this size
        await pilot.pause()
        assert clock.font_size == SIZES[3]


async def test_clock_repaints_only_what_changed() -> None:
    app = ClockApp()
    async with app.run_test(size=(60, 12)) as pilot:
        clock = app.query_one(BigClock)
        first = clock.render_line(5)
        assert clock.render_line(5) is first  # built once, handed out again
        clock.update("0:47")
        assert clock.render_line(5) is first  # the same text: nothing rebuilt
        clock.update("0:46")
        await pilot.pause()
        assert clock.text == "0:46"
        assert clock.render_line(5) is not first
        assert decode_row_has_glyph(shown(clock))


def decode_row_has_glyph(lines: list[str]) -> bool:
    return any(set(line) & set("▀▄█") for line in lines)


async def test_a_click_posts_clicked() -> None:
    app = ClockApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.click(BigClock, offset=(1, 1))  # a corner, away from the digits
        await pilot.click(BigClock, offset=(30, 6))
        await pilot.pause()
        assert app.clicks == 2


def test_clicked_message_names_the_clock() -> None:
    clock = BigClock("1:00")
    message: Any = BigClock.Clicked(clock)
    assert message.control is clock


def test_capitals_for_names_by_hand() -> None:
    assert draw(NAME_SIZE, "IT BAND") == [
        "▀█▀ ▀█▀    █▀▄ ▄▀▄ █▄ █ █▀▄",
        " █   █     █▀▄ █▀█ █ ▀█ █ █",
        "▀▀▀  ▀     ▀▀  ▀ ▀ ▀  ▀ ▀▀ ",
    ]
    assert draw(NAME_SIZE, "MW-") == [
        "█▄ ▄█ █   █    ",
        "█ ▀ █ █▄▀▄█ ▀▀▀",
        "▀   ▀ ▀   ▀    ",
    ]
    for char, bitmap in LETTERS.items():
        assert len(bitmap) == 5 and len({len(row) for row in bitmap}) == 1, char


def test_every_bundled_move_name_is_drawn_in_capitals() -> None:
    names = {move.name for entry in scan().entries.values() for move in entry.routine.moves}
    assert len(names) > 10
    for name in names:
        assert NAME_SIZE.draws(name.upper()), name


class TitleApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BlockTitle("IT band")


async def test_a_title_in_capitals_where_it_fits_else_as_written() -> None:
    app = TitleApp()
    async with app.run_test(size=(40, 3)) as pilot:
        title = app.query_one(BlockTitle)
        assert title.font_size == NAME_SIZE
        assert shown(title) == [(" " * 6 + line).rstrip() for line in draw(NAME_SIZE, "IT BAND")]
        await pilot.resize_terminal(40, 2)  # too short
        await pilot.pause()
        assert title.font_size is None and "IT band" in shown(title)[0]
        await pilot.resize_terminal(20, 3)  # too narrow
        await pilot.pause()
        assert title.font_size is None and shown(title)[1].strip() == "IT band"
        title.update("Quads [roll]")  # a character the capitals do not have
        await pilot.resize_terminal(80, 3)
        await pilot.pause()
        assert title.font_size is None and shown(title)[1].strip() == "Quads [roll]"


async def test_plain_text_fallback_keeps_to_the_width() -> None:
    app = TitleApp()
    async with app.run_test(size=(12, 3)) as pilot:
        title = app.query_one(BlockTitle)
        title.update("膝 knee ⚠ a long name")  # wide characters, and longer than the window
        await pilot.pause()
        assert title.font_size is None
        for y in range(3):
            assert title.render_line(y).cell_length == 12
        assert title.render_line(1).text.startswith("膝 knee")

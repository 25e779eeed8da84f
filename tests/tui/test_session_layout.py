"""The session screen read from across the room: where things are, and phases without colour."""

from __future__ import annotations

import pytest
from textual.strip import Strip
from textual.widget import Widget

from tests.tui.conftest import Harness
from unknot.audio import BellPlayer
from unknot.data.library import Entry, find
from unknot.tui.screens.session import SessionScreen
from unknot.tui.sizes import size_classes
from unknot.tui.widgets.bigclock import NAME_SIZE, BigClock, BlockTitle, SideBand, draw


def widget(app: object, selector: str) -> Widget:
    return app.screen.query_one(selector)  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 60)])
async def test_layout_for_distance(harness: Harness, size: tuple[int, int]) -> None:
    app = harness.app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n", "n", "n")  # Bravo, left side
        await pilot.pause()
        top = [widget(app, s).region for s in ("#banner", "#move", "#how", "#side")]
        clock = widget(app, "#clock").region
        following = widget(app, "#next").region
        # The phase and the move's name first, the how-to under them, the side on rows of its
        # own, then the clock; nothing overlaps.
        assert top[0].y == 0 and top[1].y == top[0].bottom
        assert [r.y for r in top] == sorted(r.y for r in top)
        assert top[3].bottom <= clock.y
        assert not top[3].overlaps(clock)
        # The next move at the bottom, clear of the last row (the footer's).
        assert following.y > clock.bottom
        assert following.bottom <= size[1] - 1
        assert widget(app, "#clock").region.width == size[0]  # the whole width is clickable


@pytest.mark.parametrize("size", [(60, 20), (69, 21), (70, 22), (100, 30)])
async def test_the_screen_is_styled_once_on_the_way_to_its_first_frame(
    twelve_entry: Entry, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phase's and the size's classes are on the screen before its widgets are styled: a
    class added later restyles every widget on it, and the first frame waits for that."""
    app = Harness(start=twelve_entry).app
    restyled: list[str] = []
    update_styles = app.update_styles

    def counting(node: object, animate: bool = True) -> None:
        if isinstance(node, SessionScreen):
            restyled.append(" ".join(sorted(node.classes)))
        update_styles(node, animate)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "update_styles", counting)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        # The classes chosen ahead are the ones Textual's breakpoints give this size.
        assert set(size_classes(screen.size)) | {"-transition"} <= screen.classes
        assert screen.size == size
    assert len(restyled) == 1, restyled  # once, as the screen is shown; never for a class


def plain(strip: Strip) -> tuple[str, bool]:
    """A line's text and whether any of it is drawn in reverse video: what is left without colour."""
    return strip.text, any(bool(s.style and s.style.reverse) for s in strip)


async def test_phases_differ_without_colour(
    twelve_entry: Entry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    harness = Harness(start=twelve_entry)
    app = harness.app
    assert app.no_color
    banners: dict[str, tuple[str, bool]] = {}
    sides: dict[str, str] = {}
    subs: dict[str, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)

        def look(phase: str) -> None:
            banners[phase] = plain(widget(app, "#banner").render_line(0))
            subs[phase] = plain(widget(app, "#sub").render_line(0))[0].strip()
            side = widget(app, "#side")
            if side.display:
                lines = [side.render_line(y).text for y in range(side.outer_size.height)]
                sides[phase] = next(line for line in lines if line.strip())

        look("get ready")
        harness.advance(1.5)
        await pilot.pause()
        look("work")
        await pilot.press("space")
        look("paused")
        await pilot.press("space", "n")  # getting ready for Bravo, a move with two sides
        look("ready for a side")
        await pilot.press("n")  # Bravo, left side
        await pilot.press("h")
        look("hold")
        await pilot.press("h", "n")
        look("switch")
        await pilot.press("n")
        look("right")
    labels = {phase: text.split()[0] for phase, (text, _) in banners.items()}
    assert labels == {
        "get ready": "GET",
        "work": "WORK",
        "paused": "PAUSED",
        "hold": "HOLD",
        "switch": "SWITCH",
        "right": "WORK",
        "ready for a side": "GET",
    }
    assert all(reverse for _, reverse in banners.values())  # a reversed badge, not a tint
    # Under the digits, the phase's word in a reversed badge too.
    assert {phase: label.split()[0] for phase, label in subs.items()} == labels
    # The side reads from where it is drawn, in block capitals: the arrows and LEFT against the
    # left edge, RIGHT and the arrows against the right one.
    left, right = sides["hold"], sides["right"]
    assert left.strip() == draw(NAME_SIZE, "<< LEFT")[0].strip()
    assert right.strip() == draw(NAME_SIZE, "RIGHT >>")[0].strip()
    assert len(left) - len(left.lstrip()) < 2 and len(right) - len(right.rstrip()) < 2
    assert sides["switch"] == right  # a switch shows the side it leads to
    assert sides["ready for a side"] == left  # and so does getting ready
    assert "get ready" not in sides  # Alpha has no sides: no band


async def test_a_hold_is_as_big_as_the_step(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(1.2)
        await pilot.pause()
        clock = widget(app, "#clock")
        assert isinstance(clock, BigClock)
        size = clock.font_size
        await pilot.press("h")
        assert app.screen.has_class("-hold")
        assert clock.text == "0:25"  # the hold's own countdown, not the step's 0:02
        assert clock.font_size == size


async def test_colours_follow_the_phase_without_a_stale_line(harness: Harness) -> None:
    """Lines are cached until what they show changes; new colours alone still reach them."""
    app = harness.app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        harness.advance(1.2)
        await pilot.pause()
        clock, meter = widget(app, "#clock"), widget(app, "#step-bar")

        def drawn(w: Widget, y: int) -> tuple[object, object]:
            style = list(w.render_line(y))[-1].style
            assert style is not None
            return style.color, style.bgcolor

        middle = clock.size.height // 2
        before = drawn(clock, middle), drawn(meter, 0)
        await pilot.press("space")  # paused: the same time and bar, in other colours
        await pilot.pause()
        after = drawn(clock, middle), drawn(meter, 0)
        assert after[0] != before[0] and after[1] != before[1]
        assert after[0] == (clock.rich_style.color, clock.rich_style.bgcolor)
        assert after[1][1] == meter.rich_style.bgcolor


async def test_the_bell_flash_shows_over_the_phase_tint(harness: Harness) -> None:
    app = harness.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        harness.advance(1.2)
        await pilot.pause()
        tint = app.screen.styles.background
        app.screen.add_class("-flash")
        await pilot.pause()
        assert app.screen.styles.background != tint


PHASES = ("get ready", "work", "paused", "hold", "switch")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 60)])
async def test_the_side_and_the_phase_read_from_two_metres(
    harness: Harness, size: tuple[int, int]
) -> None:
    """The side in block capitals at least as tall as the move's name; the digits themselves
    in the phase's colour, a different one for each phase."""
    app = harness.app
    colours: dict[str, object] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        clock = widget(app, "#clock")

        def look(phase: str) -> None:
            middle = clock.size.height // 2
            lit = [s for s in clock.render_line(middle) if s.text.strip()]
            colours[phase] = lit[0].style.color if lit and lit[0].style else None

        await pilot.press("n", "n")  # getting ready for Bravo, a move with two sides
        await pilot.pause()
        look("get ready")
        side = widget(app, "#side")
        move = widget(app, "#move")
        assert isinstance(side, SideBand) and isinstance(move, BlockTitle)
        assert side.font_size is not None and move.font_size is not None
        assert side.font_size.rows >= move.font_size.rows
        assert side.region.height >= 3
        await pilot.press("n")  # Bravo, left side
        look("work")
        await pilot.press("space")
        look("paused")
        await pilot.press("space", "h")
        look("hold")
        await pilot.press("h", "n")
        await pilot.pause()
        look("switch")
        assert side.font_size is not None and side.side == "RIGHT"
    assert None not in colours.values()
    assert len(set(colours.values())) == len(PHASES), colours


async def test_the_clock_keeps_twelve_rows_at_120x40_with_the_side_and_figure() -> None:
    app = Harness(start=find("pre-run-five-muscles")).app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")  # the IT band, left side: the side band and the figure shown
        await pilot.pause()
        assert widget(app, "#side").display and widget(app, "#figure").display
        assert widget(app, "#clock").region.height >= 12


@pytest.mark.parametrize("bell", [True, False])
async def test_the_last_three_seconds_flash_when_only_the_bell_is_there(bell: bool) -> None:
    """The bell rings for none of the 3-2-1 ticks: the clock flashes each of them instead.
    With sound, the tones say it and the clock stays as it is."""
    player = BellPlayer(ring=lambda: None, reason="no sound device found") if bell else None
    harness = Harness(start=find("pre-run-five-muscles"), player=player)
    app = harness.app
    flashes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        clock = screen.query_one("#clock", BigClock)
        harness.advance(screen.session.remaining() - 3.5)
        await pilot.pause()
        assert not clock.has_class("-tick")
        for _ in range(3):
            harness.advance(1.0)
            if clock.has_class("-tick"):
                flashes.append(clock.text)
            clock.remove_class("-tick")
    assert flashes == (["0:03", "0:02", "0:01"] if bell else [])


async def test_what_fitting_dropped_covers_nothing_that_counts_down() -> None:
    """Started from the picker fitted to fewer minutes: what was dropped is said in the status
    line, and no notification sits over the clock."""
    app = Harness().app
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"uw five", "tab", *"8", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        status = str(widget(app, "#status").render())
        assert "dropped" in status.lower() or "left out" in status.lower(), status
        clock = widget(app, "#clock").region
        covering = [t for t in screen.query("Toast") if t.region.overlaps(clock)]
        assert covering == []

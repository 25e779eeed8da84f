"""The routine picker: every routine with a detail pane, type-to-filter, broken files apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from unknot.core.durations import describe, format_clock
from unknot.core.fit import MinutesError, TooShort, parse_minutes
from unknot.core.plan import build_plan
from unknot.core.words import plural, tool_label
from unknot.data.built import fit_entry
from unknot.data.library import Entry, Library
from unknot.tui.dialogs.help import HelpScreen, help_rows

if TYPE_CHECKING:
    from collections.abc import Callable


def entry_line(entry: Entry) -> Content:
    r = entry.routine
    total = format_clock(build_plan(r).total_seconds)
    tools = ", ".join(tool_label(t) for t in r.tools) or "no tools"
    return Content.assemble(
        (r.name, "bold"),
        "\n",
        (f"{r.purpose} · {total} · {plural(len(r.moves), 'move')} · {tools}", "dim"),
    )


def entry_detail(entry: Entry) -> Content:
    r = entry.routine
    parts: list[Content | str | tuple[str, str]] = [
        (r.name, "bold"),
        "\n",
        r.summary.strip(),
        "\n\n",
    ]
    for number, move in enumerate(r.moves, 1):
        sides = "each side" if move.sides == "each" else "once"
        tool = "" if move.tool == "none" else f"{tool_label(move.tool)} · "
        parts += [
            (f"{number}. {move.name}", "bold"),
            f"  {tool}{describe(move.duration)} {sides}\n",
        ]
    if r.source:
        parts += ["\n", ("Source: ", "italic"), r.source]
    return Content.assemble(*parts)


TITLE = "unknot · enter start · tab minutes · ^b build · ^r history · f1 keys · ^q quit"
SHORT_TITLE = "unknot · f1 keys · ^b build · ^q quit"


class FilterInput(Input):
    """The filter box: every printable character typed here goes into the filter, so the
    picker's own keys are ones that cannot be text (ctrl+r, ctrl+b, F1, ctrl+q)."""


class MinutesInput(Input):
    """The minutes to fit the chosen routine to: digits and a point; other keys go to the picker."""

    def __init__(self) -> None:
        super().__init__(placeholder="min", id="minutes", restrict=r"[0-9.]*", max_length=6)
        self.tooltip = "minutes to fit the routine to (empty: as written)"

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character not in "0123456789.":
            return False
        return super().check_consume_key(key, character)


class PickerScreen(Screen[None]):
    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("enter", "start", "Start", id="picker.start", tooltip="start the chosen routine"),
        Binding("down", "move(1)", "Down", show=False, tooltip="next routine"),
        Binding("up", "move(-1)", "Up", show=False, tooltip="previous routine"),
        Binding("escape", "clear", "Clear filter", id="picker.clear", tooltip="clear the filter"),
        Binding(
            "ctrl+r",
            "history",
            "History",
            id="picker.history",
            priority=True,
            tooltip="past sessions",
        ),
        Binding(
            "ctrl+b",
            "build",
            "Build",
            id="picker.build",
            priority=True,
            tooltip="build a session from the catalog of moves",
        ),
        Binding("f1", "help", "Help", id="picker.help", priority=True, tooltip="this help"),
        # `?` and `q` where no text box takes them (the minutes field, for one).
        Binding("question_mark", "help", "Help", show=False, tooltip="this help"),
        Binding(
            "ctrl+q,f10",
            "app.quit",
            "Quit",
            id="picker.quit",
            priority=True,
            tooltip="quit unknot",
        ),
        Binding("q", "app.quit", "Quit", show=False, tooltip="quit unknot"),
    ]

    @dataclass
    class StartRoutine(Message):
        """Start this routine (the App asks first if a session is running)."""

        entry: Entry
        notes: tuple[str, ...] = ()  # what fitting it to the minutes dropped or changed

    class ShowHistory(Message):
        """Open the history screen."""

    @dataclass
    class BuildSession(Message):
        """Open the "Build a session" screen, with the minutes typed here."""

        minutes: str

    def __init__(self, load_library: Callable[[], Library]) -> None:
        super().__init__()
        self.load_library = load_library
        self.library = Library()
        self.shown: list[Entry] = []

    def compose(self) -> ComposeResult:
        # Each title fits its width (78 columns at 80, 38 at 40): a cut title hides the keys.
        yield Static(Content(TITLE), id="title")
        yield Static(Content(SHORT_TITLE), id="short-title")
        filter_box = FilterInput(placeholder="Type to filter routines", id="filter")
        filter_box.cursor_blink = False
        with Horizontal(id="inputs"):
            yield filter_box
            yield MinutesInput()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield OptionList(id="routines")
                yield Static(id="broken")
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#filter", Input).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.library = self.load_library()
        broken = self.query_one("#broken", Static)
        if self.library.broken:
            lines = [line for error in self.library.broken for line in error.lines()]
            broken.update(Content("Broken routine files:\n" + "\n".join(lines)))
            broken.display = True
        else:
            broken.display = False
        self.refilter(self.query_one("#filter", Input).value)

    def refilter(self, text: str) -> None:
        words = text.lower().split()
        self.shown = [
            e
            for e in self.library.sorted()
            if all(w in f"{e.id} {e.routine.name} {e.routine.purpose}".lower() for w in words)
        ]
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        options.add_options([Option(entry_line(e), id=e.id) for e in self.shown])
        if self.shown:
            options.highlighted = 0
        self.show_detail()

    def show_detail(self) -> None:
        options = self.query_one("#routines", OptionList)
        detail = self.query_one("#detail", Static)
        index = options.highlighted
        if index is None or not self.shown:
            detail.update(Content("No routine matches the filter."))
        else:
            detail.update(entry_detail(self.shown[index]))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.refilter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, current + delta))

    def action_clear(self) -> None:
        self.query_one("#filter", Input).value = ""

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self)))

    def action_history(self) -> None:
        self.post_message(self.ShowHistory())

    def action_build(self) -> None:
        self.post_message(self.BuildSession(self.query_one("#minutes", Input).value.strip()))

    def action_start(self) -> None:
        index = self.query_one("#routines", OptionList).highlighted
        if index is None or not self.shown:
            return
        entry = self.shown[index]
        minutes = self.query_one("#minutes", Input).value.strip()
        if minutes:
            try:
                entry, notes = fit_entry(entry, round(parse_minutes(minutes) * 60))
            except (MinutesError, TooShort) as exc:
                self.notify(str(exc).replace("--minutes: ", "minutes: "), severity="error")
                return
            # Said in the session's status line, where it covers nothing that counts down.
            self.post_message(self.StartRoutine(entry, tuple(notes)))
            return
        self.post_message(self.StartRoutine(entry))

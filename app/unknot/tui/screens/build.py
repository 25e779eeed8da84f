"""Build a session: minutes, areas, tools and purpose chosen on screen, the plan shown as it
changes, then Start or Save."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, SelectionList, Static

from unknot.core.build import TOOLS, BuildError, Built, Request, build
from unknot.core.build_from_log import build_from_log
from unknot.core.catalog import AREAS, Catalog
from unknot.core.fit import MinutesError, TooShort, parse_minutes
from unknot.core.routine import PURPOSES, BuildPurpose
from unknot.data.built import SaveError, built_entry, save_built
from unknot.data.library import Entry
from unknot.tui.dialogs.help import HelpScreen, help_rows
from unknot.tui.screens.build_preview import plan_preview
from unknot.tui.sizes import TALL, WIDE

# The purposes offered, then one that orders the session by the body log (`build --from-log`).
FROM_LOG: Final = "from my log"
CHOICES: Final = (*PURPOSES, FROM_LOG)
TOO_SMALL = f"Build a session needs a window of at least {WIDE}x{TALL}: make it larger."


class MinutesField(Input):
    """The minutes: digits and a point; any other key (`?` for help) goes to the screen."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character not in "0123456789.":
            return False
        return super().check_consume_key(key, character)


class BuildScreen(Screen[None]):
    CSS_PATH = "build.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="build.back", tooltip="back to the routines"),
        Binding("ctrl+s", "start", "Start", id="build.start", tooltip="start this session"),
        Binding(
            "question_mark", "help", "Help", id="build.help", priority=True, tooltip="this help"
        ),
    ]

    @dataclass
    class StartBuilt(Message):
        """Start this built session."""

        entry: Entry

    class Back(Message):
        """Back to the routine picker."""

    def __init__(
        self, catalog: Catalog, minutes: str = "10", tenderness: Mapping[str, float] | None = None
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.minutes = minutes
        # Each rated area's recent tenderness, for "from my log" (empty: no ratings yet).
        self.tenderness = dict(tenderness or {})
        self.built: Built | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content("build a session · tab next · space tick · ? keys · esc back"),
            id="title",
        )
        yield Static(Content(TOO_SMALL), id="too-small")
        with Horizontal(id="body"):
            with Vertical(id="choices"):
                yield MinutesField(
                    self.minutes, placeholder="minutes", id="build-minutes", restrict=r"[0-9.]*"
                )
                with RadioSet(id="purpose"):
                    for purpose in CHOICES:
                        yield RadioButton(purpose, value=purpose == "maintenance")
                yield SelectionList[str](*((name, key) for key, name in AREAS.items()), id="areas")
                yield SelectionList[str](*((t, t) for t in TOOLS), id="tools")
            with Vertical(id="right"):
                with VerticalScroll(id="preview-pane"):
                    yield Static(id="preview")
                yield Static(id="status")
                with Horizontal(id="actions"):
                    yield Button("Start", id="start", variant="primary")
                    yield Input(placeholder="id to save as", id="save-id")
                    yield Button("Save", id="save")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#areas", SelectionList).border_title = "Areas (none: all)"
        self.query_one("#tools", SelectionList).border_title = "Tools you have (none: all)"
        self.query_one("#build-minutes", Input).border_title = "Minutes"
        self.refresh_plan()
        self.query_one("#build-minutes", Input).focus()

    def from_log(self) -> bool:
        pressed = self.query_one("#purpose", RadioSet).pressed_index
        return pressed >= 0 and CHOICES[pressed] == FROM_LOG

    def request(self) -> Request:
        """What the screen asks for now; MinutesError when the minutes are not usable."""
        seconds = round(parse_minutes(self.query_one("#build-minutes", Input).value) * 60)
        pressed = self.query_one("#purpose", RadioSet).pressed_index
        purpose: BuildPurpose = PURPOSES[pressed] if 0 <= pressed < len(PURPOSES) else "maintenance"
        return Request(
            seconds=seconds,
            areas=tuple(self.query_one("#areas", SelectionList).selected),
            tools=tuple(self.query_one("#tools", SelectionList).selected),
            purpose=purpose,
        )

    def refresh_plan(self) -> None:
        preview = self.query_one("#preview", Static)
        try:
            if self.from_log():
                self.built, notes = build_from_log(self.catalog, self.request(), self.tenderness)
            else:
                self.built = build(self.catalog, self.request())
                notes = self.built.fitted.notes
        except (MinutesError, BuildError, TooShort) as exc:
            self.built = None
            preview.update(Content(str(exc).removeprefix("--minutes: ")))
        else:
            preview.update(plan_preview(self.built, notes))
        self.query_one("#start", Button).disabled = self.built is None
        self.query_one("#save", Button).disabled = self.built is None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "build-minutes":
            self.refresh_plan()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.refresh_plan()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.refresh_plan()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "save-id":
            self.save()
        elif event.input.id == "build-minutes":
            self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "save":
            self.save()

    def save(self) -> None:
        status = self.query_one("#status", Static)
        routine_id = self.query_one("#save-id", Input).value.strip()
        if self.built is None:
            return
        try:
            path = save_built(self.built, routine_id, force=False)
        except SaveError as exc:
            extra = "; choose another id" if exc.exists else ""
            status.update(Content(f"Not saved: {exc}{extra}"))
        except OSError as exc:
            status.update(Content(f"Not saved: {exc.strerror or exc}"))
        else:
            status.update(Content(f"Saved as {routine_id}: {path}"))

    def action_start(self) -> None:
        if self.built is not None:
            self.post_message(self.StartBuilt(built_entry(self.built)))

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_rows(self)))

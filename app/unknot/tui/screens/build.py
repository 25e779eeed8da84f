"""Build a session: minutes, areas, tools and purpose chosen on screen, the plan shown as it
changes, then Start or Save."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, SelectionList, Static

from unknot.core.build import TOOLS, BuildError, Built, Request, build
from unknot.core.catalog import AREAS, Catalog
from unknot.core.fit import MinutesError, TooShort, parse_minutes
from unknot.core.plan import build_plan, plan_lines
from unknot.core.routine import PURPOSES, BuildPurpose
from unknot.data.built import SaveError, built_entry, save_built
from unknot.data.library import Entry
from unknot.tui.dialogs.help import HelpScreen, help_rows


def plan_preview(built: Built) -> Content:
    """The plan, as `unknot plan` prints it, for the preview pane."""
    plan = build_plan(built.routine)
    return Content("\n".join(plan_lines(built.routine.name, plan, built.fitted.notes)))


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

    def __init__(self, catalog: Catalog, minutes: str = "10") -> None:
        super().__init__()
        self.catalog = catalog
        self.minutes = minutes
        self.built: Built | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content("unknot · build a session · tab next · space check · ? keys · esc back"),
            id="title",
        )
        with Horizontal(id="body"):
            with Vertical(id="choices"):
                yield Input(
                    self.minutes, placeholder="minutes", id="build-minutes", restrict=r"[0-9.]*"
                )
                with RadioSet(id="purpose"):
                    for purpose in PURPOSES:
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

    def request(self) -> Request:
        """What the screen asks for now; MinutesError when the minutes are not usable."""
        seconds = round(parse_minutes(self.query_one("#build-minutes", Input).value) * 60)
        pressed = self.query_one("#purpose", RadioSet).pressed_index
        purpose: BuildPurpose = PURPOSES[pressed] if pressed >= 0 else "maintenance"
        return Request(
            seconds=seconds,
            areas=tuple(self.query_one("#areas", SelectionList).selected),
            tools=tuple(self.query_one("#tools", SelectionList).selected),
            purpose=purpose,
        )

    def refresh_plan(self) -> None:
        preview = self.query_one("#preview", Static)
        try:
            self.built = build(self.catalog, self.request())
        except (MinutesError, BuildError, TooShort) as exc:
            self.built = None
            preview.update(Content(str(exc).removeprefix("--minutes: ")))
        else:
            preview.update(plan_preview(self.built))
        self.query_one("#start", Button).disabled = self.built is None
        self.query_one("#save", Button).disabled = self.built is None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "build-minutes":
            self.refresh_plan()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.refresh_plan()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.refresh_plan()

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

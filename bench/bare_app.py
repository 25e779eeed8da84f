"""The framework's floor: a Textual app with one Digits widget and nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Digits


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("12:00")


if __name__ == "__main__":
    Bare().run()

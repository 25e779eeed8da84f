"""The full-screen player driven through tmux, as a person at a terminal would."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import TWELVE_SECONDS
from tests.helpers import cli_env, unknot_cmd

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Terminal:
    def __init__(self, home: Path, tmp: Path, args: list[str], size: tuple[int, int]) -> None:
        self.socket = f"unknot-{uuid.uuid4().hex[:8]}"
        self.status = tmp / "status"
        env = cli_env(home)
        command = " ".join(shlex.quote(a) for a in unknot_cmd(*args))
        script = f"{command}; echo $? > {shlex.quote(str(self.status))}; sleep 30"
        exports = " ".join(
            f"{k}={shlex.quote(env[k])}" for k in ("UNKNOT_HOME", "PYTHONPATH", "PATH")
        )
        self.tmux(
            "new-session",
            "-d",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            # COLUMNS and LINES can reach the pane from the process that starts tmux; Textual
            # would then take them over the pane's real size whenever it is resized.
            f"env -u COLUMNS -u LINES {exports} TERM=xterm-256color sh -c {shlex.quote(script)}",
        )

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 15.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"timed out; the screen shows:\n{self.screen()}")

    def exit_status(self, timeout: float = 10.0) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.05)
        raise AssertionError(f"the app did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminals(unknot_home: Path, tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def open_terminal(*args: str, size: tuple[int, int] = (100, 30)) -> Terminal:
        folder = tmp_path / f"t{len(opened)}"
        folder.mkdir()
        terminal = Terminal(unknot_home, folder, list(args), size)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()


# The twelve-second routine with an Alpha long enough that the `n` below always lands in it: on a
# busy machine a two-second Alpha could end by itself first, and `n` then skipped a later step.
LONG_ALPHA = TWELVE_SECONDS.replace(
    'name = "Alpha"\ntool = "foam-roller"\nduration = 2',
    'name = "Alpha"\ntool = "foam-roller"\nduration = 30',
)


def test_a_session_as_a_user_sees_it(terminals: Callable[..., Terminal], tmp_path: Path) -> None:
    routine = tmp_path / "long-alpha.toml"
    routine.write_text(LONG_ALPHA)
    assert "duration = 30" in LONG_ALPHA
    term = terminals("run", str(routine), "--mute")
    first = term.wait_for(lambda s: "Alpha" in s and "GET READY" in s)
    term.wait_for(lambda s: s != first, timeout=2.5)  # the screen changes within a second or so
    term.wait_for(lambda s: "WORK" in s and "Alpha" in s)
    term.keys("Space")
    paused = term.wait_for(lambda s: "PAUSED" in s and "space Resume" in s)
    time.sleep(1.5)
    assert term.screen() == paused  # frozen: nothing moves while paused
    term.keys("Space")
    term.wait_for(lambda s: "PAUSED" not in s)
    term.keys("n")
    term.wait_for(lambda s: "Bravo" in s)
    # A frame can be caught half drawn on a busy machine: wait for the counts themselves.
    summary = term.wait_for(lambda s: "SESSION COMPLETE" in s and " of 3" in s, timeout=20)
    assert "2 of 3" in summary  # Alpha was skipped with n
    term.keys("q")
    assert term.exit_status() == 0


def test_the_picker_lists_bundled_routines(terminals: Callable[..., Terminal]) -> None:
    term = terminals()
    term.wait_for(lambda s: "Breathing muscles release" in s and "Post-run: foam roller six" in s)
    term.keys("pre-run")
    term.wait_for(
        lambda s: (
            "Pre-run: five muscles" in s
            and "Quick warm-up roll" in s
            and "Breathing muscles release" not in s
        )
    )
    term.keys("C-r")  # history: a key that cannot be text
    term.wait_for(lambda s: "Time per area" in s and "This week" in s)
    term.keys("Escape")
    term.wait_for(lambda s: "Pre-run: five muscles" in s)
    term.keys("F10")
    assert term.exit_status() == 0


# Long enough that every resize below lands while the session runs, and no longer.
FIVE_SECONDS = """\
name = "Five seconds"
summary = "One move that outlasts a few quick resizes."
transition = "1s"

[[moves]]
name = "Alpha"
tool = "hands"
duration = 4
"""


def test_a_tiny_terminal_and_resizing(terminals: Callable[..., Terminal], tmp_path: Path) -> None:
    routine = tmp_path / "five.toml"
    routine.write_text(FIVE_SECONDS)
    term = terminals("run", str(routine), "--mute", size=(40, 12))
    term.wait_for(lambda s: "Alpha" in s)
    time.sleep(1.5)
    term.tmux("resize-window", "-x", "100", "-y", "30")
    time.sleep(0.5)
    term.tmux("resize-window", "-x", "30", "-y", "8")
    time.sleep(0.5)
    term.tmux("resize-window", "-x", "40", "-y", "12")
    # After resizes this quick, Textual can briefly take the terminal for 80x24 (its fallback
    # when the size reads as 0), which pushes the box's title off screen; its footer stays.
    screen = term.wait_for(lambda s: "Back to routines" in s, timeout=20)
    assert "Traceback" not in screen
    term.keys("q")
    assert term.exit_status() == 0


def glyph_rows(screen: str) -> int:
    """The most consecutive rows that hold block-font pixels: the big clock's height."""
    best = run = 0
    for line in screen.splitlines():
        run = run + 1 if any(c in line for c in "▀▄█") else 0
        best = max(best, run)
    return best


def test_the_clock_fills_the_window(terminals: Callable[..., Terminal]) -> None:
    term = terminals("run", "pre-run-five-muscles", "--mute", size=(100, 30))
    # A third of the screen (termdown draws 8 rows), once the frame is drawn whole.
    term.wait_for(lambda s: "IT band" in s and glyph_rows(s) >= 10)

    def resize(width: int, height: int, check: Callable[[str], bool]) -> str:
        term.tmux("resize-window", "-x", str(width), "-y", str(height))
        return term.wait_for(check, timeout=5)

    resize(200, 60, lambda s: glyph_rows(s) >= 20)
    resize(40, 12, lambda s: 3 <= glyph_rows(s) < 10)
    # Too small for any block font: the time as one row of text, still on screen.
    resize(20, 6, lambda s: glyph_rows(s) == 0 and re.search(r"\b\d:\d\d\b", s) is not None)
    screen = resize(100, 30, lambda s: glyph_rows(s) >= 10)
    assert "Traceback" not in screen
    term.keys("C-c")
    assert term.exit_status() == 0


def braille_cells(screen: str) -> int:
    """Cells drawn in braille dots (U+2801 to U+28FF): the figure of the move."""
    return sum(1 for char in screen if "\u2801" <= char <= "\u28ff")


def test_the_figure_shows_beside_the_how_to_and_leaves_the_clock_its_rows(
    terminals: Callable[..., Terminal],
) -> None:
    term = terminals("run", "pre-run-five-muscles", "--mute", size=(100, 30))
    screen = term.wait_for(
        lambda s: "IT band" in s and braille_cells(s) > 40 and glyph_rows(s) >= 10
    )
    # The figure sits on the how-to's rows, above the clock: every braille cell is above it.
    lines = screen.splitlines()
    figure_rows = [n for n, line in enumerate(lines) if braille_cells(line)]
    clock_rows = [n for n, line in enumerate(lines) if "███" in line]
    assert figure_rows and clock_rows and max(figure_rows) < min(clock_rows), screen
    term.tmux("resize-window", "-x", "200", "-y", "60")
    screen = term.wait_for(lambda s: glyph_rows(s) >= 20 and braille_cells(s) > 200)
    term.keys("C-c")
    assert term.exit_status() == 0

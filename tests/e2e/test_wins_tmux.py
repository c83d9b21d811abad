"""A new user in a real terminal: open companion, press w, type a win, see it, quit."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal

pytestmark = pytest.mark.tmux


@pytest.fixture
def terminal(data_dir: Path, tmp_path: Path) -> Iterator[Terminal]:
    term = companion_in_terminal(data_dir, tmp_path / "config.toml")
    term.wait_for("Welcome to companion")  # a fresh data dir: the first-run welcome comes first
    term.keys("Enter")
    yield term
    term.close()


def test_quick_win_in_a_real_terminal(terminal: Terminal, data_dir: Path) -> None:
    terminal.wait_for("w Win")
    terminal.keys("w")
    terminal.wait_for("A small win")
    terminal.type("Explained my [TODO] project clearly [/]")
    terminal.keys("Enter")
    screen = terminal.wait_for(lambda screen: "Win logged" in screen and "A small win" not in screen)  # q: not typed in
    assert "Explained my [TODO] project clearly [/]" in screen
    assert [w["text"] for w in Store(data_dir).all("wins")] == ["Explained my [TODO] project clearly [/]"]
    terminal.keys("q")
    terminal.wait_for(lambda _: terminal.pane_dead(), timeout=10)


def test_a_win_from_the_shell_appears_while_the_app_is_open(terminal: Terminal, data_dir: Path) -> None:
    terminal.wait_for("w Win")
    terminal.keys("l")
    terminal.wait_for("in all")
    subprocess.run([sys.executable, "-m", "companion", "win", "Sent three applications"], check=True, timeout=60)
    terminal.wait_for("Sent three applications", timeout=5)
    terminal.keys("w")
    terminal.wait_for("A small win")
    terminal.type("Then took a walk")
    terminal.keys("Enter")
    # The toast comes after the write (the typed text shows before); q then must not land in the dialog.
    terminal.wait_for(lambda screen: "Win logged" in screen and "A small win" not in screen)
    assert sorted(w["text"] for w in Store(data_dir).all("wins")) == ["Sent three applications", "Then took a walk"]
    terminal.keys("q")

"""`companion win` with no text in a terminal: a one-line prompt, not the full-screen app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from companion.store import Store
from tests.e2e.tmux import Terminal

pytestmark = pytest.mark.tmux


def test_the_inline_prompt_saves_one_win(data_dir: Path) -> None:
    env = {
        "COMPANION_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "PATH": os.environ.get("PATH", ""),
    }
    terminal = Terminal(f"{sys.executable} -m companion win; echo exit=$?", env, width=80, height=5)
    try:
        terminal.wait_for("A small win (Enter saves")
        terminal.type("Tidied my [TODO] portfolio")
        terminal.keys("Enter")
        screen = terminal.wait_for("exit=0")
        assert "Saved: Tidied my [TODO] portfolio" in screen
    finally:
        terminal.close()
    assert [r["text"] for r in Store(data_dir).all("wins")] == ["Tidied my [TODO] portfolio"]

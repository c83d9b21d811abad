"""In a real 80x24 terminal: add an application, move it to rejected with x, and complete the debrief."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion import pipeline, wins
from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal, type_into

pytestmark = pytest.mark.tmux

HOSTILE = "[TODO] [/] [bold]x"


@pytest.fixture
def terminal(data_dir: Path, tmp_path: Path) -> Iterator[Terminal]:
    # 80x24 is tmux's default size, so the app never starts at a size the window then changes
    # under it; it is also the smallest terminal the board promises to work in.
    term = companion_in_terminal(data_dir, tmp_path / "config.toml", width=80, height=24)
    try:
        term.wait_for("Welcome to companion")  # a fresh data dir: the first-run welcome comes first
        term.keys("Enter")
        yield term
    finally:
        term.close()


def test_add_reject_and_debrief_in_a_real_terminal(terminal: Terminal, data_dir: Path) -> None:
    terminal.wait_for("w Win")
    terminal.keys("p")
    terminal.wait_for("No applications yet: press a to add the first one.")  # the board, not Today
    terminal.keys("a")
    terminal.wait_for("A new application")
    type_into(terminal, f"Acme {HOSTILE}")
    terminal.keys("Tab")
    terminal.wait_for("Role · Enter saves")  # the hint names the focused field: typing now lands there
    type_into(terminal, "Backend [/] Engineer")
    terminal.keys("Enter")
    # The board's line can show behind the form before it closes: wait for the form to go, or x goes to it.
    terminal.wait_for(
        lambda screen: (
            f"Acme {HOSTILE} — Backend [/] Engineer · applied" in screen and "A new application" not in screen
        )
    )

    terminal.keys("x")
    terminal.wait_for("Step 1 of 5")
    type_into(terminal, "3")
    terminal.keys("Enter")
    for number, text in enumerate((f"Clear answers {HOSTILE}", "Practise system design", "Calmer under pressure"), 1):
        terminal.wait_for(f"Step 2 of 5 · question {number} of 3")
        type_into(terminal, text)
        terminal.keys("Enter")
    terminal.wait_for("How should your messages be signed?")  # asked once, before the first message
    type_into(terminal, "Ada [b]L")
    terminal.keys("Enter")
    screen = terminal.wait_for("Step 3 of 5")  # the hint names a step only once that step is on screen
    assert "Asking for feedback turns a no into data" in screen  # the step reads from its top at 80x24
    assert "Subject: Thank you, and a small request (Backend [/] Engineer)" in screen
    terminal.keys("Enter")  # I'll send it
    terminal.wait_for("Step 4 of 5")
    type_into(terminal, "+7d")
    terminal.keys("Enter")
    terminal.wait_for("Step 5 of 5")
    terminal.keys("Enter")
    terminal.wait_for("Count this as a win?")  # asking for feedback is progress (pipeline_wins: ask)
    terminal.keys("y")
    terminal.wait_for(lambda screen: "Count this as a win?" not in screen and "feedback asked" in screen)
    assert "Traceback" not in terminal.screen()

    terminal.keys("q")
    terminal.wait_for(lambda _: terminal.pane_dead(), timeout=10)

    store = Store(data_dir)
    [app] = pipeline.all_applications(store)
    assert (app.company, app.role, app.stage) == (f"Acme {HOSTILE}", "Backend [/] Engineer", "rejected")
    assert [entry["stage"] for entry in app.history] == ["applied", "rejected"]
    asked = date.fromisoformat(app.feedback.requested_on)
    assert app.follow_up_on == (asked + timedelta(days=7)).isoformat()
    [debrief] = pipeline.debriefs_for(store, app.id)
    assert [win.text for win in wins.all_wins(store)] == [f"Asked Acme {HOSTILE} for feedback (Backend [/] Engineer)"]
    assert (debrief.feeling, debrief.went_well, debrief.to_improve, debrief.grown) == (
        3,
        f"Clear answers {HOSTILE}",
        "Practise system design",
        "Calmer under pressure",
    )

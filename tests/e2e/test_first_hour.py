"""A new user's first hour in a real terminal, at 80x24 and at 120x40.

First run, a look at the demo, an application added and moved to rejected, the debrief, a card,
a minute of breathing in reduced motion, a win from the shell while the app is open, quit.
The screen and the stored data are checked at each step.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from companion import breath_log, pipeline, wins
from companion.reframe import card_of_the_day, load_deck
from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


@pytest.fixture(params=[(80, 24), (120, 40)], ids=["80x24", "120x40"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param


@pytest.fixture
def open_terminals() -> Iterator[list[Terminal]]:
    terminals: list[Terminal] = []
    yield terminals
    for terminal in terminals:
        terminal.close()


def start(data_dir: Path, config: Path, size: tuple[int, int], terminals: list[Terminal], *args: str) -> Terminal:
    terminal = companion_in_terminal(data_dir, config, *args, width=size[0], height=size[1])
    terminals.append(terminal)
    return terminal


def quit_app(terminal: Terminal) -> None:
    terminal.keys("q")
    terminal.wait_for(lambda _: terminal.pane_dead(), timeout=15)
    assert "Traceback" not in terminal.screen()


def test_first_hour(data_dir: Path, tmp_path: Path, size: tuple[int, int], open_terminals: list[Terminal]) -> None:
    config = tmp_path / "config.toml"
    store = Store(data_dir)

    # First run: the welcome explains the areas and offers the demo; the demo touches nothing of ours.
    demo = start(data_dir, config, size, open_terminals)
    screen = demo.wait_for("Welcome to companion")
    assert "Explore demo data" in screen and "Pipeline" in screen
    demo.keys("d")
    # The welcome's own "Explore demo data" would pass a plain wait: p is not taken while the welcome is open.
    demo.wait_for(lambda screen: "demo data" in screen and "Welcome to companion" not in screen)
    demo.keys("p")
    demo.wait_for("Lumen Labs")
    quit_app(demo)
    assert not store.path.exists()

    # The real first run: start fresh.
    app = start(data_dir, config, size, open_terminals)
    app.wait_for("Welcome to companion")
    app.keys("Enter")
    app.wait_for(lambda screen: "Welcome to companion" not in screen)
    assert store.path.exists()

    # Add an application.
    app.keys("p")
    app.wait_for("press a to add the first one")
    app.keys("a")
    app.wait_for("A new application")
    app.type("Nimbus Cloud")
    app.wait_for("Nimbus Cloud")
    app.keys("Tab")
    app.wait_for("Role · Enter saves")
    app.type("Platform Engineer")
    app.wait_for("Platform Engineer")
    app.keys("Enter")
    app.wait_for(  # the form gone as well: the board's line can show behind it, and x would go to the form
        lambda screen: "Nimbus Cloud — Platform Engineer · applied" in screen and "A new application" not in screen
    )
    [application] = pipeline.all_applications(store)
    assert (application.company, application.stage) == ("Nimbus Cloud", "applied")

    # It becomes a no: the debrief, every step answered or skipped calmly.
    app.keys("x")
    app.wait_for("Step 1 of 5")
    app.type("4")
    app.wait_for("4")
    app.keys("Enter")
    for number, text in enumerate(("I stayed calm", "Ask about the team earlier", "I recover faster now"), 1):
        app.wait_for(f"question {number} of 3")
        app.type(text)
        app.wait_for(text)
        app.keys("Enter")
    app.wait_for("How should your messages be signed?")  # asked once, gently: Escape skips it for now
    app.keys("Escape")
    app.wait_for("Step 3 of 5")
    app.keys("Enter")
    app.wait_for("Step 4 of 5")
    app.keys("Enter")  # no reminder this time
    app.wait_for("Step 5 of 5")
    app.keys("Enter")
    app.wait_for("Count this as a win?")  # asking for feedback is progress (pipeline_wins: ask)
    app.keys("n")
    app.wait_for(lambda screen: "Step 5 of 5" not in screen and "Count this as a win?" not in screen)
    [application] = pipeline.all_applications(store)
    assert application.stage == "rejected"
    [debrief] = pipeline.debriefs_for(store, application.id)
    assert (debrief.feeling, debrief.went_well) == (4, "I stayed calm")

    # Read today's card and flip it.
    card = card_of_the_day(load_deck(), date.today())  # the app's clock is the real one here
    app.keys("r")
    app.wait_for(card.thought[:30])
    app.keys("space")
    app.wait_for(card.reframe[:30])

    # Breathe in reduced motion: one minute at the larger size, a short stopped session at 80x24.
    app.keys("b")
    app.wait_for("Length: 3 minutes")
    app.keys("m")
    app.wait_for("Motion")
    if size == (120, 40):
        app.keys("-")
        app.keys("-")
        app.wait_for("Length: 1 minute")
        app.keys("Space")
        app.wait_for("Breathe in")
        app.wait_for("1 minute of calm", timeout=90)
    else:
        app.keys("Space")
        app.wait_for("Breathe in")
        app.wait_for("Breathe out", timeout=15)  # past the 5 s a session needs to be kept
        app.keys("Escape")
        app.wait_for("A few calm breaths")
    [session] = breath_log.all_sessions(store)
    assert session.pattern_name == "Box breathing"
    assert session.finished == (size == (120, 40))

    # A win from the shell shows up in the open app within about a second.
    app.keys("l")
    app.wait_for("in all")
    subprocess.run([sys.executable, "-m", "companion", "win", "Debriefed calmly #growth"], check=True, timeout=60)
    app.wait_for("Debriefed calmly", timeout=5)
    assert [w.text for w in wins.all_wins(store)] == ["Debriefed calmly #growth"]

    quit_app(app)

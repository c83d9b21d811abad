"""In a real 80x24 terminal: open People with h, add someone, log a touchpoint, link an application,
plan a follow-up and see it on Today; hostile text shown as typed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from companion import people, pipeline
from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal, type_into

pytestmark = pytest.mark.tmux

HOSTILE = "[TODO] [/] [bold]x"


@pytest.fixture
def terminal(data_dir: Path, tmp_path: Path) -> Iterator[Terminal]:
    store = Store(data_dir)  # an application to link to (and no first-run welcome: the data dir is in use)
    pipeline.add_application(store, pipeline.Details(f"Acme {HOSTILE}", "Backend Dev"), now=datetime.now())
    term = companion_in_terminal(data_dir, tmp_path / "config.toml", width=80, height=24)
    try:
        yield term
    finally:
        term.close()


def test_the_people_journey_in_a_real_terminal(terminal: Terminal, data_dir: Path) -> None:
    terminal.wait_for("w Win")
    terminal.keys("h")
    terminal.wait_for("Nobody here yet")
    terminal.keys("a")
    terminal.wait_for("Someone in your network")
    type_into(terminal, f"Ana {HOSTILE}")
    terminal.keys("Tab")
    terminal.wait_for(lambda screen: "Company" in screen)
    type_into(terminal, "Acme [/]")
    terminal.keys("Enter")
    terminal.wait_for(f"Added Ana {HOSTILE}")

    # From here each wait is also for the dialog to have closed: it shows the same text (typed, or listed), and a
    # key sent while it is still open goes to it (CI once lost the f that way).
    terminal.keys("n")
    terminal.wait_for("A touchpoint with")
    type_into(terminal, "coffee chat [/]")
    terminal.keys("Enter")
    terminal.wait_for(lambda screen: "coffee chat [/]" in screen and "A touchpoint with" not in screen)

    terminal.keys("k")
    terminal.wait_for("to an application")
    terminal.keys("Enter")
    # "(applied)" wraps at 80 columns.
    terminal.wait_for(lambda screen: f"  Acme {HOSTILE} — Backend Dev" in screen and "to an application" not in screen)

    terminal.keys("f")
    terminal.wait_for("When to get in touch")
    type_into(terminal, "today")
    terminal.keys("Enter")
    terminal.wait_for(lambda screen: "Get in touch today" in screen and "When to get in touch" not in screen)

    terminal.keys("t")
    screen = terminal.wait_for(f"Ana {HOSTILE} (Acme [/]): get in touch today")
    assert "Traceback" not in screen
    terminal.keys("q")
    terminal.wait_for(lambda _: terminal.pane_dead(), timeout=10)

    store = Store(data_dir)
    [person] = people.all_people(store)
    [application] = pipeline.all_applications(store)
    assert (person.name, person.company) == (f"Ana {HOSTILE}", "Acme [/]")
    assert [entry["text"] for entry in person.touchpoints] == ["coffee chat [/]"]
    assert person.application_ids == [application.id]
    assert person.follow_up_on == person.touchpoints[0]["on"]

"""In a real 80x24 terminal: plan an interview from the Pipeline with i, then see it on Today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from companion import interviews, pipeline
from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal

pytestmark = pytest.mark.tmux

HOSTILE = "[TODO] [/]"


@pytest.fixture
def terminal(data_dir: Path, tmp_path: Path) -> Iterator[Terminal]:
    store = Store(data_dir)
    pipeline.add_application(store, pipeline.Details(company=f"Acme {HOSTILE}", role="Backend dev"), now=datetime.now())
    term = companion_in_terminal(data_dir, tmp_path / "config.toml", width=80, height=24)
    try:
        yield term
    finally:
        term.close()


def type_into(term: Terminal, text: str) -> None:
    term.type(text)
    term.wait_for(text)


def test_plan_an_interview_on_the_pipeline_and_see_it_on_today(terminal: Terminal, data_dir: Path) -> None:
    terminal.wait_for("w Win")
    terminal.keys("p")
    terminal.wait_for(f"Acme {HOSTILE} — Backend dev · applied")
    terminal.keys("i")
    terminal.wait_for(f"Interview: Acme {HOSTILE} — Backend dev")
    type_into(terminal, "+3d 14:00")
    terminal.keys("Tab")
    terminal.wait_for(lambda screen: "Minutes" in screen)
    type_into(terminal, "45")
    terminal.keys("Enter")
    terminal.wait_for("Count this as a win?")  # reaching the interviews, offered as a win (the default: ask)
    terminal.keys("n")
    terminal.wait_for("Planned:")
    [interview] = interviews.all_interviews(Store(data_dir))
    assert interview.minutes == 45
    # the detail line under the board names it (wrapped at 80 columns, so read as one line)
    terminal.wait_for(lambda screen: f"Interview {interview.when}" in " ".join(screen.split()))
    terminal.keys("t")
    screen = terminal.wait_for("Next interview:")
    assert f"Next interview: Acme {HOSTILE} — Backend dev, {interview.when}" in screen

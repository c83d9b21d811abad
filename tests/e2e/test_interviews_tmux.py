"""In a real 80x24 terminal: plan an interview from the Pipeline with i, then see it on Today."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion import interviews, pipeline
from companion.store import Store
from tests.e2e.tmux import Terminal, companion_in_terminal, type_into

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
    # "Planned:" is said before the question, so wait for the question to go too: t is not taken while it is open
    terminal.wait_for(lambda screen: "Planned:" in screen and "Count this as a win?" not in screen)
    [interview] = interviews.all_interviews(Store(data_dir))
    assert interview.minutes == 45
    # the detail line under the board names it (wrapped at 80 columns, so read as one line)
    terminal.wait_for(lambda screen: f"Interview {interview.when}" in " ".join(screen.split()))
    terminal.keys("t")
    screen = terminal.wait_for("Next interview:")
    assert f"Next interview: Acme {HOSTILE} — Backend dev, {interview.when}" in screen

    # What the break planner will do around it, from the same planner that sends.
    start = interview.starts_at - timedelta(minutes=40)
    planned = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion",
            "breaks",
            "--plan",
            "--from",
            f"{start:%Y-%m-%d %H:%M}",
            "--hours",
            "3",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COMPANION_DATA_DIR": str(data_dir)},
    )
    assert planned.returncode == 0, planned.stderr
    events = json.loads(planned.stdout)
    nudges = [e for e in events if e["kind"] == "interview_nudge"]
    assert [e["title"] for e in nudges] == ["A calm minute before your interview"]
    assert f"at {interview.starts_at:%H:%M}?" in nudges[0]["body"]
    quiet_from, quiet_to = interview.starts_at - timedelta(minutes=30), interview.ends_at + timedelta(minutes=15)
    breaks = [datetime.fromisoformat(e["at"]).astimezone().replace(tzinfo=None) for e in events if "break" in e["kind"]]
    assert not [at for at in breaks if quiet_from <= at <= quiet_to]  # no break around the interview

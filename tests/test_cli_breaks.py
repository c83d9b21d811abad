"""`companion breaks` through the real command line: a real notification, a clean fallback, one instance."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from companion import dnd, notify
from companion.break_state import StateFile, load_state, state_path
from companion.breaks import ACTIONS, MICRO, BreakPlanner, BreakSettings
from companion.breaks_service import TEST_BODY, TEST_TITLE, deliver_with_actions
from companion.store import Store
from tests.desktop import choose_action, desktop_session  # noqa: F401
from tests.test_notify import dunst_history


def companion(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.desktop
def test_breaks_test_shows_up_in_the_notification_daemon(desktop_session: dict[str, str]) -> None:
    result = companion("breaks", "--test", env={**os.environ, **desktop_session})
    delivered, idle, dnd = result.stdout.splitlines()
    assert (result.returncode, delivered, result.stderr) == (0, "companion breaks --test: delivered via desktop", "")
    assert idle.startswith("companion breaks --test: idle time: read from X11 screen saver info (")  # Xvfb's
    assert dnd == "companion breaks --test: do not disturb: off (dunst)"
    assert (TEST_TITLE, TEST_BODY) in dunst_history(desktop_session)


def test_breaks_test_without_a_desktop_says_why_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY"}}
    env.update(XDG_RUNTIME_DIR=str(tmp_path), PATH=str(tmp_path))
    result = companion("breaks", "--test", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("companion breaks --test: not delivered: no desktop session bus")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == (
        "companion breaks --test: idle time: not readable here (breaks keep a plain cadence)\n"
        "companion breaks --test: do not disturb: not readable here (reminders are never held)\n"
    )


def test_breaks_runs_once_per_data_dir_and_stops_cleanly_on_sigterm(data_dir: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    service = subprocess.Popen(
        [sys.executable, "-m", "companion", "breaks"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert service.stdout is not None and "Ctrl+C stops" in service.stdout.readline()
        second = companion("breaks", env=env)
        assert second.returncode == 1 and "already handled by another companion process" in second.stderr
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=30)
    finally:
        service.kill()
    assert service.returncode == 0 and "stopped" in out and "Traceback" not in err


# --- answering from the notification, in a real dunst ----------------------------------------------


@pytest.fixture
def on_the_desktop(desktop_session: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in desktop_session.items():
        monkeypatch.setenv(name, value)
    subprocess.run(["dunstctl", "close-all"], check=True, timeout=30)
    return desktop_session


@pytest.mark.desktop
def test_a_reminder_carries_its_actions_and_dunst_hands_back_the_one_chosen(on_the_desktop: dict[str, str]) -> None:
    chosen: list[str] = []
    answered = threading.Event()

    def on_action(name: str) -> None:
        chosen.append(name)
        answered.set()

    delivery = notify.send("Time for a short break", "Drink a glass of water.", actions=ACTIONS, on_action=on_action)
    assert delivery.channel == "desktop"
    choose_action(on_the_desktop, "Skip")
    assert answered.wait(30)
    assert chosen == ["skip"]


@pytest.mark.desktop
def test_snooze_chosen_in_dunst_moves_the_break_and_is_kept_for_a_restart(
    on_the_desktop: dict[str, str], tmp_path: Path
) -> None:
    state = StateFile(state_path(tmp_path))
    nine = datetime(2024, 3, 4, 9, 0)  # a Monday
    planner = BreakPlanner(BreakSettings(), deliver=lambda *_: None, clock=lambda: nine, state=state.load(),
                           save=state.save)  # fmt: skip
    deliver_with_actions(planner, "Time for a short break", "Stand up and stretch.", MICRO)
    choose_action(on_the_desktop, "Snooze 5 min")
    for _ in range(300):  # the answer arrives on notify-send's thread
        if state.changed():
            break
        threading.Event().wait(0.1)
    assert load_state(state.path).snoozed_until == datetime(2024, 3, 4, 9, 30)
    assert planner.status_line(nine) == "Next break 09:30"


@pytest.mark.desktop
def test_dunst_paused_holds_reminders_and_breaks_test_says_so(on_the_desktop: dict[str, str]) -> None:
    subprocess.run(["dunstctl", "set-paused", "true"], check=True, timeout=30)
    try:
        assert dnd.status() == dnd.DndStatus(True, "dunst is paused")
        result = companion("breaks", "--test", env=dict(os.environ))
        assert "do not disturb: on (dunst is paused): reminders wait until it is off" in result.stdout
        plan = companion("breaks", "--plan", "--from", "mon 9:00", "--hours", "1", env=dict(os.environ))
        assert "Do not disturb is on (dunst is paused): these wait until it is off." in plan.stdout
    finally:
        subprocess.run(["dunstctl", "set-paused", "false"], check=True, timeout=30)
    assert dnd.status() == dnd.DndStatus(False, "dunst")


# --- the command line ------------------------------------------------------------------------------


def test_breaks_plan_json_is_the_contract(tmp_path: Path) -> None:
    result = companion("breaks", "--plan", "--from", "2026-12-07 09:00", "--hours", "3", "--json", env=dict(os.environ))
    assert result.returncode == 0 and result.stderr == ""
    events = json.loads(result.stdout)
    assert [(e["at"][:16], e["kind"], e["title"]) for e in events[:2]] == [
        ("2026-12-07T09:25", "micro_break", "Time for a short break"),
        ("2026-12-07T09:50", "micro_break", "Time for a short break"),
    ]
    assert all(datetime.fromisoformat(e["at"]).tzinfo is not None for e in events)
    assert "long_break" in {e["kind"] for e in events}


def test_breaks_plan_shows_an_interview_nudge(data_dir: Path) -> None:
    store = Store(data_dir)
    store.insert("interviews", {"application_id": "a1", "starts_at": "2026-12-07T14:00:00+00:00", "minutes": 60,
                                "kind": "video", "with": "Sam", "where": "", "notes": ""})  # fmt: skip
    result = companion(
        "breaks", "--plan", "--from", "2026-12-07 13:00", "--hours", "3", env={**os.environ, "TZ": "UTC"}
    )
    assert "interview_nudge      A calm minute before your interview" in result.stdout
    assert "Mon 13:45" in result.stdout and "interview_follow_up" in result.stdout


def test_pause_resume_and_status_from_the_command_line(data_dir: Path) -> None:
    env = dict(os.environ)
    paused = companion("breaks", "pause", "1h30m", env=env)
    assert paused.returncode == 0 and paused.stdout.startswith("Breaks paused until ")
    status = companion("breaks", "status", env=env)
    assert status.stdout.splitlines()[0] == paused.stdout.strip()
    assert "No companion is sending reminders right now" in status.stdout
    assert companion("breaks", "resume", env=env).stdout.strip().endswith(".")
    assert load_state(state_path(data_dir)).paused_until is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pause"], "how long? e.g. companion breaks pause 1h"),
        (["pause", "soon"], "'soon' is not a length of time"),
        (["pause", "9d"], "out of range: pause for a minute up to 7 days"),
        (["resume", "1h"], "'resume' takes no duration"),
        (["--plan", "--hours", "0"], "--hours 0 is out of range"),
        (["--plan", "--from", "someday"], "someday"),
    ],
)
def test_bad_break_commands_say_what_works(args: list[str], message: str, data_dir: Path) -> None:
    result = companion("breaks", *args, env=dict(os.environ))
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not state_path(data_dir).exists()

"""`companion breaks` through the real command line: a real notification, a clean fallback, one instance."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion.breaks_service import TEST_BODY, TEST_TITLE
from tests.desktop import desktop_session  # noqa: F401
from tests.test_notify import dunst_history


def companion(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "companion", *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.desktop
def test_breaks_test_shows_up_in_the_notification_daemon(desktop_session: dict[str, str]) -> None:  # noqa: F811
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
    service = subprocess.Popen([sys.executable, "-m", "companion", "breaks"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert service.stdout is not None and "Ctrl+C stops" in service.stdout.readline()
        second = companion("breaks", env=env)
        assert second.returncode == 1 and "already handled by another companion process" in second.stderr
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=30)
    finally:
        service.kill()
    assert service.returncode == 0 and "stopped" in out and "Traceback" not in err

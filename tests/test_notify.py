"""Notification delivery: a real desktop (Xvfb + session bus + dunst), then each fallback."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import notify
from tests.desktop import desktop_session, notification_server_pid, require_tools  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
SEND_TEST = (
    "import sys\n"
    "from companion.breaks_service import send_test\n"
    "code, line = send_test(sys.argv[1], sys.argv[2])\n"
    "print(line)\n"
    "sys.exit(code)\n"
)


def run_send_test(title: str, body: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`companion breaks --test` as the lead wires it: send_test in a fresh process."""
    return subprocess.run(
        [sys.executable, "-c", SEND_TEST, title, body],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def dunst_history(env: dict[str, str]) -> list[tuple[str, str]]:
    """(summary, body) of every notification dunst has seen, after closing the ones on screen."""
    full_env = {**os.environ, **env}
    subprocess.run(["dunstctl", "close-all"], env=full_env, check=True, timeout=30)
    shown = subprocess.run(
        ["dunstctl", "history"], env=full_env, capture_output=True, text=True, check=True, timeout=30
    )
    return [(item["summary"]["data"], item["body"]["data"]) for item in json.loads(shown.stdout)["data"][0]]


@pytest.fixture
def no_session_bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """This process has no desktop to talk to."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))


@pytest.fixture
def tty() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A real pseudo-terminal: (the program's side as a text stream, the reading end)."""
    reader, writer = os.openpty()
    stream = open(writer, "w", encoding="utf-8", closefd=True)  # noqa: SIM115  # closed after the yield
    yield stream, reader
    stream.close()
    os.close(reader)


def read_all(fd: int) -> str:
    return os.read(fd, 65536).decode()


@pytest.mark.desktop
@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Time for a short break", "Drink a glass of water."),
        ("Follow-ups for today", "-u critical --help starts with a dash"),
        ("--version", "a title that looks like an option"),
        ("Win", "[bold]markup[/] stays [TODO] text"),
    ],
)
def test_desktop_shows_exact_title_and_body(desktop_session: dict[str, str], title: str, body: str) -> None:
    title = f"{title} {uuid.uuid4().hex[:8]}"
    result = run_send_test(title, body, {**os.environ, **desktop_session})
    assert (result.returncode, result.stdout, result.stderr) == (0, "delivered via desktop\n", "")
    assert (title, body) in dunst_history(desktop_session)


@pytest.mark.desktop
def test_desktop_delivery_writes_nothing_to_our_terminal(
    desktop_session: dict[str, str], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    for name, value in desktop_session.items():
        monkeypatch.setenv(name, value)
    title = f"Escapes stay out {uuid.uuid4().hex[:8]}"
    delivery = notify.send(title + "\x1b]0;hijacked\x07", "\x1b[31mred\x1b[0m and \x07calm")
    assert delivery.channel == "desktop"
    assert capfd.readouterr() == ("", "")
    assert (title, "red and calm") in dunst_history(desktop_session)


@pytest.mark.desktop
def test_a_hung_notification_daemon_times_out_and_falls_back(
    desktop_session: dict[str, str], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    for name, value in desktop_session.items():
        monkeypatch.setenv(name, value)
    shown: list[tuple[str, str]] = []
    daemon = notification_server_pid(desktop_session)
    os.kill(daemon, signal.SIGSTOP)
    try:
        delivery = notify.send("Stretch", "now", in_app=lambda t, b: shown.append((t, b)), timeout=1)
    finally:
        os.kill(daemon, signal.SIGCONT)
    assert delivery.channel == "in-app"
    assert shown == [("Stretch", "now")]
    assert capfd.readouterr() == ("", "")


def test_no_bus_and_no_notify_send_falls_back_cleanly(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY"}}
    env.update(PATH=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path))
    result = run_send_test("Breathe", "-in for four", env)
    assert result.returncode == 1
    assert result.stdout == (
        "not delivered: no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set); no terminal to show it in\n"
    )
    assert result.stderr == ""


@pytest.mark.desktop
def test_a_bus_without_notify_send_says_what_to_install(desktop_session: dict[str, str], tmp_path: Path) -> None:
    result = run_send_test("Breathe", "slowly", {**os.environ, **desktop_session, "PATH": str(tmp_path)})
    assert result.returncode == 1
    assert result.stdout.startswith("not delivered: notify-send not found (install libnotify-bin)")
    assert result.stderr == ""


def test_a_dead_bus_address_is_reported_not_printed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    require_tools("notify-send")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    delivery = notify.send("Break", "water")
    assert delivery.channel == "none"
    assert delivery.reason.startswith("notify-send exited with 1")
    assert capfd.readouterr() == ("", "")


def test_in_app_toast_when_there_is_no_desktop(no_session_bus: None) -> None:
    shown: list[tuple[str, str]] = []
    delivery = notify.send("\x1b[1mWin\x1b[0m", "  got\tthe\ninterview ", in_app=lambda t, b: shown.append((t, b)))
    assert delivery == notify.Delivery("in-app", "shown in the app")
    assert shown == [("Win", "got the interview")]


def test_terminal_escape_on_a_tty_cannot_be_hijacked(no_session_bus: None, tty: tuple[io.TextIOWrapper, int]) -> None:
    stream, reader = tty
    delivery = notify.send("Break; now\x1b]0;evil title\x07", "drink\x07 water;\x1b[31m please\x9c", terminal=stream)
    assert delivery.channel == "terminal"
    assert read_all(reader) == (
        "\x1b]777;notify;Break, now;drink water, please\x07"
        "\x1b]9;Break, now: drink water, please\x07"
        "\x07"
        "Break; now: drink water; please\r\n"
    )


def test_a_failing_toast_falls_through_to_the_terminal(no_session_bus: None, tty: tuple[io.TextIOWrapper, int]) -> None:
    stream, reader = tty

    def broken_toast(title: str, body: str) -> None:
        raise RuntimeError("screen gone")

    delivery = notify.send("Break", "stretch", in_app=broken_toast, terminal=stream)
    assert delivery.channel == "terminal"
    assert read_all(reader).endswith("Break: stretch\r\n")


def test_no_terminal_escape_into_a_file_or_pipe(no_session_bus: None) -> None:
    not_a_tty = io.StringIO()
    delivery = notify.send("Break", "stretch", terminal=not_a_tty)
    assert delivery.channel == "none"
    assert delivery.reason == (
        "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set); no terminal to show it in"
    )
    assert not_a_tty.getvalue() == ""


def test_every_delivery_leaves_a_log_line(no_session_bus: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="companion.notify")
    notify.send("Break", "water", in_app=lambda t, b: None)
    notify.send("Break", "stretch")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "notification 'Break' via in-app (shown in the app): water"),
        (
            "WARNING",
            "notification 'Break' via none (no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set); "
            "no terminal to show it in): stretch",
        ),
    ]


def test_an_empty_title_still_says_who_is_speaking(no_session_bus: None) -> None:
    shown: list[tuple[str, str]] = []
    notify.send("\x1b[2J  ", "water", in_app=lambda t, b: shown.append((t, b)))
    assert shown == [("companion", "water")]


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_plyer_without_its_platform_backend_is_a_reason_not_a_traceback(
    platform: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # Here plyer's Windows / macOS backends cannot load (no win32 API, no pyobjus): its own proxy
    # would print a traceback; ours reports why and moves on.
    monkeypatch.setattr(sys, "platform", platform)
    notify._plyer_backend.cache_clear()
    try:
        delivery = notify.send("Break", "water")
    finally:
        notify._plyer_backend.cache_clear()
    assert delivery.channel == "none"
    assert delivery.reason.startswith("no desktop notifier on this system (")
    assert capfd.readouterr() == ("", "")

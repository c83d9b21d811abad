"""A real desktop for notification tests: Xvfb, a private session bus and dunst (DESIGN §6).

Import the fixture into a test module: `from tests.desktop import desktop_session`.
Nothing here sleeps: Xvfb reports its display through -displayfd when it is ready, and the bus
starts dunst itself (StartServiceByName answers once dunst owns the notification name).
dunst gets a config of ours whose context menu (its `dmenu` program) picks the line naming the action
a test asked for: `choose_action(env, "Snooze 5 min")` is a person choosing it in dunst's menu.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "dbus-daemon", "dbus-send", "dunst", "dunstctl", "notify-send")
NOTIFICATIONS = "org.freedesktop.Notifications"
STARTUP_TIMEOUT = 15.0
# dunst's context menu: it writes one line per action ("#Snooze 5 min (title) [id,snooze]") to dmenu's stdin.
CHOOSER = """#!/bin/sh
grep -F -m1 -f "$(dirname "$0")/choice"
"""
_CHOICE_FILES: dict[str, Path] = {}  # bus address -> the file naming the action to choose


def unavailable(reason: str) -> None:
    """On CI a missing desktop is a broken setup; on a laptop it only means these tests cannot run."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def require_tools(*tools: str) -> None:
    """Skip (or fail on CI) unless every program in `tools` is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        unavailable(f"missing for desktop tests: {', '.join(missing)} (apt: xvfb dbus-x11 dunst libnotify-bin)")


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "800x600x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    # Read up to the newline: Xvfb may write the number and the newline separately, and dies of
    # "Cannot write display number" if we close our end in between.
    said = b""
    try:
        while not said.endswith(b"\n") and select.select([read_end], [], [], STARTUP_TIMEOUT)[0]:
            chunk = os.read(read_end, 64)
            if not chunk:
                break
            said += chunk
    finally:
        os.close(read_end)
    number = said.decode().strip()
    if not number.isdigit():
        server.kill()
        server.wait()
        unavailable("Xvfb did not start")
    return server, f":{number}"


def bus_call(env: dict[str, str], method: str, *args: str) -> str:
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
         f"org.freedesktop.DBus.{method}", *args],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=STARTUP_TIMEOUT, check=True,
    )  # fmt: skip
    return result.stdout.split()[-1]


def notification_server_pid(env: dict[str, str]) -> int:
    """The pid of the process that owns the notification name on this bus (dunst)."""
    return int(bus_call(env, "GetConnectionUnixProcessID", f"string:{NOTIFICATIONS}"))


def _dunst_config(home: Path) -> None:
    """A dunstrc whose context menu is our chooser (dunst reads $XDG_CONFIG_HOME/dunst/dunstrc)."""
    chooser = home / "choose-action"
    chooser.write_text(CHOOSER)
    chooser.chmod(0o700)
    (home / "choice").write_text("nothing chosen yet\n")
    (home / "dunst").mkdir()
    (home / "dunst" / "dunstrc").write_text(f"[global]\n    dmenu = {chooser}\n")


def choose_action(env: dict[str, str], label: str) -> None:
    """Open dunst's context menu on the notification shown and choose the action labelled `label`."""
    _CHOICE_FILES[env["DBUS_SESSION_BUS_ADDRESS"]].write_text(label + "\n")
    subprocess.run(["dunstctl", "context"], env={**os.environ, **env}, check=True, timeout=STARTUP_TIMEOUT)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)


@pytest.fixture(scope="module")
def desktop_session() -> Iterator[dict[str, str]]:
    """Yield the environment (DISPLAY, DBUS_SESSION_BUS_ADDRESS) of a fresh headless desktop."""
    require_tools(*TOOLS)
    xvfb, display = _start_xvfb()
    bus_pid = dunst_pid = 0
    home = Path(tempfile.mkdtemp(prefix="companion-dunst-"))
    _dunst_config(home)
    try:
        # DISPLAY first: the bus starts dunst, which needs a display to live on.
        env = {**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(home)}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        started = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            env=env, capture_output=True, text=True, timeout=STARTUP_TIMEOUT, check=True,
        )  # fmt: skip
        address, pid = started.stdout.split()
        bus_pid = int(pid)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        bus_call(env, "StartServiceByName", f"string:{NOTIFICATIONS}", "uint32:0")
        dunst_pid = notification_server_pid(env)
        _CHOICE_FILES[address] = home / "choice"
        yield {"DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
    finally:
        for pid in (dunst_pid, bus_pid):
            if pid:
                _stop(pid)
        xvfb.terminate()
        xvfb.wait(timeout=STARTUP_TIMEOUT)
        shutil.rmtree(home, ignore_errors=True)

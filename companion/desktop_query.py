"""Run one small desktop query (gdbus, gsettings, dunstctl) and keep its answer: never raises, never hangs."""

from __future__ import annotations

import os
import shutil
import subprocess

QUERY_TIMEOUT = 3.0


def ask(*command: str) -> str | None:
    """The command's stdout, stripped; None when it is missing, fails or takes too long."""
    program = shutil.which(command[0])
    if program is None:
        return None
    try:
        finished = subprocess.run(
            [program, *command[1:]], stdin=subprocess.DEVNULL, capture_output=True, text=True,
            errors="replace", timeout=QUERY_TIMEOUT,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return finished.stdout.strip() if finished.returncode == 0 else None


def session_bus() -> bool:
    """A desktop session bus to ask (as companion.notify needs for notifications)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    return os.path.exists(os.path.join(runtime_dir, "bus")) if runtime_dir else False


def bus_call(destination: str, path: str, method: str, *args: str) -> str | None:
    """`gdbus call` on the session bus; its printed reply, e.g. "(uint64 1234,)"."""
    if not session_bus():
        return None
    return ask("gdbus", "call", "--session", "--dest", destination, "--object-path", path, "--method", method, *args)

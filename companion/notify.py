"""Deliver one notification and say which channel carried it (DESIGN §6).

Order: the desktop → an in-app toast (when the TUI passes a callback) → a terminal escape (only when
`terminal` is a TTY) → none. Every attempt also leaves a log line on the "companion.notify" logger.

Why Linux does not go through plyer: plyer 2.1.0 picks a backend once per process (PATH at that
moment counts), runs `notify-send` without checking its exit code, lets it write to our stdout and
stderr (inside the TUI that text lands on the screen), and passes user text where a leading `-` is
read as an option, so notifications get lost silently. Redirecting fds 1/2 around the call would also
swallow what the TUI draws from another thread. So on Linux and the BSDs we run `notify-send`
ourselves: output captured, a timeout, the return code checked, `--` before the user's text, and a
session bus required first. Actions ("Snooze 5 min") need notify-send 0.8's `--wait`, which blocks until
the notification closes and then prints the chosen action: our notify-send writes to a pseudo-terminal
(so its output is line-buffered: a pipe would hold the notification id until it exits), the id says it
was shown, and a daemon thread waits for the answer. plyer stays in charge of Windows and macOS, where
its backends make no subprocess: its warnings are silenced, its backend import is done by us (its proxy
prints a traceback to stderr when that fails) and it runs in a daemon thread so a stuck call cannot hang the caller.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from companion.records import Record, field
from companion.textsafe import clean_line

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TextIO

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# plyer warns ("dbus package is not installed", "notify-send not found") when it picks a Linux
# backend. We never run that picker, but any use of plyer.notification in this process would, and a
# warning printed over the TUI breaks the screen.
warnings.filterwarnings("ignore", module=r"plyer(\.|$)")

Channel = Literal["desktop", "terminal", "in-app", "none"]

APP_NAME = "companion"
DEFAULT_TIMEOUT = 10.0
ANSWER_WAIT = 30 * 60.0  # a notification still open after this has been left; stop waiting for its answer
_PLYER_PLATFORMS = {"win32": "win", "cygwin": "win", "darwin": "macosx"}


class Delivery(Record, frozen=True):
    """Which channel carried a notification, and why (the reason for "none" is shown to the user)."""

    channel: Channel = field()
    reason: str = field()

    @property
    def delivered(self) -> bool:
        return self.channel != "none"


def send(
    title: str,
    body: str,
    *,
    in_app: Callable[[str, str], None] | None = None,
    terminal: TextIO | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    actions: Sequence[tuple[str, str]] = (),
    on_action: Callable[[str], None] | None = None,
) -> Delivery:
    """Show `title` / `body` on the first channel that works; never raises, never hangs past `timeout`.

    Blocking (a desktop daemon may be slow): the TUI calls this from a thread worker, so `in_app`
    runs on that thread too (hand it to the app with `App.call_from_thread`). `actions` are
    (name, label) buttons for a desktop notification (Linux); the name of the one chosen is given to
    `on_action`, later, on another thread.
    """
    title = clean_line(title) or APP_NAME
    body = clean_line(body)
    misses: list[str] = []

    desktop_problem = _send_desktop(title, body, timeout, actions if on_action is not None else (), on_action)
    if desktop_problem is None:
        return _logged(Delivery("desktop", "shown on the desktop"), title, body)
    misses.append(desktop_problem)

    if in_app is not None:
        try:
            in_app(title, body)
            return _logged(Delivery("in-app", "shown in the app"), title, body)
        except Exception as error:  # a toast that breaks must not lose the reminder
            logger.exception("in-app notification raised")
            misses.append(f"in-app toast raised {type(error).__name__}")

    if terminal is not None and _is_tty(terminal):
        try:
            terminal.write(terminal_escape(title, body) + f"{title}: {body}\n")
            terminal.flush()
            return _logged(Delivery("terminal", "terminal notification and bell"), title, body)
        except OSError as error:
            misses.append(f"terminal write failed: {error.strerror or error}")
    else:
        misses.append("no terminal to show it in")

    return _logged(Delivery("none", "; ".join(misses)), title, body)


def terminal_escape(title: str, body: str) -> str:
    """OSC 777 (foot, WezTerm, urxvt...) and OSC 9 (iTerm2, Windows Terminal...) plus a bell.

    The payload can never end the sequence early or start another one: control characters go, and
    `;` (the OSC field separator) becomes `,`.
    """
    title, body = _osc_payload(title), _osc_payload(body)
    return f"\x1b]777;notify;{title};{body}\x07\x1b]9;{title}: {body}\x07\a"


def _osc_payload(text: str) -> str:
    return clean_line(text).replace(";", ",")


def _logged(delivery: Delivery, title: str, body: str) -> Delivery:
    level = logging.INFO if delivery.delivered else logging.WARNING
    logger.log(level, "notification %r via %s (%s): %s", title, delivery.channel, delivery.reason, body)
    return delivery


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed or detached stream
        return False


def _send_desktop(
    title: str,
    body: str,
    timeout: float,
    actions: Sequence[tuple[str, str]] = (),
    on_action: Callable[[str], None] | None = None,
) -> str | None:
    """None when the desktop took the notification, else why not."""
    if sys.platform in _PLYER_PLATFORMS:
        return _send_with_plyer(title, body, timeout)
    return _send_with_notify_send(title, body, timeout, actions, on_action)


def _session_bus_available() -> bool:
    """libnotify needs a session bus: the address in the environment, or the systemd per-user socket."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    return Path(runtime_dir, "bus").is_socket() if runtime_dir else False


def _send_with_notify_send(
    title: str,
    body: str,
    timeout: float,
    actions: Sequence[tuple[str, str]] = (),
    on_action: Callable[[str], None] | None = None,
) -> str | None:
    if not _session_bus_available():
        return "no desktop session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    program = shutil.which("notify-send")  # looked up each time: PATH may change, unlike plyer's cache
    if program is None:
        return "notify-send not found (install libnotify-bin)"
    if actions and on_action is not None and os.name == "posix":
        buttons = [f"--action={name}={clean_line(label)}" for name, label in actions]
        waiting = [program, "--app-name", APP_NAME, "--print-id", "--wait", *buttons, "--", title, body]
        return _send_and_await_answer(waiting, timeout, on_action)
    command = [program, "--app-name", APP_NAME, "--", title, body]
    try:
        finished = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"the desktop notification service did not answer within {timeout:g} s"
    except OSError as error:
        return f"could not run notify-send: {error.strerror or error}"
    if finished.returncode != 0:
        said = clean_line(finished.stderr or finished.stdout)[:200]
        return f"notify-send exited with {finished.returncode}" + (f": {said}" if said else "")
    return None


class _TerminalLines:
    """Lines a child writes to its pseudo-terminal, read with a time limit."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._buffer = b""

    def next(self, timeout: float) -> str | None:
        """The next line ("" once the child closed its end), or None when none came in time."""
        import select
        import time

        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # EIO: the child has closed the terminal
                chunk = b""
            if not chunk:
                return ""
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode(errors="replace").strip() or " "

    def close(self) -> None:
        os.close(self.fd)


def _send_and_await_answer(command: list[str], timeout: float, on_action: Callable[[str], None]) -> str | None:
    """notify-send --wait: shown once it prints the id; the answer comes on a daemon thread."""
    reader, writer = os.openpty()
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=writer, stderr=subprocess.PIPE)
    except OSError as error:
        os.close(reader)
        return f"could not run notify-send: {error.strerror or error}"
    finally:
        os.close(writer)
    lines = _TerminalLines(reader)
    first = lines.next(timeout)
    if first is not None and first.strip().isdigit():
        threading.Thread(
            target=_await_answer, args=(process, lines, on_action), name="companion-notify-answer", daemon=True
        ).start()
        return None
    if first is None:
        process.kill()
    code = process.wait()
    said = clean_line(process.stderr.read().decode(errors="replace") if process.stderr else "")[:200]
    if process.stderr:
        process.stderr.close()
    lines.close()
    if first is None:
        return f"the desktop notification service did not answer within {timeout:g} s"
    return f"notify-send exited with {code}" + (f": {said}" if said else "")


def _await_answer(process: subprocess.Popen[bytes], lines: _TerminalLines, on_action: Callable[[str], None]) -> None:
    try:
        answer = lines.next(ANSWER_WAIT)
        if answer and answer.strip():
            logger.info("notification answered: %s", answer.strip())
            on_action(answer.strip())
    except Exception:
        logger.exception("acting on a notification's answer failed")
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stderr:
            process.stderr.close()
        lines.close()


@functools.cache
def _plyer_backend() -> Any | str:
    """plyer's notifier for this platform, or why there is none (cached, as plyer itself does)."""
    module_name = f"plyer.platforms.{_PLYER_PLATFORMS[sys.platform]}.notification"
    try:
        module = __import__(module_name, fromlist=["instance"])
        return module.instance()
    except Exception as error:  # e.g. pyobjus missing on macOS
        return f"no desktop notifier on this system ({type(error).__name__}: {error})"


def _send_with_plyer(title: str, body: str, timeout: float) -> str | None:
    backend = _plyer_backend()
    if isinstance(backend, str):
        return backend
    outcome: list[str | None] = []

    def call() -> None:
        try:
            backend.notify(title=title, message=body, app_name=APP_NAME, timeout=10)
            outcome.append(None)
        except Exception as error:
            outcome.append(f"desktop notification failed ({type(error).__name__}: {error})")

    worker = threading.Thread(target=call, name="companion-notify", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        return f"the desktop notification did not finish within {timeout:g} s"
    return outcome[0]

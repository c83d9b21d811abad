"""`companion breaks`: the break scheduler as a small foreground process, and `--test`.

It runs all day (a systemd user unit or a terminal tab), so it imports neither textual nor rich and
stays light. Only one scheduler sends per data dir: whoever holds `breaks.lock` does; the TUI asks
`SchedulerLock.is_held_elsewhere()` and then leaves breaks to this process.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from companion import dnd, notify
from companion.break_state import StateFile, state_path
from companion.breaks import BreakPlanner, BreakSettings, DueFollowups, Interviews
from companion.idle import IdleReader
from companion.locking import try_lock, unlock
from companion.paths import ensure_private_dir

LOCK_FILE_NAME = "breaks.lock"
TICK_SECONDS = 15.0
TEST_TITLE = "companion: test notification"
TEST_BODY = "Break reminders will look like this. Nothing to do, take care."


class SchedulerLock:
    """A non-blocking exclusive lock on `<data_dir>/breaks.lock`.

    The operating system drops the lock when its holder exits, so a crashed service never leaves a
    stale lock behind. Locks belong to an open file, so a second `SchedulerLock` in the same process
    is refused too.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True when this lock now holds (or already held) the scheduler; never waits."""
        if self._fd is not None:
            return True
        ensure_private_dir(self.path.parent)
        fd = self._open()  # OSError (a read-only data dir) is the caller's to explain
        if try_lock(fd):
            self._fd = fd
            return True
        os.close(fd)
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    def is_held_elsewhere(self) -> bool:
        """True when another lock (usually the background service) holds the scheduler."""
        if self._fd is not None or not self.path.parent.is_dir():
            return False
        try:
            fd = self._open()
        except OSError:  # unreadable data dir: nobody can be running breaks from it
            return False
        try:
            if try_lock(fd):
                unlock(fd)
                return False
            return True
        finally:
            os.close(fd)

    def _open(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return fd


def run_service(
    data_dir: Path,
    settings: BreakSettings,
    due_followups: DueFollowups | None = None,
    stop_event: threading.Event | None = None,
    interviews: Interviews | None = None,
) -> int:
    """Send breaks until SIGINT/SIGTERM (or `stop_event`); 0 on a clean stop, 1 when it cannot run."""
    lock = SchedulerLock(data_dir)
    try:
        acquired = lock.acquire()
    except OSError as error:
        print(f"companion breaks: cannot use {lock.path}: {error.strerror or error}", file=sys.stderr)
        return 1
    if not acquired:
        print("companion breaks: breaks are already handled by another companion process.", file=sys.stderr)
        return 1
    stop = stop_event or threading.Event()
    restore_signals = _stop_on_signals(stop)
    try:
        state_file = StateFile(state_path(data_dir))
        planner: BreakPlanner
        planner = new_planner(
            settings, state_file, deliver=lambda title, body, kind: deliver_with_actions(planner, title, body, kind),
            due_followups=due_followups, interviews=interviews, held=dnd.held_reason, idle_seconds=IdleReader().seconds,
        )  # fmt: skip
        print(f"companion breaks: {planner.status_line(datetime.now())}. Ctrl+C stops.", flush=True)
        while not stop.wait(TICK_SECONDS):
            if state_file.changed():  # `companion breaks pause 1h` from a desktop shortcut
                planner.reload_state(state_file.load())
            planner.tick()
    finally:
        restore_signals()
        lock.release()
    print("companion breaks: stopped. Take care.", flush=True)
    return 0


def new_planner(settings: BreakSettings, state_file: StateFile, **options: Any) -> BreakPlanner:
    """A planner with this machine's pause and snooze, keeping them in `state_file`."""
    return BreakPlanner(settings, state=state_file.load(), save=state_file.save, **options)


def send_test(title: str = TEST_TITLE, body: str = TEST_BODY, *, terminal: TextIO | None = None) -> tuple[int, str]:
    """`companion breaks --test`: send one notification now; (exit code, line to print)."""
    delivery = notify.send(title, body, terminal=terminal)
    if delivery.delivered:
        return 0, f"delivered via {delivery.channel}"
    return 1, f"not delivered: {delivery.reason}"


def desktop_report() -> list[str]:
    """What `--test` says beside the delivery: whether idle time and do-not-disturb can be read here."""
    return [IdleReader().describe(), dnd.status().describe()]


def deliver_with_actions(planner: BreakPlanner, title: str, body: str, kind: str) -> None:
    """Show a reminder from the service; a break's buttons act on `planner` (and the line is printed)."""

    def answered(action: str) -> None:
        print(f"companion breaks: {planner.answer(action)}", flush=True)

    actions = planner.actions(kind, datetime.now())
    notify.send(title, body, terminal=sys.stdout, actions=actions, on_action=answered if actions else None)


def _stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """Make SIGINT/SIGTERM set `stop`; returns how to put the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # only the main thread may set handlers; the caller stops us by event
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore

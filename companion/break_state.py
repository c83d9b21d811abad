"""Pause, snooze and the day's skips of break reminders, kept per machine so they survive a restart.

Not in companion.json: that file syncs between machines, and a pause on the laptop is no pause on the
desktop. One small JSON file per machine in the data dir, written atomically; one that cannot be read
(hand-edited, half-synced) is logged and read as "nothing paused", never an error.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
from datetime import date, datetime
from pathlib import Path

from companion.dates import parse_timestamp, timestamp
from companion.fileio import write_atomic
from companion.paths import ensure_private_dir
from companion.values import Value

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_ANNOUNCED_KEPT = 50  # interview nudges and prompts already sent, newest kept


class BreakState(Value):
    """What the person chose: a pause, a snoozed break, today's skips; and the interview notes already sent."""

    __slots__ = ("paused_until", "snoozed_kind", "snoozed_until", "skips_day", "skips", "announced")

    def __init__(
        self,
        paused_until: datetime | None = None,
        snoozed_kind: str | None = None,
        snoozed_until: datetime | None = None,
        skips_day: date | None = None,
        skips: int = 0,
        announced: list[str] | None = None,
    ) -> None:
        self.paused_until = paused_until
        self.snoozed_kind = snoozed_kind
        self.snoozed_until = snoozed_until
        self.skips_day = skips_day
        self.skips = skips
        self.announced = [] if announced is None else announced

    def skips_on(self, day: date) -> int:
        return self.skips if self.skips_day == day else 0

    def to_json(self) -> bytes:
        def moment(value: datetime | None) -> str | None:
            return None if value is None else timestamp(value)

        data = {
            "paused_until": moment(self.paused_until),
            "snoozed_kind": self.snoozed_kind,
            "snoozed_until": moment(self.snoozed_until),
            "skips_day": None if self.skips_day is None else self.skips_day.isoformat(),
            "skips": self.skips,
            "announced": self.announced[-_ANNOUNCED_KEPT:],
        }
        return (json.dumps(data, indent=1) + "\n").encode()

    @classmethod
    def from_json(cls, text: str) -> BreakState:
        """Raises ValueError (or TypeError / KeyError) when the text is not a state file."""
        data = json.loads(text)

        def moment(key: str) -> datetime | None:
            value = data.get(key)
            return None if value is None else parse_timestamp(str(value))

        skips_day = data.get("skips_day")
        announced = data.get("announced") or []
        kind = data.get("snoozed_kind")
        return cls(
            paused_until=moment("paused_until"),
            snoozed_kind=None if kind is None else str(kind),
            snoozed_until=moment("snoozed_until"),
            skips_day=None if skips_day is None else date.fromisoformat(str(skips_day)),
            skips=max(0, int(data.get("skips", 0))),
            announced=[str(key) for key in announced],
        )


def machine_name() -> str:
    """This machine's host name, safe as part of a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", socket.gethostname()).strip(".-")[:60] or "this-machine"


def state_path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / f"breaks-state-{machine_name()}.json"


def load_state(path: Path) -> BreakState:
    try:
        return BreakState.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BreakState()
    except (OSError, ValueError, TypeError, AttributeError, OverflowError) as error:
        logger.warning("break state %s could not be read (%s): starting without a pause or snooze", path, error)
        return BreakState()


def save_state(path: Path, state: BreakState) -> None:
    """Raises OSError when the data dir cannot be written; the caller says so."""
    ensure_private_dir(path.parent)
    write_atomic(path, state.to_json())


def state_signature(path: Path) -> tuple[int, int] | None:
    """Changes when another process (the command line) wrote the file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class StateFile:
    """The state file of this machine, noticing when another process (the command line) wrote it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen = state_signature(path)

    def load(self) -> BreakState:
        self._seen = state_signature(self.path)
        return load_state(self.path)

    def save(self, state: BreakState) -> None:
        save_state(self.path, state)
        self._seen = state_signature(self.path)

    def changed(self) -> bool:
        return state_signature(self.path) != self._seen

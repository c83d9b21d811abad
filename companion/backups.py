"""Daily backups of the data file: named, ranked and described so recovery can offer the right one.

A backup is `backups/companion-<sequence>-<day>.json`. The sequence counts up with every backup
written, so backups rank by the order they were written, never by the clock's date in their name
(one made while the clock said 2099 is not "newest" forever after). Files named the older way
(`companion-<day>.json`) rank before every numbered one, among themselves by when they were written.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime
from typing import TYPE_CHECKING

from companion.datafile import UnreadableText, parse, record_counts
from companion.fileio import write_atomic
from companion.paths import ensure_private_dir
from companion.sync_merge import counted

if TYPE_CHECKING:
    from pathlib import Path

_NAME = re.compile(r"^companion-(?:(\d{1,12})-)?(\d{4}-\d{2}-\d{2})\.json$")


class Backup:
    """One backup file: where it is, its rank, when it was written and what it holds."""

    __slots__ = ("path", "sequence", "day", "written_at", "counts", "readable")

    def __init__(
        self, path: str, sequence: int, day: str, written_at: datetime, counts: dict[str, int], readable: bool
    ) -> None:
        self.path = path
        self.sequence = sequence
        self.day = day
        self.written_at = written_at
        self.counts = counts
        self.readable = readable

    @property
    def empty(self) -> bool:
        return not self.counts

    def describe(self, now: datetime) -> str:
        """'written 3 hours ago: 12 wins, 4 applications' in words a person can choose by."""
        if not self.readable:
            return f"written {age(self.written_at, now)}: cannot be read"
        held = counted(self.counts) if self.counts else "empty (nothing recorded yet)"
        return f"written {age(self.written_at, now)}: {held}"


def age(moment: datetime, now: datetime) -> str:
    """How long ago, as people say it; a time in the future (a clock that was wrong) is given as a date."""
    seconds = (now - moment).total_seconds()
    if seconds < -60:
        return f"on {moment:%Y-%m-%d %H:%M} (a time still to come: the clock was off)"
    if seconds < 90:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 90:
        return f"{minutes} minutes ago"
    hours = int(minutes // 60)
    if hours < 36:
        return f"{hours} hours ago"
    return f"{int(hours // 24)} days ago ({moment:%Y-%m-%d})"


def _entries(directory: str) -> list[tuple[int, float, str, str]]:
    """(sequence, mtime, day, path) of each backup, oldest first."""
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if not match:
            continue
        path = os.path.join(directory, name)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            continue
        found.append((int(match.group(1) or 0), mtime, match.group(2), path))
    found.sort()
    return found


def newest_first(directory: str) -> list[str]:
    """Backup paths in the order they were written, newest first."""
    return [path for *_, path in reversed(_entries(directory))]


def describe_all(directory: str) -> list[Backup]:
    """Every backup, newest first, each read to say what it holds."""
    backups = []
    for sequence, mtime, day, path in reversed(_entries(directory)):
        try:
            with open(path, "rb") as handle:
                counts, readable = record_counts(parse(handle.read())), True
        except (OSError, UnreadableText):
            counts, readable = {}, False
        backups.append(Backup(path, sequence, day, datetime.fromtimestamp(mtime), counts, readable))
    return backups


def best(backups: list[Backup]) -> Backup | None:
    """What recovery offers first: the newest backup that reads and holds something (never an empty one)."""
    return next((backup for backup in backups if backup.readable and not backup.empty), None)


def back_up_once_a_day(data_file: str, directory: str, today: str, keep: int) -> None:
    """Copy the data file before the day's first write, keeping the newest `keep`; raises OSError."""
    if keep <= 0 or not os.path.exists(data_file):
        return
    entries = _entries(directory)
    if any(day == today for _, _, day, _ in entries):
        return
    ensure_private_dir(directory)
    sequence = max((entry[0] for entry in entries), default=0) + 1
    with open(data_file, "rb") as current:
        write_atomic(os.path.join(directory, f"companion-{sequence:06d}-{today}.json"), current.read())
    for *_, old in _entries(directory)[:-keep]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def as_paths(paths: list[str]) -> list[Path]:
    from pathlib import Path

    return [Path(path) for path in paths]

"""Two machines, one search: merge a sync tool's conflict copy of the data file by record id.

Syncthing, Dropbox and Nextcloud never merge a JSON file: when both machines changed it while
apart, one side's version is kept as `companion.json` and the other is saved beside it under a
conflict name. Without a merge, the other machine's wins simply vanish from view. Here every
record is identified by its `id`, so the merge is exact: the union of both sides' records, the newer
`updated_at` wins per record, and a tombstone (left by a deletion) newer than a record removes it,
so a deletion on one machine is never undone by the other's copy.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from companion.datafile import META_TABLE, TOMBSTONES_TABLE
from companion.dates import instant as moment

if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
    Data = dict[str, dict[str, Record]]

MERGED_DIR = "merged"
# companion.sync-conflict-20261202-120000-ABCDEFG.json (Syncthing); companion (Sam's conflicted copy
# 2026-12-02).json (Dropbox); companion (conflicted copy 2026-12-02 120000).json (Nextcloud).
_SYNCTHING = re.compile(r"^companion\.sync-conflict-[^/]*\.json$")
_CONFLICTED_COPY = re.compile(r"^companion \(.*conflicted copy.*\)\.json$", re.IGNORECASE)


def conflict_source(name: str) -> str | None:
    """Which sync tool made a file of this name, or None when it is no conflict copy of ours."""
    if _SYNCTHING.match(name):
        return "Syncthing"
    if _CONFLICTED_COPY.match(name):
        return "Nextcloud" if name.lower().startswith("companion (conflicted copy") else "Dropbox"
    return None


def conflict_copies(directories: list[str]) -> list[str]:
    """Conflict copies in these directories (the data dir, and the link target's when the file is a link)."""
    found: list[str] = []
    for directory in dict.fromkeys(directories):
        try:
            names = os.listdir(directory)
        except OSError:  # missing or unreadable: nothing to merge from there
            continue
        found += [os.path.join(directory, name) for name in sorted(names) if conflict_source(name)]
    return found


def set_aside(path: str) -> str:
    """Move a merged copy into `merged/` beside it (never deleted, never merged twice); its new path."""
    directory, name = os.path.split(path)
    target_dir = os.path.join(directory, MERGED_DIR)
    os.makedirs(target_dir, mode=0o700, exist_ok=True)
    target = os.path.join(target_dir, name)
    stem, dot, extension = name.rpartition(".")
    number = 1
    while os.path.exists(target):
        number += 1
        target = os.path.join(target_dir, f"{stem}-{number}{dot}{extension}")
    os.replace(path, target)
    return target


class MergeCounts:
    """What a merge did, per table: records added, replaced by a newer version, removed by a deletion."""

    __slots__ = ("added", "updated", "removed")

    def __init__(self) -> None:
        self.added: dict[str, int] = {}
        self.updated: dict[str, int] = {}
        self.removed: dict[str, int] = {}

    def count(self, kind: dict[str, int], table: str) -> None:
        kind[table] = kind.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def describe(self) -> str:
        """'2 wins and 1 application added, 1 win updated' or 'nothing new'."""
        parts = [
            f"{counted(kind)} {verb}"
            for kind, verb in ((self.added, "added"), (self.updated, "updated"), (self.removed, "removed"))
            if kind
        ]
        return ", ".join(parts) if parts else "nothing new"


def merge_into(ours: Data, theirs: Data) -> MergeCounts:
    """Bring `theirs` into `ours` in place, record by record; what changed is counted."""
    counts = MergeCounts()
    tombstones = _merged_tombstones(ours, theirs)
    for name, their_table in theirs.items():
        if name in (META_TABLE, TOMBSTONES_TABLE):
            continue
        our_table = ours[name] = dict(ours.get(name, {}))  # a new dict: Store.derived sees the change
        by_id = {str(record.get("id")): key for key, record in our_table.items()}
        next_key = max((int(key) for key in our_table if key.isdecimal()), default=0) + 1
        for record in their_table.values():
            record_id = str(record.get("id"))
            deleted = tombstones.get(f"{name}:{record_id}")
            if deleted is not None and deleted >= moment(record.get("updated_at")):
                continue  # deleted on one side after this version was written
            key = by_id.get(record_id)
            if key is None:
                our_table[str(next_key)] = dict(record)
                by_id[record_id] = str(next_key)
                next_key += 1
                counts.count(counts.added, name)
            elif moment(record.get("updated_at")) > moment(our_table[key].get("updated_at")):
                our_table[key] = dict(record)
                counts.count(counts.updated, name)
    for name, table in list(ours.items()):
        if name in (META_TABLE, TOMBSTONES_TABLE):
            continue
        gone = [
            key
            for key, record in table.items()
            if tombstones.get(f"{name}:{record.get('id')}", float("-inf")) >= moment(record.get("updated_at"))
        ]
        if gone:
            ours[name] = {key: record for key, record in table.items() if key not in gone}
            for _ in gone:
                counts.count(counts.removed, name)
    return counts


def _merged_tombstones(ours: Data, theirs: Data) -> dict[str, float]:
    """Both sides' tombstones in `ours` (the newest deletion of each record); when each deletion was."""
    our_stones = ours[TOMBSTONES_TABLE] = dict(ours.get(TOMBSTONES_TABLE, {}))
    by_id = {str(stone.get("id")): key for key, stone in our_stones.items()}
    next_key = max((int(key) for key in our_stones if key.isdecimal()), default=0) + 1
    for stone in theirs.get(TOMBSTONES_TABLE, {}).values():
        stone_id = str(stone.get("id"))
        key = by_id.get(stone_id)
        if key is None:
            our_stones[str(next_key)] = dict(stone)
            by_id[stone_id] = str(next_key)
            next_key += 1
        elif moment(stone.get("deleted_at")) > moment(our_stones[key].get("deleted_at")):
            our_stones[key] = dict(stone)
    return {str(stone.get("id")): moment(stone.get("deleted_at")) for stone in our_stones.values()}


_NOUNS = {
    "applications": ("application", "applications"),
    "wins": ("win", "wins"),
    "reflections": ("reflection", "reflections"),
    "breath_sessions": ("breathing session", "breathing sessions"),
    "breath_patterns": ("breathing pattern", "breathing patterns"),
    "cards": ("card", "cards"),
    "favourites": ("favourite", "favourites"),
    "interviews": ("interview", "interviews"),
    "people": ("person", "people"),
}


def counted(kind: dict[str, int]) -> str:
    """'2 wins and 1 application': record counts per table, in words."""
    phrases = []
    for table, number in kind.items():
        singular, plural = _NOUNS.get(table, (f"{table} record", f"{table} records"))
        phrases.append(f"{number} {singular if number == 1 else plural}")
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]

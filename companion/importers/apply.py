"""Putting what was read into the store: added, merged into what is there, or already here.

One transaction for the whole file, inserts in batches; nothing of a file is kept in memory once
its batch is stored (a 200,000-row export costs what its records cost, not what its text costs).
A row already here by its key adds nothing; if it brings fields that are empty here, they are filled
in ("merged"), and a wish that the file shows as sent moves on. A dry run reads without the lock
and writes nothing, not even the data directory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.dates import timestamp
from companion.importers.rows import APPLICATIONS, Row, RowProblem, application_key
from companion.store import Store, Transaction

BATCH = 5000
SAMPLE = 40  # lines of each kind the dry-run table shows
PROGRESS_EVERY = 2000
ADD, MERGE, HERE, NOT_READ = "add", "merge", "already here", "not read"
_BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "history", "origin", "stage", "kind"})


@dataclass(frozen=True)
class Line:
    """One line of the dry-run table."""

    action: str
    table: str
    where: str
    summary: str


@dataclass
class Outcome:
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (table, action) -> rows
    problems: list[RowProblem] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    hidden: Counter[str] = field(default_factory=Counter)  # action -> lines not shown

    def count(self, action: str, table: str | None = None) -> int:
        return sum(n for (name, done), n in self.counts.items() if done == action and table in (None, name))

    @property
    def rows(self) -> int:
        return sum(self.counts.values()) + len(self.problems)


def _has(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has(item) for item in value.values())
    if isinstance(value, (list, str)):
        return bool(value)
    return value is not None


def _keys(table: str, record: dict[str, Any]) -> list[str]:
    """Every key an existing record answers to, so a file finds it by whichever it carries."""
    keys = [f"origin:{record['origin']}"] if record.get("origin") else []
    keys += [f"id:{record['id']}"] if record.get("id") else []
    if table == APPLICATIONS:
        keys.append(application_key({**record, "origin": "", "id": ""}))
    elif table == "people":
        keys.append(f"same:{str(record.get('name', '')).casefold()}|{str(record.get('company', '')).casefold()}")
    elif table == "reflections":
        keys.append(f"same:{record.get('created_at', '')}|{str(record.get('automatic_thought', '')).casefold()}")
    return keys


class _Known:
    """What each key stands for: the stored id (or the record waiting in this batch), its filled fields, its stage."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, list[Any]]] = {}  # table -> key -> entry
        self._shapes: dict[frozenset[str], frozenset[str]] = {}  # one frozenset per shape of record, shared

    def shape(self, record: dict[str, Any]) -> frozenset[str]:
        names = frozenset(name for name, value in record.items() if name not in _BOOKKEEPING and _has(value))
        return self._shapes.setdefault(names, names)

    def remember(self, table: str, record: dict[str, Any], ref: Any, keys: list[str]) -> list[Any]:
        entry = [ref, self.shape(record), record.get("stage", "")]
        known = self.entries.setdefault(table, {})
        for key in keys:
            known.setdefault(key, entry)
        return entry

    def find(self, table: str, key: str) -> list[Any] | None:
        return self.entries.get(table, {}).get(key)


class _Writer:
    def __init__(self, tx: Transaction | None, store: Store, now: datetime) -> None:
        self.tx, self.store, self.stamp = tx, store, timestamp(now)
        self.known = _Known()
        self.loaded: set[str] = set()
        self.pending: dict[str, list[tuple[dict[str, Any], list[Any]]]] = {}

    def load(self, table: str) -> None:
        if table in self.loaded:
            return
        self.loaded.add(table)
        for record in self.tx.all(table) if self.tx else self.store.all(table):
            self.known.remember(table, record, str(record.get("id", "")), _keys(table, record))

    def add(self, row: Row) -> None:
        # One key per new row: the index of a 200,000-row file is the bulk of what a dry run holds.
        entry = self.known.remember(row.table, row.record, row.record if self.tx else "", [row.key])
        if self.tx is None:
            return
        batch = self.pending.setdefault(row.table, [])
        batch.append((row.record, entry))
        if len(batch) >= BATCH:
            self.flush(row.table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.pending):
            batch = self.pending.pop(name, [])
            if batch and self.tx is not None:
                stored = self.tx.insert_many(name, [record for record, _ in batch])
                for (_, entry), record in zip(batch, stored, strict=True):
                    entry[0] = record["id"]  # the record itself is let go

    def merge(self, row: Row, entry: list[Any]) -> bool:
        """Fill in what is empty here; move a wish on when the file shows it was sent. False: nothing new."""
        changes = {
            name: value
            for name, value in row.record.items()
            if name not in _BOOKKEEPING and name not in entry[1] and _has(value)
        }
        moves_on = row.table == APPLICATIONS and entry[2] == "wishlist" and row.record.get("stage") != "wishlist"
        if not changes and not moves_on:
            return False
        if moves_on:
            changes["stage"] = row.record["stage"]
            entry[2] = row.record["stage"]
        entry[1] = self.known.shape({**dict.fromkeys(entry[1], "x"), **changes})
        if self.tx is None:
            return True
        if isinstance(entry[0], dict):  # still waiting in this batch
            target = entry[0]
            if moves_on:
                changes["history"] = [*target.get("history", []), *row.record.get("history", [])]
            target.update(changes)
            return True
        if moves_on:
            current = self.tx.get(row.table, entry[0]) or {}
            changes["history"] = [*current.get("history", []), *row.record.get("history", [])]
        self.tx.update(row.table, entry[0], {**changes, "updated_at": self.stamp})
        return True


def _where(item: Row | RowProblem) -> str:
    return f"{item.part} line {item.line}" if item.part else f"line {item.line}"


def apply_rows(
    store: Store,
    rows: Iterable[Row | RowProblem],
    *,
    dry_run: bool,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Store every row that is new, merge the ones that bring something, count the rest; one write."""
    outcome = Outcome()
    if dry_run:
        _apply(_Writer(None, store, now), rows, outcome, progress)
        return outcome
    with store.transaction() as tx:
        writer = _Writer(tx, store, now)
        _apply(writer, rows, outcome, progress)
        writer.flush()
    return outcome


def _apply(
    writer: _Writer, rows: Iterable[Row | RowProblem], outcome: Outcome, progress: Callable[[int], None] | None
) -> None:
    seen = 0
    shown: Counter[str] = Counter()
    for item in rows:
        seen += 1
        if progress is not None and seen % PROGRESS_EVERY == 0:
            progress(seen)
        if isinstance(item, RowProblem):
            outcome.problems.append(item)
            continue
        writer.load(item.table)
        entry = writer.known.find(item.table, item.key)
        if entry is None:
            writer.add(item)
            action = ADD
        else:
            action = MERGE if writer.merge(item, entry) else HERE
        outcome.counts[(item.table, action)] += 1
        if action != HERE and shown[action] < SAMPLE:
            shown[action] += 1
            outcome.lines.append(Line(action, item.table, _where(item), item.label))
        elif action != HERE:
            outcome.hidden[action] += 1
    if progress is not None:
        progress(seen)

"""Safe storage: the only module that touches TinyDB and the data file.

A long-lived app and short `companion win` processes share one JSON file, and people edit it by
hand, keep it behind a symlink and sync it between machines. TinyDB is the one engine for every
read and write, over `DataFileStorage`, a Storage of ours (TinyDB's designed extension point):

* every write is a transaction: an exclusive lock on a sidecar file, a fresh read, the change
  through TinyDB's Table API, then the whole document encoded, a temp file in the target's
  directory, flush + fsync, `os.replace`, fsync of the directory;
* one exception to "encoded whole": a commit that only adds records to the table that comes last
  in a big file appends them to the bytes read (`datafile.appended`), when those bytes are the
  store's own writing: the lock file holds the signature of the last file the store wrote, and
  anything else that touched the file (a hand edit, a sync tool, another program) changed it.
  That is `companion win` at 10,000 wins without importing orjson or encoding 2.7 MB;
* a fresh TinyDB per transaction with cache_size=0, so no query cache or `_next_id` goes stale when
  another process wrote in between;
* a symlinked data file stays a link: its target is replaced, in the target's own directory;
* the parsed file is cached by (inode, size, mtime, ctime): an in-place rewrite that keeps size
  and mtime still changes ctime, so the cache is never written back over an outside change;
* a file that does not parse is never overwritten: `CorruptDataError` until the person chooses
  `recover()`, which keeps the bytes aside as `companion.json.corrupt-<time>`;
* deletions leave tombstones and every write stamps `updated_at`, so a sync tool's conflict copy
  merges by record id (companion.sync_merge) without bringing anything back or losing anything;
* the person's choices are kept: a read-only file or directory is a clear error, never a chmod;
* after each commit the store tells its subscribers (the app turns that into one refresh).

Paths are plain strings inside (os.path): `companion win` never imports pathlib (about 3 ms);
the `path`, `directory` and `backups_dir` properties give other callers Path objects.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from _thread import RLock
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import compress, repeat
from typing import TYPE_CHECKING

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from companion import backups as backup_files, collector, datafile
from companion.datafile import META_TABLE, TOMBSTONES_TABLE, UnreadableText
from companion.dates import timestamp
from companion.fileio import fsync_directory, write_atomic
from companion.locking import try_lock, unlock
from companion.paths import DATA_FILE_NAME, as_path, ensure_private_dir
from companion.sync_merge import conflict_copies, conflict_source, merge_into, set_aside

SCHEMA_VERSION = 1
LOCK_TIMEOUT_SECONDS = 10.0
CHANGE_LOG_LENGTH = 16  # commits per table Store.derived can catch up with (a screen reads after each burst)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, TypeVar

    T = TypeVar("T")
    Record = dict[str, Any]
    Stored = tuple[int, Record]  # (doc_id, the record as stored): Store.derived's builds read them, never change them
    Keyed = tuple[str, Record]  # (doc key, the record) as in the file
    Data = dict[str, dict[str, Record]]
    FileSignature = tuple[int, int, int, int]


class StoreError(Exception):
    """A storage problem explained in one line a person can act on."""


class CorruptDataError(StoreError):
    """The data file exists but cannot be read; it is left exactly as it is."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = as_path(path)
        self.reason = reason
        super().__init__(
            f"{path} could not be read ({reason}). Nothing was changed. "
            "Run `companion recover` to keep it aside and restore what can be restored."
        )


class UnusablePathError(StoreError):
    """The data file or directory is not something companion can use (a directory, no permission)."""


class StoreBusyError(StoreError):
    """Another process held the lock for longer than we are willing to wait."""


def _migrate_0_to_1(data: Data) -> None:
    """Version 0 is any file written before the schema was recorded: nothing to reshape."""


# Each function turns a file of version N into version N + 1, in place.
MIGRATIONS: dict[int, Callable[[Data], None]] = {0: _migrate_0_to_1}


def new_id() -> str:
    """A stable string id: TinyDB's doc_ids differ between processes, these never do."""
    return os.urandom(16).hex()  # as random as uuid4().hex, without importing uuid


class TableChange:
    """What commits did to one table: the doc keys they wrote (inserted or changed) and the record ids removed."""

    __slots__ = ("keys", "removed")

    def __init__(self, keys: set[str], removed: set[str]) -> None:
        self.keys = keys
        self.removed = removed


class _ByDocId:
    """A stored table (str keys) as TinyDB's updaters use it (int doc ids), each key converted when used."""

    __slots__ = ("data",)

    def __init__(self, data: dict[str, Record]) -> None:
        self.data = data

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.data

    def __getitem__(self, doc_id: int) -> Record:
        return self.data[str(doc_id)]

    def __setitem__(self, doc_id: int, record: Record) -> None:
        self.data[str(doc_id)] = record

    def __delitem__(self, doc_id: int) -> None:
        del self.data[str(doc_id)]

    def keys(self) -> list[int]:  # what an updater given a query walks
        return [int(key) for key in self.data]

    def __iter__(self) -> Iterator[int]:
        return iter(self.keys())


class _Table(Table):
    """TinyDB's Table, with its one read-change-write step done without copying the table twice.

    TinyDB's `_update_table` turns every key of the table into an int and back into a str on each
    change: two passes over 10,000 wins, about 3.5 ms of every write. Here the updater works on one
    C-speed copy of the stored dict through `_ByDocId`; the table still gets a new dict (Store.derived
    and the commit log rely on that). tests/test_store.py runs every kind of change through it.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read() or {}
        table = _ByDocId(dict(tables.get(self.name, {})))
        updater(table)  # type: ignore[arg-type]  # the updaters use only what _ByDocId has
        tables[self.name] = table.data
        self._storage.write(tables)
        self.clear_cache()


class _Engine(TinyDB):
    table_class = _Table


class DataFileStorage(Storage):
    """TinyDB's storage for one transaction's view of the data file.

    TinyDB reads and writes whole documents through it; the Store has already read the file fresh
    under the lock, and writes the result out once when the transaction commits.
    """

    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    def read(self) -> Data:
        return self.transaction.data

    def write(self, data: Data) -> None:
        self.transaction.data = data
        self.transaction.dirty = True

    def close(self) -> None:
        """Nothing to release: the Store owns the file and its lock."""


class Transaction:
    """The tables of one locked read-change-write cycle; every change goes through TinyDB's Table API."""

    def __init__(self, data: Data, stamp: str) -> None:
        self.data = data
        self.dirty = False
        self.stamp = stamp  # `updated_at` for changes that do not bring their own
        self._db = _Engine(self, storage=DataFileStorage)
        # What this transaction did to each table through the methods below: the doc keys it wrote and
        # the record ids it removed. A table changed any other way has no entry (Store.derived rebuilds).
        self.changes: dict[str, TableChange] = {}

    def _wrote(self, table: str, keys: Iterable[int | str] = (), removed: Iterable[str] = ()) -> None:
        change = self.changes.setdefault(table, TableChange(set(), set()))
        change.keys.update(map(str, keys))
        change.removed.update(removed)

    def table(self, name: str) -> Table:
        # cache_size=0: a query cache could only ever go stale here.
        return self._db.table(name, cache_size=0)

    def _doc_id(self, table: str, record_id: str) -> int | None:
        return next((int(key) for key, doc in self.data.get(table, {}).items() if doc.get("id") == record_id), None)

    def insert(self, table: str, record: Record) -> Record:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: list[Record]) -> list[Record]:
        """New records, each with an id (kept when given: an undo brings a record back as it was)."""
        stored = [
            {**record, "id": str(record.get("id") or new_id()), "updated_at": record.get("updated_at") or self.stamp}
            for record in records
        ]
        numbered = self._numbered(table, stored)
        self.table(table).insert_multiple(numbered)
        self._wrote(table, keys=(document.doc_id for document in numbered))
        self._forget_deletions(table, [record["id"] for record in stored])
        return [dict(record) for record in stored]

    def _numbered(self, table: str, records: list[Record]) -> list[Document]:
        """New records as Documents with the next free doc_ids, read from the table as it is now.

        TinyDB's own numbering caches its next id per Table and finds the first with a Python max()
        over every key; reading the keys (canonical numbers, see datafile.normalise) with map(int) is
        C speed and can never hand out an id that an earlier change in this transaction took.
        """
        first = max(map(int, self.data.get(table, {})), default=0) + 1
        return [Document(record, doc_id=first + offset) for offset, record in enumerate(records)]

    def put_many(self, table: str, records: list[Record]) -> None:
        """Insert or replace by id, in one pass over the table (a restore of 10,000 stays linear)."""
        wanted = {str(record["id"]): record for record in records if record.get("id")}
        existing = {
            str(doc.get("id")): int(key) for key, doc in self.data.get(table, {}).items() if doc.get("id") in wanted
        }
        tiny = self.table(table)
        if existing:
            tiny.remove(doc_ids=list(existing.values()))
        replaced = [Document(wanted[record_id], doc_id=doc_id) for record_id, doc_id in existing.items()]
        tiny.insert_multiple(replaced)
        added = self._numbered(table, [r for record_id, r in wanted.items() if record_id not in existing])
        tiny.insert_multiple(added)
        self._wrote(table, keys=[*existing.values(), *(document.doc_id for document in added)])
        self._forget_deletions(table, list(wanted))

    def all(self, table: str) -> list[Record]:
        return [*self.table(table).all()]

    def get(self, table: str, record_id: str) -> Record | None:
        doc_id = self._doc_id(table, record_id)
        return None if doc_id is None else self.table(table).get(doc_id=doc_id)

    def update(self, table: str, record_id: str, changes: Record) -> Record | None:
        doc_id = self._doc_id(table, record_id)
        if doc_id is None:
            return None
        fields = {key: value for key, value in changes.items() if key != "id"}
        fields.setdefault("updated_at", self.stamp)
        self.table(table).update(fields, doc_ids=[doc_id])
        self._wrote(table, keys=[doc_id])
        return self.get(table, record_id)

    def remove(self, table: str, record_id: str) -> bool:
        """Remove a record and leave a tombstone, so a sync merge never brings it back."""
        doc_id = self._doc_id(table, record_id)
        if doc_id is None:
            return False
        self.table(table).remove(doc_ids=[doc_id])
        self._wrote(table, removed=[record_id])
        stone_id = f"{table}:{record_id}"
        stones = self.table(TOMBSTONES_TABLE)
        stones.remove(
            doc_ids=[int(k) for k, s in self.data.get(TOMBSTONES_TABLE, {}).items() if s.get("id") == stone_id]
        )
        stone = {"id": stone_id, "table": table, "record_id": record_id, "deleted_at": self.stamp}
        stones.insert_multiple(self._numbered(TOMBSTONES_TABLE, [stone]))
        return True

    def _forget_deletions(self, table: str, record_ids: list[str]) -> None:
        """A record inserted again (an undo, a restore) is alive: its tombstone goes."""
        stones = self.data.get(TOMBSTONES_TABLE)
        if not stones:
            return
        wanted = {f"{table}:{record_id}" for record_id in record_ids}
        doc_ids = [int(key) for key, stone in stones.items() if stone.get("id") in wanted]
        if doc_ids:
            self.table(TOMBSTONES_TABLE).remove(doc_ids=doc_ids)


class Store:
    """The data file of one data directory, safe to share between processes and machines."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        backups_keep: int = 7,
        clock: Callable[[], datetime] = datetime.now,
        keep_bytes: bool = True,
    ) -> None:
        """`keep_bytes`: keep the file's bytes beside its tables, so that records added next are appended
        to them (see the module's docstring). A command writes once and exits; the app, where orjson
        is loaded and encodes 10,000 wins in ~3 ms, turns it off rather than hold 2.7 MB more."""
        self._directory = os.fspath(directory)
        self._file = os.path.join(self._directory, DATA_FILE_NAME)
        self._lock_file = self._file + ".lock"
        self._backups = os.path.join(self._directory, "backups")
        self.backups_keep = max(0, backups_keep)
        self._clock = clock
        self._cache: tuple[FileSignature, Data] | None = None
        self._raw: bytes | None = None  # the bytes the cached data was read from or written as, if exactly it
        self._keep_bytes = keep_bytes
        self._lock_fd: int | None = None  # the lock file, while this store holds the lock
        self._thread_lock = RLock()  # threading.RLock is this one; importing threading costs `companion win` 0.6 ms
        self._subscribers: list[Callable[[], None]] = []
        # Store.derived's results by (table, build), each with the table version it was made from. A
        # version is (parse, commit): every fresh parse of the file starts a new one, and every commit of
        # this store that replaced a table's dict counts that table on by one, logging what it changed.
        self._derived: dict[tuple[str, Callable[..., object]], tuple[tuple[int, int], object]] = {}
        self._parse_count = 0
        self._table_commits: dict[str, int] = {}
        self._change_log: dict[str, list[tuple[int, TableChange | None]]] = {}

    @property
    def keep_bytes(self) -> bool:
        return self._keep_bytes

    @keep_bytes.setter
    def keep_bytes(self, keep: bool) -> None:
        self._keep_bytes = keep
        if not keep:
            self._raw = None

    @property
    def directory(self) -> Path:
        return as_path(self._directory)

    @property
    def path(self) -> Path:
        """The data file (a symlink stays one: writes go to its target)."""
        return as_path(self._file)

    @property
    def lock_path(self) -> Path:
        return as_path(self._lock_file)

    @property
    def backups_dir(self) -> Path:
        return as_path(self._backups)

    # -- telling the app -------------------------------------------------------------------

    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every commit of this store (from the thread that committed)."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(callback)

    def _committed(self) -> None:
        for callback in list(self._subscribers):
            callback()

    # -- reading --------------------------------------------------------------------------

    def signature(self) -> FileSignature | None:
        """What changes whenever anything rewrites the file, in place or not: cheap to poll (one stat)."""
        try:
            st = os.stat(self._file)
        except OSError:
            return None
        return _signature_of(st)

    def all(self, table: str) -> list[Record]:
        """Every record of `table`, in the order they were added."""
        with self._thread_lock:
            return Transaction(self._load(), "").all(table)

    def get(self, table: str, record_id: str) -> Record | None:
        with self._thread_lock:
            return Transaction(self._load(), "").get(table, record_id)

    def since(self, table: str, field: str, start: str) -> list[Record]:
        """Copies of the records whose text `field` (an ISO time) sorts at or after `start`.

        One pass over the stored dicts, without a call per record: the week's count after every
        `companion win` reads 10,000 wins this way (a TinyDB query would cost 5 ms there).
        """
        with self._thread_lock:
            stored = list(self._load().get(table, {}).values())
        values: list[Any] = list(map(dict.get, stored, repeat(field, len(stored))))
        if set(map(type, values)) <= {str}:  # as stored by companion: compared at C speed
            return list(map(dict, compress(stored, map(start.__le__, values))))
        return [dict(record) for record in stored if str(record.get(field, "")) >= start]

    def derived(
        self,
        table: str,
        build: Callable[[list[Stored]], T],
        patch: Callable[[T, list[Stored], set[str]], T] | None = None,
    ) -> T:
        """`build(every record of table)`, worked out again only when that table changed.

        A screen refreshes after every commit; most commits touch one table, so the others' objects
        (10,000 wins, 1,000 applications) are kept. `build` gets each record as `(doc_id, record)`,
        the store's own dict, not a copy (10,000 copies would cost time and memory): it must not change
        them. With `patch`, a table changed only by this store's own commits since the last result is
        not read whole again either: `patch(result, changed, removed_ids)` gets the records those commits
        wrote and the ids they removed, and must return what `build` would (a test holds the two equal).
        """
        with self._thread_lock:
            current = self._load().get(table)
            version = (self._parse_count, self._table_commits.get(table, 0))
            key = (table, build)
            known = self._derived.get(key)
            if known is not None and known[0] == version and current is not None:
                return known[1]  # type: ignore[return-value]  # stored by this same build
            result: T | None = None
            if known is not None and patch is not None and current is not None and known[0][0] == version[0]:
                change = self._changes_between(table, known[0][1], version[1])
                if change is not None:
                    changed = [(int(key), current[key]) for key in sorted(change.keys, key=int) if key in current]
                    result = patch(known[1], changed, change.removed)  # type: ignore[arg-type]
            if result is None:
                with collector.paused():  # 10,000 records made at once (see companion.collector)
                    result = build([(int(key), record) for key, record in (current or {}).items()])
            self._derived[key] = (version, result)
            return result

    def _changes_between(self, table: str, since: int, until: int) -> TableChange | None:
        """What this store's commits did to `table` after its commit `since` up to `until`; None when not known."""
        steps = [(n, change) for n, change in self._change_log.get(table, []) if since < n <= until]
        if len(steps) != until - since or any(change is None for _, change in steps):
            return None  # logged too long ago, or changed other than through Transaction's methods
        total = TableChange(set(), set())
        for _, change in steps:
            assert change is not None
            total.keys |= change.keys
            total.removed |= change.removed
        return total

    def _count_commit(self, before: Data, after: Data, changes: dict[str, TableChange]) -> None:
        """Log which tables a commit replaced, with what it changed in each (when known)."""
        for name in _replaced_tables(before, after):
            commits = self._table_commits[name] = self._table_commits.get(name, 0) + 1
            log = self._change_log.setdefault(name, [])
            log.append((commits, changes.get(name)))
            del log[:-CHANGE_LOG_LENGTH]

    def count(self, table: str) -> int:
        """How many records `table` holds, without copying them."""
        with self._thread_lock:
            return len(self._load().get(table, {}))

    def table_names(self) -> list[str]:
        """Every table in the file (bookkeeping ones left out), read without the lock."""
        with self._thread_lock:
            return sorted(name for name in self._load() if name != TOMBSTONES_TABLE)

    def find_by_prefix(self, table: str, prefix: str) -> list[Record]:
        """Records whose id starts with `prefix`, so people can type a few characters of an id."""
        prefix = prefix.strip().lower()
        return [r for r in self.all(table) if prefix and str(r.get("id", "")).startswith(prefix)]

    # -- writing --------------------------------------------------------------------------

    def insert(self, table: str, record: Record) -> Record:
        with self.transaction() as tx:
            return tx.insert(table, record)

    def update(self, table: str, record_id: str, changes: Record) -> Record | None:
        with self.transaction() as tx:
            return tx.update(table, record_id, changes)

    def remove(self, table: str, record_id: str) -> bool:
        with self.transaction() as tx:
            return tx.remove(table, record_id)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock, read fresh, let the caller change tables, then write once atomically and tell subscribers."""
        with self._thread_lock, self._exclusive_lock():
            tx = Transaction(self._load(), timestamp(self._clock()))
            before = dict(tx.data)  # each table's dict as read: TinyDB replaces the dict of a table it changes
            try:
                yield tx
            except BaseException:
                self._forget()  # the tables may be half-changed in memory
                raise
            if not tx.dirty:
                return
            try:
                self._write(tx.data, payload=self._appending(before, tx))
            except BaseException:
                self._forget()
                raise
            self._count_commit(before, tx.data, tx.changes)
        self._committed()

    # -- two machines ---------------------------------------------------------------------

    def merge_conflict_copies(self) -> list[str]:
        """Merge every sync conflict copy beside the data file; one line per copy for the person.

        Each copy is merged by record id (companion.sync_merge) and then moved into `merged/`, so it
        is never merged twice and never deleted. An unreadable copy is moved aside unmerged and said.
        """
        copies = conflict_copies(self._data_file_dirs())
        if not copies:
            return []
        results: list[tuple[str, str]] = []  # (copy, what happened to it)
        with self._thread_lock, self._exclusive_lock():
            data = self._load()
            before = dict(data)
            merged_any = False
            self._raw = None  # the merge changes the tables in place, tombstones too, written or not
            for copy in copies:
                source = conflict_source(os.path.basename(copy))
                try:
                    with open(copy, "rb") as handle:
                        theirs = datafile.parse(handle.read())
                except (OSError, UnreadableText) as exc:
                    reason = exc.args[0] if isinstance(exc, UnreadableText) else (exc.strerror or str(exc))
                    results.append(
                        (copy, f"A {source} conflict copy could not be read ({reason}), so it was not merged")
                    )
                    continue
                datafile.normalise(theirs)
                try:
                    counts = merge_into(data, theirs)
                except BaseException:
                    self._forget()  # half merged in memory
                    raise
                merged_any = merged_any or counts.changed
                results.append((copy, f"Merged the other machine's copy from {source}: {counts.describe()}"))
            if merged_any:
                try:
                    self._write(data)
                except BaseException:
                    self._forget()
                    raise
                self._count_commit(before, data, {})  # merged tables are read whole again
            messages = []
            for copy, message in results:
                try:
                    aside = set_aside(copy)
                except OSError as exc:
                    raise StoreError(_explain_write_error(exc, copy)) from exc
                messages.append(f"{message} (the copy is kept in {os.path.dirname(aside)}).")
        if merged_any:
            self._committed()
        return messages

    def _data_file_dirs(self) -> list[str]:
        """Where a sync tool puts conflict copies: beside the file, and beside its target when it is a link."""
        return [self._directory, os.path.dirname(os.path.realpath(self._file))]

    # -- recovery -------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups in the order they were written, newest first."""
        return backup_files.as_paths(backup_files.newest_first(self._backups))

    def describe_backups(self) -> list[backup_files.Backup]:
        """Every backup with when it was written and what it holds, newest first."""
        return backup_files.describe_all(self._backups)

    def check_readable(self) -> None:
        """Raise the StoreError that any read would raise now (a damaged file, a directory in its place)."""
        with self._thread_lock:
            self._load()

    def recover(self, *, restore_backup: bool = True, salvage: bool = True) -> tuple[Path, Path | None]:
        """Keep an unreadable file aside byte for byte; restore what can be restored.

        With `salvage`, every whole record that still reads in the damaged file is kept, merged by id
        with the newest backup that holds something (an empty one is never chosen over real data).
        Returns (where the unreadable file now is, the backup used or None).
        """
        with self._thread_lock, self._exclusive_lock():
            if os.path.isdir(self._file):
                self._load()  # says in one line that a directory stands there; nothing is moved
            target = self._target()
            aside = self._aside_name(os.path.dirname(target))
            salvaged: Data = {}
            if os.path.lexists(target):
                if salvage:
                    with contextlib.suppress(OSError), open(target, "rb") as handle:
                        salvaged = datafile.salvage(handle.read())
                os.replace(target, aside)
                fsync_directory(os.path.dirname(target))
            self._forget()
            chosen = backup_files.best(self.describe_backups()) if restore_backup else None
            data: Data = {}
            if chosen is not None:
                with open(chosen.path, "rb") as handle:
                    data = datafile.parse(handle.read())
                datafile.normalise(data)
            datafile.normalise(salvaged)
            merge_into(data, salvaged)
            self._migrate(data)
            if chosen is not None or datafile.record_counts(data):
                self._write(data, make_backup=False)
        self._committed()
        return as_path(aside), (as_path(chosen.path) if chosen else None)

    def salvageable(self) -> dict[str, int]:
        """What `recover` could keep from the damaged file itself, per table."""
        try:
            with open(self._file, "rb") as handle:
                return datafile.record_counts(datafile.salvage(handle.read()))
        except OSError:
            return {}

    def _aside_name(self, directory: str) -> str:
        """companion.json.corrupt-<time> beside the file, never one that exists: an earlier copy is never replaced."""
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        name = os.path.basename(self._target())
        aside = os.path.join(directory, f"{name}.corrupt-{stamp}")
        number = 1
        while os.path.lexists(aside):
            number += 1
            aside = os.path.join(directory, f"{name}.corrupt-{stamp}-{number}")
        return aside

    # -- internals ------------------------------------------------------------------------

    def _target(self) -> str:
        """The file really written: the data file, or what it links to (the link stays a link)."""
        return os.path.realpath(self._file) if os.path.islink(self._file) else self._file

    def _load(self) -> Data:
        try:
            fd = os.open(self._file, os.O_RDONLY)
        except FileNotFoundError:
            self._refuse_unusable_paths()
            self._forget()
            return {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION}}}
        except OSError as exc:
            self._refuse_unusable_paths()
            raise UnusablePathError(_explain_read_error(exc, self._file)) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise UnusablePathError(
                f"{self._file} is a {'directory' if stat.S_ISDIR(st.st_mode) else 'special file'}, "
                "not companion's data file; nothing was changed. Move it away or choose another "
                "--data-dir, then try again."
            )
        with os.fdopen(fd, "rb") as handle:
            signature = _signature_of(st)
            if self._cache is not None and self._cache[0] == signature:
                return self._cache[1]
            try:
                raw = handle.read()
            except OSError as exc:
                raise UnusablePathError(_explain_read_error(exc, self._file)) from None
        try:
            data = datafile.parse(raw)
        except UnreadableText as exc:
            raise CorruptDataError(self._file, exc.args[0]) from None
        changed = datafile.normalise(data)
        changed = self._migrate(data) or changed
        self._cache, self._raw = (signature, data), (raw if self.keep_bytes and not changed else None)
        self._parse_count += 1  # every table is new: Store.derived builds again
        return data

    def _forget(self) -> None:
        """Read the file afresh next time: what is in memory may not be what is in it."""
        self._cache = self._raw = None

    def _appending(self, before: Data, tx: Transaction) -> bytes | None:
        """The new file when the commit only added records to one table and it can be done by appending
        (see the module's docstring); None: encode it whole. A table added to that is not last in the
        file is moved last, so the next records added to it are appended."""
        added = _added_records(before, tx.data, tx.changes)
        if added is None:
            return None
        name, records = added
        if next(reversed(tx.data)) != name:
            tx.data[name] = tx.data.pop(name)
            return None
        if self._raw is None or self._cache is None or self._last_written() != _signature_text(self._cache[0]):
            return None  # not the store's own writing as it left it: encode it whole
        return datafile.appended(self._raw, records)

    def _last_written(self) -> bytes:
        """What the lock file says the store last wrote (read with the lock held), or b"" if it says nothing."""
        if self._lock_fd is None:
            return b""
        try:
            os.lseek(self._lock_fd, 0, os.SEEK_SET)
            return os.read(self._lock_fd, 200)
        except OSError:
            return b""

    def _note_written(self, signature: FileSignature) -> None:
        """Keep the signature of the file just written in the lock file, for the next `_appending`."""
        if self._lock_fd is None:
            return
        text = _signature_text(signature)
        try:
            os.lseek(self._lock_fd, 0, os.SEEK_SET)
            os.write(self._lock_fd, text)
            os.ftruncate(self._lock_fd, len(text))
        except OSError:
            pass  # the next commit encodes the file whole: slower, never wrong

    def _refuse_unusable_paths(self) -> None:
        """A file where the data dir should be, or a dir companion may not enter: say so in one line."""
        if os.path.exists(self._directory) and not os.path.isdir(self._directory):
            raise UnusablePathError(
                f"{self._directory} is a file, not a folder, so companion cannot keep its data there; "
                "nothing was changed. Move it away or choose another --data-dir."
            )

    def _migrate(self, data: Data) -> bool:
        """Bring an older file up to SCHEMA_VERSION in memory (the next write persists it); True if it changed."""
        current = {"1": {"schema_version": SCHEMA_VERSION}}
        as_read = data.get(META_TABLE)
        meta = data.setdefault(META_TABLE, {})
        version = next(iter(meta.values()), {}).get("schema_version", 0) if meta else 0
        if isinstance(version, bool) or not isinstance(version, int):
            raise CorruptDataError(self._file, f"its schema version {version!r} is not a number")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._file} was written by a newer companion (schema {version}); "
                "please upgrade companion to open it. Nothing was changed."
            )
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](data)
            version += 1
        data[META_TABLE] = current
        return as_read != current

    @contextlib.contextmanager
    def _exclusive_lock(self) -> Iterator[None]:
        self._refuse_unusable_paths()
        try:
            ensure_private_dir(self._directory)
            fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise StoreError(_explain_write_error(exc, self._lock_file)) from exc
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
            while not try_lock(fd):
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        f"another companion process has held {DATA_FILE_NAME} for over "
                        f"{LOCK_TIMEOUT_SECONDS:.0f} s; nothing was changed, please try again"
                    )
                time.sleep(0.005)
            self._lock_fd = fd
            try:
                yield
            finally:
                self._lock_fd = None
                unlock(fd)
        finally:
            os.close(fd)

    def _refuse_read_only_choices(self, target: str) -> None:
        """The person made the file or its folder read-only: respect it (even as root), never chmod it back."""
        for path, what in ((os.path.dirname(target) or ".", "folder"), (target, "file")):
            try:
                mode = os.stat(path).st_mode
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreError(_explain_write_error(exc, path)) from exc
            if not mode & stat.S_IWUSR:
                raise StoreError(
                    f"could not save: the {what} {path} is read-only (mode {stat.S_IMODE(mode):o}); your data was "
                    f"not changed. To let companion save again: chmod u+w {path}"
                )

    def _write(self, data: Data, *, make_backup: bool = True, payload: bytes | None = None) -> None:
        """Replace the file's target atomically with `payload`, or with `data` encoded whole."""
        target = self._target()
        self._refuse_read_only_choices(target)
        if make_backup:
            try:
                backup_files.back_up_once_a_day(
                    target, self._backups, self._clock().date().isoformat(), self.backups_keep
                )
            except OSError as exc:
                raise StoreError(_explain_write_error(exc, self._backups)) from exc
        raw = datafile.encode(data) if payload is None else payload
        self._remove_stale_temp_files(os.path.dirname(target))
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = 0o600
        try:
            written = write_atomic(target, raw, mode=mode)
        except OSError as exc:
            raise StoreError(_explain_write_error(exc, target)) from exc
        if self._cache is None or self._cache[1] is not data:
            self._parse_count += 1  # not the tables as read (a recovery): Store.derived builds again
        signature = self.signature()
        mine = written is not None and signature == _signature_of(written)  # None on Windows: cannot tell
        if signature is None or (written is not None and not mine):
            self._forget()  # something else replaced it already: read it again
            return
        self._cache, self._raw = (signature, data), (raw if self.keep_bytes else None)
        if mine:
            self._note_written(signature)

    def _remove_stale_temp_files(self, target_dir: str) -> None:
        """Temp files left by a writer killed mid-write: private copies, so they go. We hold the
        lock, so no other writer can be using one right now."""
        leftovers = [
            *_files_in(target_dir, f".{os.path.basename(self._target())}-", ".tmp"),
            *_files_in(self._backups, ".companion-", ".tmp"),
        ]
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def _added_records(before: Data, after: Data, changes: dict[str, TableChange]) -> tuple[str, list[Keyed]] | None:
    """(table, its new records as (doc key, record), in order) when a commit did nothing but add records
    to one table that had some already; else None."""
    replaced = _replaced_tables(before, after)
    if len(replaced) != 1 or replaced[0] not in changes:
        return None
    name = replaced[0]
    change, old, new = changes[name], before.get(name), after.get(name)
    if (
        not old
        or new is None
        or change.removed
        or len(new) != len(old) + len(change.keys)
        or any(key in old for key in change.keys)
    ):
        return None
    return name, [(key, new[key]) for key in sorted(change.keys, key=int)]


def _replaced_tables(before: Data, after: Data) -> list[str]:
    """The tables a commit gave a new dict (TinyDB replaces the dict of every table it changes)."""
    return [name for name in {*before, *after} if before.get(name) is not after.get(name)]


def _signature_of(st: os.stat_result) -> FileSignature:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _signature_text(signature: FileSignature) -> bytes:
    inode, size, modified, changed = signature
    return f"companion wrote {inode} {size} {modified} {changed}\n".encode()


def _files_in(directory: str, prefix: str, suffix: str) -> list[str]:
    """Paths of the files in `directory` named prefix...suffix (none when it cannot be listed)."""
    try:
        names = os.listdir(directory)
    except OSError:  # missing, not a dir, unreadable: nothing to list, as glob would say
        return []
    return [os.path.join(directory, name) for name in names if name.startswith(prefix) and name.endswith(suffix)]


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EISDIR: "a folder stands where the file should be",
}


def _explain_write_error(exc: OSError, path: str) -> str:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save to {os.path.dirname(path)} ({reason}); your existing data was not changed"


def _explain_read_error(exc: OSError, path: str) -> str:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not read {path} ({reason}); nothing was changed"

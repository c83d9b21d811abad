"""Safe storage: the only module that touches TinyDB.

A long-lived app and short `companion win` processes share one JSON file, so TinyDB's own
JSONStorage (which rewrites the file in place and caches per Table) is not enough. Here:

* every write is a transaction: an exclusive lock on a sidecar file, a fresh read, the change,
  a temp file in the same directory, flush + fsync, `os.replace`, fsync of the directory;
* a fresh TinyDB and fresh Tables per transaction, so no query cache or `_next_id` goes stale
  when another process wrote in between (tinydb 4.9: "Document with ID N already exists");
* the parsed file is cached by its (inode, size, mtime) so an unchanged file is not parsed twice;
* a file that does not parse is never overwritten: `CorruptDataError` until the person chooses
  `recover()`, which keeps the bytes aside as `companion.json.corrupt-<time>`;
* a backup copy per day, made before the day's first write; data dir 0700, files 0600.

Paths are plain strings inside (os.path): `companion win` never imports pathlib (about 3 ms);
the `path`, `directory` and `backups_dir` properties give other callers Path objects.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from _thread import RLock
from collections.abc import Callable, Iterator
from datetime import datetime

from companion.fileio import fsync_directory, write_atomic
from companion.locking import try_lock, unlock
from companion.paths import DATA_FILE_NAME, as_path, ensure_private_dir

SCHEMA_VERSION = 1
META_TABLE = "meta"
LOCK_TIMEOUT_SECONDS = 10.0

TYPE_CHECKING = False  # the typing module costs start-up time `companion win` cannot spare
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from tinydb import TinyDB
    from tinydb.table import Table

    Record = dict[str, Any]
    Data = dict[str, dict[str, Record]]
    FileSignature = tuple[int, int, int]


class StoreError(Exception):
    """A storage problem explained in one line a person can act on."""


class CorruptDataError(StoreError):
    """The data file exists but cannot be read; it is left exactly as it is."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = as_path(path)
        self.reason = reason
        super().__init__(
            f"{path} could not be read ({reason}). Nothing was changed. "
            "Run `companion recover` to keep it aside and restore the latest backup."
        )


class StoreBusyError(StoreError):
    """Another process held the lock for longer than we are willing to wait."""


def _migrate_0_to_1(data: Data) -> None:
    """Version 0 is any file written before the schema was recorded: nothing to reshape."""


# Each function turns a file of version N into version N + 1, in place.
MIGRATIONS: dict[int, Callable[[Data], None]] = {0: _migrate_0_to_1}


def new_id() -> str:
    """A stable string id: TinyDB's doc_ids differ between processes, these never do."""
    return os.urandom(16).hex()  # as random as uuid4().hex, without importing uuid


class _TransactionStorage:
    """TinyDB storage over one transaction's in-memory data; the Store writes it out at commit."""

    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction

    def read(self) -> Data:
        return self.transaction.data

    def write(self, data: Data) -> None:
        self.transaction.data = data
        self.transaction.dirty = True

    def close(self) -> None:
        """Nothing to release: the Store owns the file."""


class Transaction:
    """The tables of one locked read-change-write cycle, in TinyDB's own file layout.

    Inserts and reads work on the parsed file directly, so `companion win` never pays for importing
    TinyDB; `table()` gives TinyDB's full Table API over the same data for updates and queries.
    """

    def __init__(self, data: Data) -> None:
        self.data = data
        self.dirty = False
        # What changed, so a write re-encodes as little as it can: tables TinyDB may have rewritten,
        # and the doc_ids appended by `insert` (their neighbours' encoding stays valid).
        self.rewritten: set[str] = set()
        self.appended: dict[str, list[str]] = {}
        self._db: TinyDB | None = None

    def table(self, name: str) -> Table:
        self.rewritten.add(name)  # TinyDB may change it through this Table: assume it does
        if self._db is None:
            from tinydb import TinyDB

            self._db = TinyDB(self, storage=_TransactionStorage)
        # cache_size=0: a query cache could only ever go stale here.
        return self._db.table(name, cache_size=0)

    def insert(self, table: str, record: Record) -> Record:
        return self.insert_many(table, [record])[0]

    def insert_many(self, table: str, records: list[Record]) -> list[Record]:
        docs = self.data.setdefault(table, {})
        # TinyDB's doc_id rule, fresh every transaction (a hand-edited non-numeric key is skipped).
        next_id = max((int(key) for key in docs if key.isdecimal()), default=0) + 1
        stored = [{**record, "id": record.get("id") or new_id()} for record in records]
        new_ids = [str(next_id + offset) for offset in range(len(stored))]
        docs.update(zip(new_ids, stored))
        self.dirty = True
        self.appended.setdefault(table, []).extend(new_ids)
        return [dict(record) for record in stored]

    def all(self, table: str) -> list[Record]:
        return [dict(doc) for doc in self.data.get(table, {}).values()]

    def get(self, table: str, record_id: str) -> Record | None:
        return next((dict(doc) for doc in self.data.get(table, {}).values() if doc.get("id") == record_id), None)

    def update(self, table: str, record_id: str, changes: Record) -> Record | None:
        changes = {key: value for key, value in changes.items() if key != "id"}
        updated = self.table(table).update(changes, lambda doc: doc.get("id") == record_id)
        return self.get(table, record_id) if updated else None

    def remove(self, table: str, record_id: str) -> bool:
        return bool(self.table(table).remove(lambda doc: doc.get("id") == record_id))



class Store:
    """The data file of one data directory, safe to share between processes."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        backups_keep: int = 7,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._directory = os.fspath(directory)
        self._file = os.path.join(self._directory, DATA_FILE_NAME)
        self._lock_file = self._file + ".lock"
        self._backups = os.path.join(self._directory, "backups")
        self.backups_keep = max(0, backups_keep)
        self._clock = clock
        self._cache: tuple[FileSignature, Data] | None = None
        # Encoded JSON of each table of the cached data: a write re-encodes only the tables it touched,
        # so adding one win does not pay for encoding a thousand applications again.
        self._encoded: dict[str, str] = {}
        self._thread_lock = RLock()  # threading.RLock is this one; importing threading costs `companion win` 0.6 ms

    @property
    def directory(self) -> Path:
        return as_path(self._directory)

    @property
    def path(self) -> Path:
        """The data file."""
        return as_path(self._file)

    @property
    def lock_path(self) -> Path:
        return as_path(self._lock_file)

    @property
    def backups_dir(self) -> Path:
        return as_path(self._backups)

    # -- reading --------------------------------------------------------------------------

    def signature(self) -> FileSignature | None:
        """What changes whenever any process replaces the file: cheap to poll (one stat)."""
        try:
            st = os.stat(self._file)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def all(self, table: str) -> list[Record]:
        """Every record of `table`, read without the lock: writers replace the file atomically."""
        with self._thread_lock:
            return Transaction(self._load()).all(table)

    def get(self, table: str, record_id: str) -> Record | None:
        with self._thread_lock:
            return Transaction(self._load()).get(table, record_id)

    def table_names(self) -> list[str]:
        """Every table in the file, read without the lock (an export works on a read-only dir)."""
        with self._thread_lock:
            return sorted(self._load())

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
        """Lock, read fresh, let the caller change tables, then write once atomically."""
        with self._thread_lock, self._exclusive_lock():
            data = self._load()
            tx = Transaction(data)
            try:
                yield tx
            except BaseException:
                self._cache = None  # the tables may be half-changed in memory
                raise
            if tx.dirty:
                try:
                    self._write(tx.data, changes=tx)
                except BaseException:
                    self._cache = None
                    raise

    # -- recovery -------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Daily backups, newest first."""
        return [as_path(name) for name in self._backup_files()]

    def _backup_files(self) -> list[str]:
        return sorted(_files_in(self._backups, "companion-", ".json"), reverse=True)

    def recover(self, *, restore_backup: bool = True) -> tuple[Path, Path | None]:
        """Keep an unreadable file aside byte for byte; restore the newest readable backup.

        Returns (where the unreadable file now is, the backup restored or None).
        """
        with self._thread_lock, self._exclusive_lock():
            aside = self._aside_name()
            if os.path.exists(self._file):
                os.replace(self._file, aside)
                fsync_directory(self._directory)
            self._cache = None
            if not restore_backup:
                return aside, None
            for backup in self.backups():
                try:
                    data = self._parse(backup.read_bytes(), backup)
                except CorruptDataError:
                    continue
                self._write(data, make_backup=False)
                return aside, backup
            return aside, None

    def _aside_name(self) -> Path:
        """companion.json.corrupt-<time>, never one that exists: an earlier copy is never replaced."""
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        aside = self.directory / f"{DATA_FILE_NAME}.corrupt-{stamp}"
        number = 1
        while aside.exists():
            number += 1
            aside = self.directory / f"{DATA_FILE_NAME}.corrupt-{stamp}-{number}"
        return aside

    # -- internals ------------------------------------------------------------------------

    def _load(self) -> Data:
        try:
            fd = os.open(self._file, os.O_RDONLY)
        except FileNotFoundError:
            self._cache = None
            return {META_TABLE: {"1": {"schema_version": SCHEMA_VERSION}}}
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            signature = (st.st_ino, st.st_size, st.st_mtime_ns)
            if self._cache is not None and self._cache[0] == signature:
                return self._cache[1]
            raw = handle.read()
            data = self._parse(raw, self._file)
        self._migrate(data)
        self._cache = (signature, data)
        self._encoded = _table_lines(raw, data)
        return data

    @staticmethod
    def _parse(raw: bytes, path: str | os.PathLike[str]) -> Data:
        if not raw.strip():  # every write is atomic, so an empty file is damage, not "no data"
            raise CorruptDataError(path, "the file is empty")
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptDataError(path, f"not valid JSON: {exc}") from None
        except RecursionError:
            raise CorruptDataError(path, "not a companion data file (nested too deeply)") from None
        if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
            for table in data.values()
        ):
            raise CorruptDataError(path, "not a companion data file (unexpected layout)")
        return data

    def _migrate(self, data: Data) -> None:
        """Bring an older file up to SCHEMA_VERSION in memory; the next write persists it."""
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
        data[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}

    @contextlib.contextmanager
    def _exclusive_lock(self) -> Iterator[None]:
        try:
            ensure_private_dir(self._directory)
            fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
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
            try:
                yield
            finally:
                unlock(fd)
        finally:
            os.close(fd)

    def _write(self, data: Data, *, changes: Transaction | None = None, make_backup: bool = True) -> None:
        """Write `data`, re-encoding only what `changes` says changed (everything when it is None)."""
        if make_backup:
            self._backup_once_a_day()
        known = {} if changes is None else self._encoded
        encoded = {name: self._encode_table(name, table, known, changes) for name, table in data.items()}
        # One table per line: still plain JSON (TinyDB reads it as is), and the next process can reuse
        # each line's text instead of encoding tables it does not change.
        try:
            raw = _document(encoded).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate got in: JSON's \u escapes keep it, UTF-8 cannot
            encoded = {name: json.dumps(table, separators=(",", ":")) for name, table in data.items()}
            raw = _document(encoded).encode("utf-8")
        self._remove_stale_temp_files()
        try:
            write_atomic(self._file, raw)
        except OSError as exc:
            self._encoded = {}
            raise StoreError(_explain_write_error(exc, self._file)) from exc
        self._cache = (self.signature() or (0, 0, 0), data)
        self._encoded = encoded

    @staticmethod
    def _encode_table(name: str, table: dict[str, Record], known: dict[str, str], changes: Transaction | None) -> str:
        previous = known.get(name)
        if previous is None or changes is None or name in changes.rewritten or name == META_TABLE:
            return _dumps(table)
        appended = changes.appended.get(name)
        if not appended:
            return previous
        added = ",".join(f"{_dumps(doc_id)}:{_dumps(table[doc_id])}" for doc_id in appended)
        return previous[:-1] + ("," if len(previous) > 2 else "") + added + "}"

    def _backup_once_a_day(self) -> None:
        if self.backups_keep == 0 or not os.path.exists(self._file):
            return
        target = os.path.join(self._backups, f"companion-{self._clock().date().isoformat()}.json")
        if os.path.exists(target):
            return
        try:
            ensure_private_dir(self._backups)
            with open(self._file, "rb") as current:
                write_atomic(target, current.read())  # a full disk leaves no half backup behind
        except OSError as exc:
            raise StoreError(_explain_write_error(exc, target)) from exc
        for old in self._backup_files()[self.backups_keep :]:
            with contextlib.suppress(OSError):
                os.unlink(old)


    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer killed mid-write: private copies, so they go. We hold the
        lock, so no other writer can be using one right now."""
        leftovers = [
            *_files_in(self._directory, f".{DATA_FILE_NAME}-", ".tmp"),
            *_files_in(self._backups, ".companion-", ".tmp"),
        ]
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def _files_in(directory: str, prefix: str, suffix: str) -> list[str]:
    """Paths of the files in `directory` named prefix...suffix (none when it cannot be listed)."""
    try:
        names = os.listdir(directory)
    except OSError:  # missing, not a dir, unreadable: nothing to list, as glob would say
        return []
    return [os.path.join(directory, name) for name in names if name.startswith(prefix) and name.endswith(suffix)]


def _table_lines(raw: bytes, data: Data) -> dict[str, str]:
    """The encoded text of each table, when the file has the one-table-per-line layout we write.

    JSON strings cannot hold a raw newline, so splitting on newlines never cuts inside a value.
    Anything else (a hand-edited file, TinyDB's own layout) simply gets encoded in full next time.
    """
    try:
        lines = raw.decode("utf-8").removeprefix("{").removesuffix("}").split(",\n")
    except UnicodeDecodeError:  # JSON in UTF-16 or 32 parses, but is not a layout we wrote
        return {}
    found: dict[str, str] = {}
    for line in lines:
        name, colon, text = line.partition('":')
        if not colon or not name.startswith('"') or '"' in name[1:] or "\\" in name:
            return {}
        found[name[1:]] = text
    return found if found.keys() == data.keys() else {}


def _document(encoded: dict[str, str]) -> str:
    """The whole file from each table's encoded text, one table per line (see _table_lines)."""
    return "{" + ",\n".join(f"{_dumps(name)}:{text}" for name, text in encoded.items()) + "}"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _explain_write_error(exc: OSError, path: str) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save to {os.path.dirname(path)} ({reason}); your existing data was not changed"

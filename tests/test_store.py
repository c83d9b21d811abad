"""The store keeps every write, across processes, crashes and bad files."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion.store import SCHEMA_VERSION, CorruptDataError, Store, StoreError
from tests.conftest import FIXED_NOW

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from companion.store import Store

    store = Store(Path(sys.argv[1]))
    for n in range(int(sys.argv[2])):
        record = store.insert("wins", {"text": f"{sys.argv[3]}-{n}"})
        print(record["id"], flush=True)  # printed only once the write is durable
    """
)


def run_writer(data_dir: Path, count: int, label: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), str(count), label],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_insert_get_update_remove(store: Store) -> None:
    first = store.insert("wins", {"text": "one"})
    second = store.insert("wins", {"text": "two"})
    assert first["id"] != second["id"] and len(first["id"]) == 32
    assert store.get("wins", first["id"])["text"] == "one"
    assert store.update("wins", first["id"], {"text": "uno", "id": "ignored"})["text"] == "uno"
    assert store.remove("wins", second["id"]) is True
    assert store.remove("wins", second["id"]) is False
    assert [r["text"] for r in store.all("wins")] == ["uno"]
    assert store.update("wins", "missing", {"text": "x"}) is None


def test_transaction_writes_once_and_rolls_back_on_error(store: Store) -> None:
    with store.transaction() as tx:
        tx.insert("wins", {"text": "a"})
        tx.insert("wins", {"text": "b"})
    assert len(store.all("wins")) == 2
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.insert("wins", {"text": "never"})
        raise RuntimeError("boom")
    assert [r["text"] for r in store.all("wins")] == ["a", "b"]


def test_permissions_are_private(store: Store, data_dir: Path) -> None:
    store.insert("wins", {"text": "private"})
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.lock_path.stat().st_mode) == 0o600


def test_two_processes_adding_200_each_keep_all_400(data_dir: Path) -> None:
    writers = [run_writer(data_dir, 200, label) for label in ("a", "b")]
    outputs = [w.communicate(timeout=120)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers)
    records = Store(data_dir).all("wins")
    ids = [r["id"] for r in records]
    assert len(records) == 400 and len(set(ids)) == 400
    assert set(ids) == {line for out in outputs for line in out.split()}
    assert {r["text"] for r in records} == {f"{label}-{n}" for label in "ab" for n in range(200)}


def test_long_lived_store_keeps_inserts_from_another_process(store: Store, data_dir: Path) -> None:
    store.insert("wins", {"text": "mine before"})
    store.all("wins")  # the long-lived process has read (and cached) the file
    other = run_writer(data_dir, 3, "other")
    assert other.wait(timeout=60) == 0
    store.insert("wins", {"text": "mine after"})  # tinydb alone: "Document with ID 2 already exists"
    texts = sorted(r["text"] for r in store.all("wins"))
    assert texts == ["mine after", "mine before", "other-0", "other-1", "other-2"]


@pytest.mark.slow
def test_sigkill_storm_never_loses_an_acknowledged_write(data_dir: Path) -> None:
    rng = random.Random(20261127)
    acknowledged: set[str] = set()
    for _ in range(60):
        writer = run_writer(data_dir, 10_000, "storm")
        time.sleep(rng.uniform(0.05, 0.35))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        lines = out.split("\n")
        acknowledged.update(line for line in lines[:-1] if line)  # the last line may be cut mid-print
        if not (data_dir / "companion.json").exists():  # killed before its first write finished
            assert not acknowledged
            continue
        json.loads((data_dir / "companion.json").read_bytes())  # always parses
        stored = {r["id"] for r in Store(data_dir).all("wins")}
        assert acknowledged <= stored
    assert len(acknowledged) > 60
    leftovers = [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 60  # a temp file may stay behind from a kill; the data file is never partial


def test_garbage_is_reported_and_preserved_byte_for_byte(store: Store) -> None:
    store.insert("wins", {"text": "kept in backup"})
    garbage = b'{"wins": {"1": {"text": "half a wr\xff'
    store.path.write_bytes(garbage)
    with pytest.raises(CorruptDataError) as caught:
        store.all("wins")
    assert "could not be read" in str(caught.value) and "companion recover" in str(caught.value)
    with pytest.raises(CorruptDataError):
        store.insert("wins", {"text": "would overwrite"})
    assert store.path.read_bytes() == garbage


def test_recover_keeps_the_bad_file_aside_and_restores_the_backup(data_dir: Path) -> None:
    day = [FIXED_NOW]
    store = Store(data_dir, clock=lambda: day[0])
    store.insert("wins", {"text": "day one"})
    day[0] = FIXED_NOW + timedelta(days=1)
    store.insert("wins", {"text": "day two"})  # the backup of day two holds "day one"
    store.path.write_bytes(b"not json")
    aside, backup = store.recover()
    assert aside.read_bytes() == b"not json"
    assert backup is not None and backup.name.endswith("-2026-11-28.json")
    assert [r["text"] for r in store.all("wins")] == ["day one"]


def test_recover_empty_starts_fresh(store: Store) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("[1, 2, 3]")
    with pytest.raises(CorruptDataError, match="unexpected layout"):
        store.all("wins")
    aside, backup = store.recover(restore_backup=False)
    assert backup is None and aside.read_text() == "[1, 2, 3]"
    assert store.all("wins") == []


def test_one_backup_a_day_and_only_the_newest_kept(data_dir: Path) -> None:
    day = [datetime(2026, 11, 1, 9)]
    store = Store(data_dir, backups_keep=3, clock=lambda: day[0])
    for offset in range(6):
        day[0] = datetime(2026, 11, 1, 9) + timedelta(days=offset)
        store.insert("wins", {"text": f"day {offset}"})
        store.insert("wins", {"text": f"day {offset} again"})
    names = [p.name for p in store.backups()]
    assert names == [
        "companion-000006-2026-11-06.json",
        "companion-000005-2026-11-05.json",
        "companion-000004-2026-11-04.json",
    ]
    newest = json.loads(store.backups()[0].read_text())
    assert len(newest["wins"]) == 10  # taken before the day's first write: days 0-4, two each
    assert stat.S_IMODE(store.backups()[0].stat().st_mode) == 0o600


def test_old_file_without_schema_is_migrated(store: Store) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps({"wins": {"1": {"id": "abc", "text": "old"}}}))
    assert store.get("wins", "abc")["text"] == "old"
    store.insert("wins", {"text": "new"})
    meta = json.loads(store.path.read_text())["meta"]
    assert list(meta.values()) == [{"schema_version": SCHEMA_VERSION}]


def test_newer_schema_is_refused_untouched(store: Store) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    content = json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "wins": {}})
    store.path.write_text(content)
    with pytest.raises(StoreError, match="newer companion"):
        store.insert("wins", {"text": "x"})
    assert store.path.read_text() == content


def test_failed_replace_leaves_data_and_no_temp_file(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.insert("wins", {"text": "safe"})
    before = store.path.read_bytes()

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StoreError, match="the disk is full"):
        store.insert("wins", {"text": "lost?"})
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not [p for p in store.directory.iterdir() if p.suffix == ".tmp"]
    assert [r["text"] for r in store.all("wins")] == ["safe"]


def test_signature_changes_when_another_process_writes(store: Store, data_dir: Path) -> None:
    store.insert("wins", {"text": "a"})
    before = store.signature()
    assert run_writer(data_dir, 1, "b").wait(timeout=60) == 0
    assert store.signature() != before
    assert len(store.all("wins")) == 2


@pytest.mark.parametrize("seed", range(5))
def test_partial_re_encoding_always_writes_exactly_the_data(data_dir: Path, seed: int) -> None:
    """Writes re-encode only what changed; the file must still equal the full data every time."""
    rng = random.Random(seed)
    store, other = Store(data_dir), Store(data_dir)  # `other` stands for another process
    model: dict[str, dict[str, dict]] = {"wins": {}, "applications": {}}
    for step in range(120):
        table = rng.choice(list(model))
        writer = other if rng.random() < 0.2 else store
        action = rng.choice(["insert", "insert", "insert_many", "update", "remove"])
        if action == "insert":
            record = writer.insert(table, {"text": f"{step} ünïcode ✓", "n": step})
            model[table][record["id"]] = record
        elif action == "insert_many":
            with writer.transaction() as tx:
                for record in tx.insert_many(table, [{"text": f"{step}-{k}"} for k in range(3)]):
                    model[table][record["id"]] = record
        elif model[table]:
            record_id = rng.choice(sorted(model[table]))
            if action == "update":
                model[table][record_id] = writer.update(table, record_id, {"text": f"updated {step}"})
            else:
                assert writer.remove(table, record_id)
                del model[table][record_id]
        on_disk = json.loads(store.path.read_text()) if store.path.exists() else {}
        for name, records in model.items():
            assert sorted(on_disk.get(name, {}).values(), key=lambda r: r["id"]) == sorted(
                records.values(), key=lambda r: r["id"]
            )


def test_a_hand_edited_multi_line_file_is_read_and_rewritten_whole(store: Store) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(
        '{"meta":{"1":{"schema_version":1}},\n"wins":{"1":{"id":"a","text":"one"},\n"2":{"id":"b","text":"two"}}}'
    )
    store.insert("wins", {"text": "three"})
    on_disk = json.loads(store.path.read_text())
    assert sorted(r["text"] for r in on_disk["wins"].values()) == ["one", "three", "two"]
    fresh = Store(store.directory)  # another process
    fresh.insert("wins", {"text": "four"})
    assert len(json.loads(store.path.read_text())["wins"]) == 4


def test_derived_objects_are_worked_out_again_only_when_their_table_changed(store: Store, data_dir: Path) -> None:
    builds: list[int] = []

    def texts(stored: list[tuple[int, dict]]) -> list[str]:
        builds.append(len(stored))
        return sorted(record["text"] for _, record in stored)

    store.insert("wins", {"text": "a"})
    assert store.derived("wins", texts) == ["a"] and store.derived("wins", texts) == ["a"]
    store.insert("applications", {"company": "Acme"})  # another table: the wins are kept
    assert store.derived("wins", texts) == ["a"] and builds == [1]
    store.insert("wins", {"text": "b"})
    assert store.derived("wins", texts) == ["a", "b"] and builds == [1, 2]
    assert run_writer(data_dir, 1, "c").wait(timeout=60) == 0  # another process: read again
    assert store.derived("wins", texts) == ["a", "b", "c-0"] and builds == [1, 2, 3]
    other = json.loads(store.path.read_text())
    other["wins"]["9"] = {"id": "other", "text": "d", "updated_at": "2026-11-27T09:00:00+00:00"}
    (data_dir / "companion.sync-conflict-20261127-100000-ABCDEFG.json").write_text(json.dumps(other))
    store.merge_conflict_copies()  # a merge changes the table too
    assert store.derived("wins", texts) == ["a", "b", "c-0", "d"]


def test_puts_inserts_and_removes_mixed_in_one_transaction_never_overwrite_each_other(store: Store) -> None:
    """TinyDB caches its next doc_id per Table: numbering of our own keeps every record whole."""
    store.insert("wins", {"id": "w0", "text": "there before"})
    with store.transaction() as tx:
        tx.put_many("wins", [{"id": "p1", "text": "put 1"}])
        tx.insert_many("wins", [{"id": "i1", "text": "insert 1"}, {"id": "i2", "text": "insert 2"}])
        tx.put_many("wins", [{"id": "p2", "text": "put 2"}, {"id": "w0", "text": "replaced"}])
        assert tx.remove("wins", "i1")
        tx.insert("wins", {"id": "i3", "text": "insert 3"})
        assert tx.remove("wins", "i2")
    assert sorted(r["text"] for r in store.all("wins")) == ["insert 3", "put 1", "put 2", "replaced"]
    assert sorted(s["id"] for s in store.all("tombstones")) == ["wins:i1", "wins:i2"]
    on_disk = json.loads(store.path.read_text())
    assert len(on_disk["wins"]) == 4 and len(set(on_disk["wins"])) == 4

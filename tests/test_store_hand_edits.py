"""The store v2 contract: hand-edited files, symlinks, people's own permissions, unusable paths,
change detection and backups ranked by when they were written."""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion import datafile
from companion.cli import main
from companion.store import CorruptDataError, Store, StoreError
from tests.conftest import FIXED_NOW

WINS = {
    "1": {"id": "a1", "text": "one", "updated_at": "2026-11-27T09:00:00+00:00"},
    "2": {"id": "b2", "text": "two", "updated_at": "2026-11-27T09:00:00+00:00"},
}
COMPACT = json.dumps({"meta": {"1": {"schema_version": 1}}, "wins": WINS}, separators=(",", ":"))
HAND_EDITS = {
    "a trailing newline (vim, nano)": COMPACT + "\n",
    "several trailing newlines": COMPACT + "\n\n\n",
    "pretty-printed": json.dumps({"meta": {"1": {"schema_version": 1}}, "wins": WINS}, indent=4),
    "CRLF line ends": json.dumps({"meta": {"1": {"schema_version": 1}}, "wins": WINS}, indent=2).replace("\n", "\r\n"),
    "spaces around commas and colons": COMPACT.replace(",", " , ").replace(":", " : "),
    "an empty table written as { }": COMPACT[:-1] + ',"applications":{ }}',
    "a UTF-8 signature (Notepad)": "\ufeff" + COMPACT,
}


def _on_disk(store: Store) -> dict:
    return json.loads(store.path.read_bytes())  # must always parse, whatever was written before


@pytest.mark.parametrize("text", list(HAND_EDITS.values()), ids=list(HAND_EDITS))
def test_a_hand_edited_file_is_read_and_every_later_write_parses(store: Store, text: str) -> None:
    store.directory.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(text.encode("utf-8"))
    assert {r["text"] for r in store.all("wins")} == {"one", "two"}
    added = store.insert("wins", {"text": "three"})
    assert store.update("wins", "a1", {"text": "one, edited"}) is not None
    assert store.remove("wins", "b2")
    store.insert("applications", {"company": "Acme"})
    wins = {r["text"] for r in _on_disk(store)["wins"].values()}
    assert wins == {"one, edited", "three"} and added["id"]
    assert {r["company"] for r in _on_disk(store)["applications"].values()} == {"Acme"}


def test_a_field_added_by_hand_is_kept_through_updates(store: Store) -> None:
    store.directory.mkdir(parents=True)
    record = {**WINS["1"], "mood": "proud"}
    store.path.write_text(json.dumps({"wins": {"1": record}}))
    store.update("wins", "a1", {"text": "edited"})
    assert _on_disk(store)["wins"]["1"]["mood"] == "proud"


def test_a_non_numeric_key_and_a_record_without_id_are_usable(store: Store) -> None:
    store.directory.mkdir(parents=True)
    store.path.write_text(
        json.dumps({"wins": {"my-own": {"id": "x1", "text": "typed by hand"}, "7": {"text": "no id"}}})
    )
    assert store.update("wins", "x1", {"text": "updated"})["text"] == "updated"  # TinyDB raised ValueError
    ids = [r["id"] for r in Store(store.directory).all("wins")]
    assert len(set(ids)) == 2 and all(ids)
    assert ids == [r["id"] for r in Store(store.directory).all("wins")]  # every reader agrees on the new id
    assert all(key.isdecimal() for key in _on_disk(store)["wins"])


def test_nothing_is_ever_spliced_into_old_text(store: Store) -> None:
    """The old per-table text cache corrupted a file whose text no longer matched it."""
    store.insert("wins", {"text": "first"})
    text = store.path.read_text()
    store.path.write_text(text.replace("\n", "\r\n") + "\n\n")  # same data, other text
    os.utime(store.path, ns=(store.path.stat().st_atime_ns, store.path.stat().st_mtime_ns))
    store.insert("wins", {"text": "second"})
    assert {r["text"] for r in _on_disk(store)["wins"].values()} == {"first", "second"}


def test_an_in_place_rewrite_that_keeps_size_and_mtime_is_noticed(store: Store) -> None:
    store.insert("wins", {"text": "aaaa"})
    store.all("wins")  # cached
    before = store.signature()
    st = store.path.stat()
    time.sleep(0.01)
    with open(store.path, "r+b") as handle:  # rewritten in place: same inode, same size
        content = handle.read().replace(b"aaaa", b"bbbb")
        handle.seek(0)
        handle.write(content)
    os.utime(store.path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    assert store.path.stat().st_size == st.st_size and store.path.stat().st_mtime_ns == st.st_mtime_ns
    assert store.signature() != before
    assert [r["text"] for r in store.all("wins")] == ["bbbb"]
    store.insert("wins", {"text": "cccc"})  # the cached copy is never written over the outside change
    assert sorted(r["text"] for r in _on_disk(store)["wins"].values()) == ["bbbb", "cccc"]


def test_a_symlinked_data_file_stays_a_link_and_its_target_gets_the_data(tmp_path: Path) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "companion.json"
    Store(synced).insert("wins", {"text": "written in the synced folder"})
    data = tmp_path / "data"
    data.mkdir()
    (data / "companion.json").symlink_to(target)
    store = Store(data)
    store.insert("wins", {"text": "through the link"})
    store.update("wins", store.all("wins")[0]["id"], {"text": "edited through the link"})
    link = data / "companion.json"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert {r["text"] for r in json.loads(target.read_text())["wins"].values()} == {
        "edited through the link",
        "through the link",
    }
    assert not list(synced.glob(".*.tmp")) and not list(data.glob(".*.tmp"))


def test_a_read_only_file_is_refused_and_left_read_only(store: Store) -> None:
    store.insert("wins", {"text": "kept"})
    store.path.chmod(0o400)
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="read-only .*chmod u\\+w"):
        store.insert("wins", {"text": "refused"})
    assert store.path.read_bytes() == before and stat.S_IMODE(store.path.stat().st_mode) == 0o400


def test_a_read_only_data_dir_is_refused_even_for_root_and_not_chmodded_back(store: Store) -> None:
    store.insert("wins", {"text": "kept"})
    store.directory.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="folder .* is read-only"):
            store.insert("wins", {"text": "refused"})
        assert stat.S_IMODE(store.directory.stat().st_mode) == 0o500
        assert [r["text"] for r in store.all("wins")] == ["kept"]  # reading still works
    finally:
        store.directory.chmod(0o700)


def test_a_file_that_is_not_private_keeps_the_mode_its_owner_chose(store: Store) -> None:
    store.insert("wins", {"text": "a"})
    store.path.chmod(0o640)
    store.insert("wins", {"text": "b"})
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o640


@pytest.mark.parametrize("command", [["wins"], ["win", "hello"], ["apps"], ["export", "json"], ["recover"]])
def test_a_directory_where_the_file_should_be_is_one_line_exit_1(
    data_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "companion.json").mkdir(parents=True)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a directory" in err and "Traceback" not in err
    assert (data_dir / "companion.json").is_dir()  # nothing moved


@pytest.mark.parametrize("command", [["wins"], ["win", "hello"], ["apps"], ["recover"]])
def test_a_file_where_the_data_dir_should_be_is_one_line_exit_1(
    data_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("not a folder")
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a file, not a folder" in err
    assert data_dir.read_text() == "not a folder"


def test_backups_rank_by_when_they_were_written_not_the_date_in_their_name(data_dir: Path) -> None:
    clock = [datetime(2099, 1, 1, 9)]
    store = Store(data_dir, clock=lambda: clock[0])
    store.insert("wins", {"text": "before the clock was wrong"})
    store.insert("wins", {"text": "while the clock said 2099"})  # backs up the first under 2099's date
    clock[0] = FIXED_NOW
    store.insert("wins", {"text": "the clock is right again"})  # today's backup: the newest written
    newest = store.backups()[0]
    assert newest.name.endswith(f"{FIXED_NOW.date()}.json")
    assert len(json.loads(newest.read_text())["wins"]) == 2


def test_recovery_never_offers_an_empty_backup_and_keeps_what_still_reads(data_dir: Path) -> None:
    clock = [FIXED_NOW - timedelta(days=1)]
    store = Store(data_dir, clock=lambda: clock[0])
    store.insert("state", {"id": "welcome"})  # the welcome state: a backup of it holds nothing
    store.insert("wins", {"text": "yesterday's win"})
    clock[0] = FIXED_NOW
    store.insert("wins", {"text": "today's first win"})  # today's backup holds yesterday's win
    clock[0] = FIXED_NOW + timedelta(days=1)
    store.insert("wins", {"text": "the day after"})  # this day's backup holds the two before it
    for text in ("win a", "win b", "win c"):
        store.insert("wins", {"text": text})
    whole = store.path.read_bytes()
    store.path.write_bytes(whole[: whole.index(b"win c") - 40])  # a write cut short
    with pytest.raises(CorruptDataError):
        store.all("wins")
    described = store.describe_backups()
    assert described[0].counts.get("wins") == 2
    assert "2 wins" in described[0].describe(FIXED_NOW + timedelta(days=1))
    assert store.salvageable()["wins"] >= 4
    aside, backup = store.recover()
    assert backup is not None and aside.read_bytes() == whole[: whole.index(b"win c") - 40]
    texts = {r["text"] for r in store.all("wins")}
    assert {"yesterday's win", "today's first win", "the day after", "win a"} <= texts


def test_recovery_skips_an_empty_backup(data_dir: Path) -> None:
    clock = [FIXED_NOW - timedelta(days=2)]
    store = Store(data_dir, clock=lambda: clock[0])
    store.insert("wins", {"text": "real work"})
    clock[0] = FIXED_NOW - timedelta(days=1)
    store.insert("wins", {"text": "more"})  # backup holds "real work"
    store.remove("wins", store.all("wins")[0]["id"])
    store.remove("wins", store.all("wins")[0]["id"])
    clock[0] = FIXED_NOW
    store.insert("state", {"id": "x"})  # today's backup: no wins at all
    store.path.write_bytes(b"garbage")
    _, backup = store.recover()
    assert backup is not None and "real work" in {r["text"] for r in store.all("wins")}


def test_salvage_reads_whole_records_up_to_the_damage() -> None:
    raw = datafile.encode({"meta": {"1": {"schema_version": 1}}, "wins": {str(n): {"id": str(n)} for n in range(1, 6)}})
    cut = raw[: raw.index(b'"5"') + 8]
    assert sorted(datafile.salvage(cut)["wins"]) == ["1", "2", "3", "4"]
    assert datafile.salvage(b"\x00\x01") == {}


def test_a_backup_of_only_the_welcome_state_counts_as_empty(tmp_path: Path) -> None:
    backups_dir = tmp_path / "backups"
    backups_dir.mkdir()
    welcome = {"meta": {"1": {"schema_version": 1}}, "state": {"1": {"id": "welcome", "seen_at": "2026-11-27T09:00"}}}
    (backups_dir / "companion-000002-2026-11-27.json").write_text(json.dumps(welcome))  # 99 bytes: the welcome
    (backups_dir / "companion-000001-2026-11-26.json").write_text(json.dumps({**welcome, "wins": WINS}))
    from companion import backups

    described = backups.describe_all(str(backups_dir))
    assert [b.empty for b in described] == [True, False]
    assert "empty (nothing recorded yet)" in described[0].describe(FIXED_NOW)
    chosen = backups.best(described)
    assert chosen is not None and chosen.path.endswith("companion-000001-2026-11-26.json")

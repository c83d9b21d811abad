"""Two machines offline, then a sync tool's conflict copy: merged by record id, nothing lost or revived."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion import pipeline, wins
from companion.cli import main
from companion.store import Store
from companion.sync_merge import conflict_source
from tests.conftest import FIXED_NOW

SYNCTHING = "companion.sync-conflict-20261202-120000-ABCDEFG.json"
DROPBOX = "companion (Sam's conflicted copy 2026-12-02).json"
NEXTCLOUD = "companion (conflicted copy 2026-12-02 120000).json"


def _store(directory: Path, at: list[datetime]) -> Store:
    return Store(directory, clock=lambda: at[0])


def two_machines_apart(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Machine A and B share a file, then change it while apart; returns both dirs and the ids."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    clock = [FIXED_NOW]
    shared = _store(laptop, clock)
    keep = wins.add_win(shared, "kept on both", now=FIXED_NOW)
    edited_then_deleted = wins.add_win(shared, "edited on B, deleted on A later", now=FIXED_NOW)
    deleted_on_b = wins.add_win(shared, "deleted on B", now=FIXED_NOW)
    app = pipeline.add_application(shared, pipeline.Details("Acme", "Backend Engineer"), now=FIXED_NOW)
    shutil.copytree(laptop, desktop)

    b_clock = [FIXED_NOW + timedelta(hours=1)]
    b = _store(desktop, b_clock)
    wins.add_win(b, "logged on the desktop", now=b_clock[0])
    wins.update_win(b, edited_then_deleted.id, "edited on B", [], now=b_clock[0])
    b.remove(wins.TABLE, deleted_on_b.id)
    b_clock[0] = FIXED_NOW + timedelta(hours=3)
    pipeline.move(b, app.id, "interviewing", now=b_clock[0])  # the newer change to the application

    a_clock = [FIXED_NOW + timedelta(hours=2)]
    a = _store(laptop, a_clock)
    wins.add_win(a, "logged on the laptop", now=a_clock[0])
    a.remove(wins.TABLE, edited_then_deleted.id)  # after B's edit: the deletion wins
    pipeline.move(a, app.id, "screening", now=a_clock[0])  # older than B's move
    return laptop, desktop, {"keep": keep.id, "app": app.id}


def _texts(directory: Path) -> set[str]:
    return {r["text"] for r in Store(directory).all(wins.TABLE)}


EXPECTED = {"kept on both", "logged on the desktop", "logged on the laptop"}


@pytest.mark.parametrize("name", [SYNCTHING, DROPBOX, NEXTCLOUD])
def test_a_conflict_copy_is_merged_by_the_next_command_and_set_aside(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, desktop, ids = two_machines_apart(tmp_path)
    shutil.copy(desktop / "companion.json", laptop / name)  # what the sync tool leaves beside ours
    assert main(["--data-dir", str(laptop), "wins"]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Merged the other machine's copy from" in err
    assert "1 win added" in err and "1 application updated" in err and "1 win removed" in err
    assert all(text in out for text in EXPECTED) and "deleted" not in out
    assert _texts(laptop) == EXPECTED
    app = Store(laptop).get(pipeline.TABLE, ids["app"])
    assert app is not None and app["stage"] == "interviewing"
    assert [h["stage"] for h in app["history"]] == ["applied", "interviewing"]  # B's whole newer version
    assert not (laptop / name).exists() and (laptop / "merged" / name).exists()  # kept, never deleted
    assert main(["--data-dir", str(laptop), "wins"]) == 0
    assert capsys.readouterr().err == ""  # never merged twice


def test_both_directions_end_with_the_same_records(tmp_path: Path) -> None:
    laptop, desktop, _ = two_machines_apart(tmp_path)
    shutil.copy(desktop / "companion.json", laptop / SYNCTHING)
    shutil.copy(laptop / "companion.json", desktop / SYNCTHING)
    Store(laptop).merge_conflict_copies()
    Store(desktop).merge_conflict_copies()
    assert _texts(laptop) == _texts(desktop) == EXPECTED

    def records(directory: Path) -> dict[str, dict]:
        return {r["id"]: r for r in Store(directory).all(wins.TABLE)}

    assert records(laptop) == records(desktop)


def test_a_record_edited_after_its_deletion_elsewhere_survives(tmp_path: Path) -> None:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a = _store(a_dir, [FIXED_NOW])
    win = wins.add_win(a, "still wanted", now=FIXED_NOW)
    shutil.copytree(a_dir, b_dir)
    _store(a_dir, [FIXED_NOW + timedelta(hours=1)]).remove(wins.TABLE, win.id)
    wins.update_win(
        _store(b_dir, [FIXED_NOW + timedelta(hours=2)]),
        win.id,
        "still wanted, edited",
        [],
        now=FIXED_NOW + timedelta(hours=2),
    )
    shutil.copy(b_dir / "companion.json", a_dir / DROPBOX)
    Store(a_dir).merge_conflict_copies()
    assert _texts(a_dir) == {"still wanted, edited"}


def test_an_unreadable_conflict_copy_is_kept_aside_and_said(store: Store) -> None:
    store.insert(wins.TABLE, {"text": "mine"})
    (store.directory / SYNCTHING).write_bytes(b"{half a fi")
    messages = store.merge_conflict_copies()
    assert len(messages) == 1 and "could not be read" in messages[0]
    assert (store.directory / "merged" / SYNCTHING).read_bytes() == b"{half a fi"
    assert [r["text"] for r in store.all(wins.TABLE)] == ["mine"]


def test_conflict_copies_beside_a_symlinked_files_target_are_merged(tmp_path: Path) -> None:
    synced, data = tmp_path / "Sync", tmp_path / "data"
    Store(synced).insert(wins.TABLE, {"text": "here", "id": "h1"})
    data.mkdir()
    (data / "companion.json").symlink_to(synced / "companion.json")
    other = json.loads((synced / "companion.json").read_text())
    other["wins"]["2"] = {"id": "o2", "text": "from the other machine", "updated_at": "2026-12-02T10:00:00+00:00"}
    (synced / SYNCTHING).write_text(json.dumps(other))
    assert Store(data).merge_conflict_copies()
    assert _texts(data) == {"here", "from the other machine"}
    assert (data / "companion.json").is_symlink()


def test_times_in_other_time_zones_compare_by_the_moment(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.insert(wins.TABLE, {"id": "w", "text": "old", "updated_at": "2026-12-02T10:00:00+01:00"})  # 09:00 UTC
    theirs = {"wins": {"1": {"id": "w", "text": "new", "updated_at": "2026-12-02T09:30:00+00:00"}}}
    (tmp_path / "d" / NEXTCLOUD).write_text(json.dumps(theirs))
    store.merge_conflict_copies()
    assert _texts(tmp_path / "d") == {"new"}


@pytest.mark.parametrize(
    "name, source",
    [
        (SYNCTHING, "Syncthing"),
        (DROPBOX, "Dropbox"),
        (NEXTCLOUD, "Nextcloud"),
        ("companion.json", None),
        ("companion-000001-2026-12-01.json", None),
        ("notes (conflicted copy).txt", None),
    ],
)
def test_conflict_names_of_each_sync_tool(name: str, source: str | None) -> None:
    assert conflict_source(name) == source

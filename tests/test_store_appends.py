"""Records added to the last table of a big file are appended to the bytes the store wrote itself;
anything else (a hand edit, a sync tool's copy, a touch) is encoded whole, and the file always reads
back as exactly what was stored."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from companion import datafile, store as store_module
from companion.store import Store
from tests.conftest import subprocess_env

BIG = 1_500  # records: enough for datafile.encode to write the file compact


def big_store(directory: Path, wins: int = BIG) -> Store:
    store = Store(directory)
    with store.transaction() as tx:
        tx.insert_many("applications", [{"company": f"Co {n}", "stage": "applied"} for n in range(40)])
        tx.insert_many(
            "wins", [{"text": f"win {n} #tag", "tags": ["tag"], "created_at": "2026-11-30"} for n in range(wins)]
        )
    return store


def file_bytes(store: Store) -> bytes:
    return store.path.read_bytes()


def read_back(store: Store) -> dict[str, dict[str, dict[str, object]]]:
    """What a new process reads from the file: it must be what the store holds."""
    data: dict[str, dict[str, dict[str, object]]] = json.loads(file_bytes(store))
    return data


def test_a_win_added_to_a_big_file_is_appended_to_what_the_store_wrote(data_dir: Path) -> None:
    big_store(data_dir)
    before = file_bytes(Store(data_dir))
    assert before.endswith(b"}}}\n")  # compact: encode writes a file of this many records so
    assert list(json.loads(before))[-1] == "wins"  # the table just added to is written last

    fresh = Store(data_dir)  # as `companion win` is: a new process
    added = fresh.insert("wins", {"text": 'appended «ünïcode» \u2028 "quoted"', "tags": []})
    after = file_bytes(fresh)
    assert after.startswith(before[:-3]) and len(after) > len(before)  # the old bytes, untouched
    wins = read_back(fresh)["wins"]
    assert len(wins) == BIG + 1 and list(wins.values())[-1] == added
    assert fresh.lock_path.read_text().startswith("companion wrote ")


def test_a_hand_edited_big_file_is_encoded_whole_and_keeps_the_edit(data_dir: Path) -> None:
    big_store(data_dir)
    data = json.loads(file_bytes(Store(data_dir)))
    data["wins"]["1"]["text"] = "edited by hand"
    Store(data_dir).path.write_text(json.dumps(data, indent=1))  # pretty, and another process's bytes

    store = Store(data_dir)
    store.insert("wins", {"text": "after the edit"})
    written = file_bytes(store)
    assert written == datafile.encode(json.loads(written))  # encoded whole, not appended to the edit
    wins = read_back(store)["wins"]
    assert wins["1"]["text"] == "edited by hand" and list(wins.values())[-1]["text"] == "after the edit"


def test_bytes_another_program_wrote_are_never_appended_to_even_when_they_look_alike(data_dir: Path) -> None:
    """Compact and ending as encode's do, but the last member is not the table the data says is last
    (a duplicate key): appending there would put the win among the applications."""
    big_store(data_dir)
    data = json.loads(file_bytes(Store(data_dir)))
    compact = {name: json.dumps(table, separators=(",", ":")) for name, table in data.items()}
    members = [f'"meta":{compact["meta"]}', '"applications":{}', f'"wins":{compact["wins"]}']
    members.append(f'"applications":{compact["applications"]}')  # the value json keeps, last in the file
    Store(data_dir).path.write_text("{" + ",".join(members) + "}\n")
    assert list(json.loads(Store(data_dir).path.read_bytes()))[-1] == "wins"

    store = Store(data_dir)
    store.insert("wins", {"text": "where it belongs"})
    on_disk = read_back(store)
    assert [r["text"] for r in on_disk["wins"].values()][-1] == "where it belongs"
    assert len(on_disk["applications"]) == 40 and len(on_disk["wins"]) == BIG + 1


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("a small file, pretty", b'{\n  "wins": {\n    "1": {\n      "text": "a"\n    }\n  }\n}\n'),
        ("the last table empty", b'{"meta":{"1":{"schema_version":1}},"wins":{}}\n'),
        ("no newline at the end", b'{"wins":{"1":{"text":"a"}}}'),
    ],
)
def test_appending_is_refused_where_the_layout_is_not_encodes(name: str, raw: bytes) -> None:
    assert datafile.appended(raw, [("2", {"text": "b"})]) is None, name


def test_appending_refuses_what_json_cannot_hold_and_keeps_the_rest_exact() -> None:
    raw = b'{"meta":{"1":{"schema_version":1}},"wins":{"1":{"text":"a"}}}\n'
    assert datafile.appended(raw, [("2", {"n": float("nan")})]) is None
    assert datafile.appended(raw, [("2", {"text": "\ud800"})]) is None  # a lone surrogate
    both = datafile.appended(raw, [("2", {"text": "b", "tags": ["x"]}), ("3", {"text": "c"})])
    assert both is not None
    assert json.loads(both) == {
        "meta": {"1": {"schema_version": 1}},
        "wins": {"1": {"text": "a"}, "2": {"text": "b", "tags": ["x"]}, "3": {"text": "c"}},
    }


def test_any_mix_of_changes_and_outside_writes_reads_back_as_stored(data_dir: Path) -> None:
    """Adds (appended or not), edits, deletions and undos through new Store objects, with hand edits,
    touches and renamed copies in between: after each step the file reads back as the store holds it."""
    rng = random.Random(17)
    big_store(data_dir, wins=BIG)
    appended = 0
    for step in range(60):
        store = Store(data_dir)
        before = file_bytes(store)
        table = rng.choice(["wins", "wins", "wins", "applications"])
        action = rng.choice(["add", "add", "add_many", "edit", "remove", "outside"])
        records = store.all(table)
        if action == "add":
            store.insert(table, {"text": f"step {step}", "tags": [], "company": f"step {step}"})
        elif action == "add_many":
            with store.transaction() as tx:
                tx.insert_many(table, [{"text": f"step {step}.{n}"} for n in range(3)])
        elif action == "edit" and records:
            store.update(table, rng.choice(records)["id"], {"text": f"edited at {step}"})
        elif action == "remove" and records:
            store.remove(table, rng.choice(records)["id"])
        elif action == "outside":
            data = json.loads(before)
            data["wins"][next(iter(data["wins"]))]["text"] = f"outside {step}"
            text = json.dumps(data, separators=(",", ":")) + "\n" if rng.random() < 0.5 else json.dumps(data, indent=2)
            temp = store.path.with_name("elsewhere.json")
            temp.write_text(text)
            os.replace(temp, store.path)  # as a sync tool puts a file in place
        after = file_bytes(store)
        appended += after.startswith(before[:-3]) and len(after) > len(before) and action.startswith("add")
        on_disk = read_back(store)
        for name in ("wins", "applications"):  # the writer's own view (its cache, as written) is the file
            assert store.all(name) == list(on_disk.get(name, {}).values()), (step, action, name)
        assert json.loads(after) == json.loads(datafile.encode(json.loads(after)))
    assert appended >= 10  # the path this test is about was taken, often


WRITER = textwrap.dedent(
    """
    import sys
    from companion.store import Store

    store = Store(sys.argv[1])
    for n in range(int(sys.argv[2])):
        store.insert("wins", {"text": f"{sys.argv[3]}-{n}"})
    """
)


def test_processes_appending_at_once_lose_nothing(data_dir: Path) -> None:
    big_store(data_dir)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), "25", label], env=subprocess_env())
        for label in ("left", "right")
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    texts = {record["text"] for record in read_back(Store(data_dir))["wins"].values()}
    assert {f"{label}-{n}" for label in ("left", "right") for n in range(25)} <= texts
    assert len(texts) == BIG + 50


def test_tombstones_a_merge_brings_stay_in_the_file_when_a_win_is_appended_next(data_dir: Path) -> None:
    """A conflict copy that only brings a deletion changes the tables in memory without a write: the
    next win must not be appended to the bytes read before the merge (found in review)."""
    store = big_store(data_dir)
    store.remove("wins", store.all("wins")[0]["id"])
    store.insert("wins", {"text": "wins last again"})
    theirs = read_back(store)
    theirs["tombstones"]["999"] = {
        "id": "wins:other",
        "table": "wins",
        "record_id": "other",
        "deleted_at": "2026-12-01",
    }
    (data_dir / "companion.sync-conflict-20261202-120000-ABCDEFG.json").write_text(json.dumps(theirs))
    assert store.merge_conflict_copies()
    store.insert("wins", {"text": "after the merge"})
    on_disk = {record["id"] for record in read_back(store)["tombstones"].values()}
    assert "wins:other" in on_disk and on_disk == {record["id"] for record in store.all("tombstones")}


def test_a_file_replaced_right_after_the_store_wrote_it_is_not_vouched_for(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Something puts its own file in place between the store's rename and its look at the result:
    the lock file must not call those bytes the store's (found in review: a record landed in the
    wrong table of an outside file with a duplicate key)."""
    store = big_store(data_dir)
    data = read_back(store)
    compact = {name: json.dumps(table, separators=(",", ":")) for name, table in data.items()}
    outside = "{" + ",".join([f'"meta":{compact["meta"]}', '"applications":{}', f'"wins":{compact["wins"]}',
                              f'"applications":{compact["applications"]}']) + "}\n"  # fmt: skip
    real = store_module.write_atomic

    def replaced_at_once(path: str, payload: bytes, *, mode: int = 0o600) -> os.stat_result | None:
        written = real(path, payload, mode=mode)
        real(path, outside.encode(), mode=mode)  # a sync tool, a moment later
        return written

    monkeypatch.setattr(store_module, "write_atomic", replaced_at_once)
    store.insert("wins", {"text": "ours"})
    monkeypatch.setattr(store_module, "write_atomic", real)
    assert [record["text"] for record in store.all("wins")][-1] != "ours"  # it reads what is there now

    other = Store(data_dir)  # another process adds a win
    other.insert("wins", {"text": "in wins"})
    on_disk = read_back(other)
    assert [record["text"] for record in on_disk["wins"].values()][-1] == "in wins"
    assert len(on_disk["applications"]) == 40


def test_a_store_that_keeps_no_bytes_encodes_every_write(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app turns keep_bytes off (orjson is loaded there; 2.7 MB is not worth 3 ms an add)."""
    big_store(data_dir)
    appended: list[int] = []
    real = datafile.appended

    def counted(raw: bytes, records: list[tuple[str, dict[str, object]]]) -> bytes | None:
        appended.append(len(records))
        return real(raw, records)

    monkeypatch.setattr(datafile, "appended", counted)
    keeping = Store(data_dir)
    keeping.insert("wins", {"text": "appended"})
    assert appended == [1]
    not_keeping = Store(data_dir)
    not_keeping.all("wins")  # read with its bytes, then told not to keep them
    not_keeping.keep_bytes = False
    not_keeping.insert("wins", {"text": "encoded whole"})
    assert appended == [1] and [r["text"] for r in read_back(not_keeping)["wins"].values()][-2:] == [
        "appended",
        "encoded whole",
    ]


async def test_the_app_keeps_no_bytes_of_the_data_file(data_dir: Path, tmp_path: Path) -> None:
    from companion.config import Config
    from companion.context import Context
    from companion.tui.app import CompanionApp

    context = Context(data_dir, tmp_path / "config.toml", Config(), welcome_first_run=False)
    context.store.all("wins")
    CompanionApp(context)
    assert context.store.keep_bytes is False

"""Store.derived with a patch: after the store's own commits, the wins log and the applications are
brought up to date from what changed, and must equal what reading every record again gives."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from companion import pipeline, wins
from companion.store import Store

START = datetime(2026, 11, 30, 9, 0)


def fresh_log(data_dir: Path) -> wins.WinLog:
    return wins.WinLog.read(Store(data_dir))  # another Store: every record read and sorted again


def log_view(log: wins.WinLog) -> tuple[list[tuple[str, str, list[str]]], tuple[int, int], list[int]]:
    return [(win.id, win.text, win.tags) for win in log], log.widest(len), log.search("win 1")


def full_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the wins log was sorted whole (a patch never sorts the log)."""
    counted: list[int] = []
    sort_all = wins._newest_first

    def counting(stored: list[tuple[int, dict[str, object]]]) -> list[tuple[int, dict[str, object]]]:
        counted.append(len(stored))
        return sort_all(stored)

    monkeypatch.setattr(wins, "_newest_first", counting)
    return counted


def test_the_patched_wins_log_equals_the_log_read_again(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir)
    chance = random.Random(7)
    for n in range(30):  # several share a second: the order within one comes from the doc_id
        wins.add_win(store, f"win {n} #t{n % 4}", now=START + timedelta(seconds=n // 3))
    log = wins.WinLog.read(store)
    log.search("warm up")  # the index and widths exist, so the patches carry them over
    log.widest(len)
    builds = full_builds(monkeypatch)
    removed: list[dict[str, object]] = []
    ours_sorted_whole = 0
    for step in range(120):
        before = len(builds)
        every = [*wins.WinLog.read(store)]
        action = chance.choice(["add", "add", "edit", "delete", "undo", "backdate", "many"])
        if action == "add" or not every:
            when = START + timedelta(seconds=chance.randrange(0, 12))
            wins.add_win(store, f"win {100 + step} " + "w" * chance.randrange(0, 40), now=when)
        elif action == "edit":
            win = chance.choice(every)
            wins.update_win(store, win.id, f"win 1{step} edited", ["edited"], now=START)
        elif action == "delete":
            win = chance.choice(every)
            removed.append(win.to_record())
            wins.delete_win(store, win.id)
        elif action == "undo" and removed:
            store.insert(wins.TABLE, removed.pop())  # an undo brings it back with its id
        elif action == "backdate":
            win = chance.choice(every)
            store.update(wins.TABLE, win.id, {"created_at": (START - timedelta(days=3)).isoformat()})
        else:  # a restore or an import: several in one transaction
            with store.transaction() as tx:
                tx.put_many(wins.TABLE, [{**chance.choice(every).to_record(), "text": f"put {step}"}])
                tx.insert_many(wins.TABLE, [{"text": f"win 1 many {step}", "created_at": START.isoformat()}])
        ours = log_view(wins.WinLog.read(store))
        ours_sorted_whole += sum(1 for size in builds[before:] if size)
        assert ours == log_view(fresh_log(data_dir)), (step, action)
    assert ours_sorted_whole == 0, "every commit here was this store's own: each should have been a patch"


def test_a_change_from_elsewhere_reads_every_win_again(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir)
    wins.add_win(store, "ours", now=START)
    wins.WinLog.read(store)
    builds = full_builds(monkeypatch)
    wins.add_win(Store(data_dir), "from the shell", now=START)  # another process wrote the file
    assert [win.text for win in wins.WinLog.read(store)] == ["from the shell", "ours"]
    assert [size for size in builds if size] == [2]


def test_the_patched_applications_equal_the_applications_read_again(data_dir: Path) -> None:
    store = Store(data_dir)
    chance = random.Random(11)
    same_time = START.isoformat()
    with store.transaction() as tx:  # an import: many created in the same second
        tx.insert_many(
            pipeline.TABLE, [{"company": f"Co {n}", "role": "Dev", "created_at": same_time} for n in range(20)]
        )
    pipeline.all_applications(store)
    for step in range(80):
        every = pipeline.all_applications(store)
        action = chance.choice(["add", "move", "delete", "put"])
        if action == "add":
            details = pipeline.Details(f"New {step}", "Dev")
            pipeline.add_application(store, details, now=START + timedelta(seconds=chance.randrange(3)))
        elif action == "move":
            pipeline.move(store, chance.choice(every).id, chance.choice(["applied", "interviewing"]), now=START)
        elif action == "delete" and len(every) > 3:
            pipeline.delete_application(store, chance.choice(every).id)
        else:
            with store.transaction() as tx:
                tx.put_many(pipeline.TABLE, [{**chance.choice(every).to_record(), "notes": f"put {step}"}])
        ours = [app.to_record() for app in pipeline.all_applications(store)]
        assert ours == [app.to_record() for app in pipeline.all_applications(Store(data_dir))], (step, action)

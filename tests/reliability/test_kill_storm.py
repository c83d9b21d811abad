"""A SIGKILL storm: writers die at random points, and no acknowledged win is ever lost.

Two kinds of writer run side by side each round: a looping writer inside companion.store.Store
(it prints an id only after the write returned) and short `companion win` processes (a win is
acknowledged when the command exited 0). All are killed with SIGKILL when the looping writer has
acknowledged a random number of writes, so kills land before, inside and after writes. After every
round the file must parse and hold every acknowledged win.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from companion.store import Store
from tests.conftest import companion_command, subprocess_env
from tests.reliability.helpers import DATA_FILE, leftover_temp_files

WRITER = Path(__file__).with_name("looping_writer.py")
SEED_WINS = 3000  # a ~0.5 MB file: each write takes milliseconds, so kills land inside writes too
MIN_KILLS = 100
MAX_ROUNDS = 200
CLI_PER_ROUND = 2
ACKS_BEFORE_KILL = (0, 1, 2, 4, 8, 12)
PATIENCE = 0.2


@dataclass
class Storm:
    data_dir: Path
    acknowledged_ids: set[str] = field(default_factory=set)
    acknowledged_texts: set[str] = field(default_factory=set)
    kills: int = 0
    cli_killed: int = 0
    cli_finished: int = 0

    def kill(self, process: subprocess.Popen[str]) -> bool:
        """SIGKILL a process that is still running; True when the kill hit a live process."""
        alive = process.poll() is None
        if alive:
            process.send_signal(signal.SIGKILL)
            self.kills += 1
        process.wait(timeout=30)
        return alive

    def check_file(self) -> None:
        """The file parses, companion reads it, and every acknowledged win is in it."""
        raw = (self.data_dir / DATA_FILE).read_bytes()
        wins = json.loads(raw)["wins"].values()
        ids = {win["id"] for win in wins}
        texts = {win["text"] for win in wins}
        assert len(ids) == len(wins), "two wins share an id"
        missing_ids = self.acknowledged_ids - ids
        missing_texts = self.acknowledged_texts - texts
        assert not missing_ids and not missing_texts, (missing_ids, missing_texts)
        assert len(Store(self.data_dir).all("wins")) == len(wins)


def _seed(data_dir: Path) -> None:
    stamp = "2026-11-20T10:00:00"
    with Store(data_dir).transaction() as tx:
        tx.insert_many(
            "wins",
            [
                {"text": f"seed {n} " + "x" * 60, "tags": ["seed"], "created_at": stamp, "updated_at": stamp}
                for n in range(SEED_WINS)
            ],
        )


def _start_writer(data_dir: Path, label: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), label],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=subprocess_env(),
    )


def _start_win(data_dir: Path, text: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        companion_command("win", "--", text),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(COMPANION_DATA_DIR=str(data_dir)),
    )


def _round(storm: Storm, number: int, rng: random.Random) -> None:
    writer = _start_writer(storm.data_dir, f"loop{number}")
    wins = {f"cli{number}-{k}": _start_win(storm.data_dir, f"cli{number}-{k}") for k in range(CLI_PER_ROUND)}
    assert writer.stdout is not None
    # Kill once the looping writer acknowledged a random number of writes: at some point of its next
    # one; the short writers are then starting, writing or done, depending on how long that took.
    for _ in range(rng.choice(ACKS_BEFORE_KILL)):
        line = writer.stdout.readline()
        if not line:
            break
        storm.acknowledged_ids.add(line.strip())
    patient = {text for text in wins if rng.random() < PATIENCE}  # left to finish: their acks count too
    if patient or rng.random() < 0.5:  # (a tight write loop would starve them of the lock)
        storm.kill(writer)
    for text, process in wins.items():
        if text in patient:
            process.wait(timeout=60)
        if storm.kill(process):
            storm.cli_killed += 1
        elif process.returncode == 0:
            storm.acknowledged_texts.add(text)
            storm.cli_finished += 1
        else:
            stderr = process.stderr.read() if process.stderr else ""
            pytest.fail(f"`companion win {text}` exited {process.returncode} without being killed: {stderr}")
    storm.kill(writer)
    rest = writer.stdout.read()
    # Only whole lines count: the last one may have been cut off by the kill mid-print.
    storm.acknowledged_ids.update(line for line in rest.split("\n")[:-1] if line)
    writer.stdout.close()
    for process in wins.values():
        if process.stderr:
            process.stderr.close()


@pytest.mark.slow
def test_sigkill_storm_keeps_every_acknowledged_win(data_dir: Path) -> None:
    _seed(data_dir)
    storm = Storm(data_dir)
    rng = random.Random(20261127)
    rounds = 0
    while storm.kills < MIN_KILLS and rounds < MAX_ROUNDS:
        _round(storm, rounds, rng)
        storm.check_file()  # after every round of kills, not just at the end
        rounds += 1
    assert storm.kills >= MIN_KILLS, f"only {storm.kills} kills landed on live writers in {rounds} rounds"
    # Both kinds of writer really wrote (so both kinds of acknowledgement were checked).
    assert len(storm.acknowledged_ids) > 50 and storm.cli_finished >= 5 and storm.cli_killed >= 20, storm
    # And the store still takes writes normally afterwards.
    Store(data_dir).insert("wins", {"text": "after the storm", "created_at": "2026-11-27T10:30:00"})
    assert "after the storm" in {w["text"] for w in Store(data_dir).all("wins")}


STALE_AGE_SECONDS = 3600


def test_a_later_write_clears_temp_files_left_by_a_killed_writer(store: Store) -> None:
    store.insert("wins", {"text": "first", "created_at": "2026-11-27T10:30:00"})
    stale = store.directory / f".{DATA_FILE}-4194300-deadbeef.tmp"  # the name write_atomic uses
    stale.write_bytes(store.path.read_bytes()[: len(store.path.read_bytes()) // 2])
    old = time.time() - STALE_AGE_SECONDS
    os.utime(stale, (old, old))
    store.insert("wins", {"text": "second", "created_at": "2026-11-27T10:30:00"})
    assert leftover_temp_files(store.directory) == []

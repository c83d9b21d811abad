"""Store insert and search at 10,000 wins, each beside a baseline in the same run.

Baselines: writing the same bytes with a plain atomic write (what any safe store must do at least),
and a bare list scan over the same records.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import report
from seed import seed

from companion import wins
from companion.fileio import write_atomic
from companion.store import Store


def main(rounds: int = 30) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        seed(data_dir, applications=1000, win_count=10_000, reflections=500, now=datetime.now())
        store = Store(data_dir)
        raw = store.path.read_bytes()
        inserts, plain_writes = [], []
        for n in range(rounds):
            start = time.perf_counter()
            wins.add_win(store, f"benchmark win {n}", now=datetime.now())
            inserts.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_atomic(Path(tmp) / "plain.json", raw)
            plain_writes.append(time.perf_counter() - start)
        insert, plain = statistics.median(inserts), statistics.median(plain_writes)
        report("insert one win at 10,000 wins (median)", insert, "atomic write of the same file", plain)
        print(f"  target: insert median ≤ 25 ms: {'met' if insert <= 0.025 else 'MISSED'} ({insert * 1000:.1f} ms)")

        all_wins = wins.all_wins(store)
        searches, scans = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            found = wins.filter_wins(wins.all_wins(store), query="#interview thing")
            searches.append(time.perf_counter() - start)
            start = time.perf_counter()
            baseline = [w for w in all_wins if "thing" in w.text and "interview" in w.tags]
            scans.append(time.perf_counter() - start)
        assert len(found) == len(baseline)
        report(
            "search 10,000 wins from the file (median)",
            statistics.median(searches),
            "bare scan of loaded wins",
            statistics.median(scans),
        )


if __name__ == "__main__":
    main()

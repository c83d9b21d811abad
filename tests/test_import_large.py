"""A 200,000-row export: streamed, so memory follows the records stored, not the file's text."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from companion import transfer
from companion.store import Store
from tests.conftest import FIXED_NOW

ROWS = 200_000
HEADER = (
    "id,createdAt,title,salary,location,url,rootDomain,htmlDescription,deadline,color,lastMovedAt,boardId,"
    "boardName,listId,listName,companyId,companyName,companyDomain\n"
)


def huntr_file(path: Path) -> Path:
    description = "<p>" + "We build calm software for people who care. " * 4 + "</p>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for number in range(ROWS):
            handle.write(
                f"j{number},2024-11-20 14:03:11,Engineer {number % 50},$100k - $120k,Remote,https://jobs.example.com/{number},"
                f'example.com,"{description}",2024-12-05 05:00:00,#fff,2024-11-21 09:00:00,b1,Main,l1,Applied,'
                f"c{number},Company {number},example.com\n"
            )
    return path


@pytest.mark.slow
def test_a_200000_row_file_streams_in_bounded_memory(store: Store, tmp_path: Path) -> None:
    source = huntr_file(tmp_path / "huge.csv")
    size = source.stat().st_size
    assert size > 50_000_000

    tracemalloc.start()
    report = transfer.import_file(store, source, dry_run=True, now=FIXED_NOW)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.outcome is not None and report.outcome.count("add") == ROWS
    # Its index of keys is what remains; reading the file whole would hold several times its size.
    assert peak < size * 3 // 4, f"a dry run peaked at {peak:,} bytes for a {size:,}-byte file"

    started = time.monotonic()
    report = transfer.import_file(store, source, dry_run=False, now=FIXED_NOW)
    assert report.outcome is not None and report.outcome.count("add") == ROWS and not report.outcome.problems
    assert len(store.all("applications")) == ROWS
    assert time.monotonic() - started < 600  # generous: 2 shared cores; it is about not hanging

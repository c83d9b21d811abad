"""Snapshots of the foundation's screens with a fixed clock and fixed data."""

from __future__ import annotations

from datetime import timedelta

from companion import wins
from companion.context import Context
from companion.demo import seed
from companion.tui.app import CompanionApp
from tests.conftest import FIXED_NOW


def _with_wins(context: Context) -> CompanionApp:
    for n, (text, tags) in enumerate(
        [
            ("Asked the interviewer a sharp [TODO] question", ["interview"]),
            ("Finished a course module", ["learning"]),
            ("Sent two applications", []),
        ]
    ):
        wins.add_win(context.store, text, tags, now=FIXED_NOW - timedelta(days=n))
    return CompanionApp(context)


def test_today_snapshot(snap_compare, context: Context) -> None:
    assert snap_compare(_with_wins(context), terminal_size=(100, 30))


def test_today_snapshot_80x24(snap_compare, context: Context) -> None:
    assert snap_compare(_with_wins(context), terminal_size=(80, 24))


def test_today_snapshot_120x40_with_demo_data(snap_compare, context: Context) -> None:
    seed(context.store, FIXED_NOW)
    assert snap_compare(CompanionApp(context), terminal_size=(120, 40))


def test_wins_log_snapshot(snap_compare, context: Context) -> None:
    assert snap_compare(_with_wins(context), press=["l"], terminal_size=(100, 30))

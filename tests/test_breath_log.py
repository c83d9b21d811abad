"""Breathing history and custom patterns, stored through the real Store in a temp data dir."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from companion import breath_log
from companion.breathing import (
    PatternError,
    PhaseKind,
    SessionSummary,
    load_presets,
    preset,
)
from companion.store import Store
from tests.conftest import FIXED_NOW

NOW = FIXED_NOW  # Friday 2026-11-27; its week began Monday 2026-11-23


# --- custom patterns -------------------------------------------------------------------------------


def test_a_custom_pattern_is_stored_and_offered_after_the_presets(store: Store) -> None:
    saved = breath_log.add_pattern(store, "Desk reset", ["4", "1", "6,5", "0"], now=NOW)
    assert saved.id and breath_log.is_custom(saved)
    assert [(p.kind, p.seconds) for p in saved.phases] == [
        (PhaseKind.INHALE, 4),
        (PhaseKind.HOLD, 1),
        (PhaseKind.EXHALE, 6.5),
        (PhaseKind.HOLD, 0),
    ]
    offered = breath_log.all_patterns(store)
    assert offered[: len(load_presets())] == list(load_presets())
    assert offered[len(load_presets()) :] == [saved]
    record = store.get(breath_log.PATTERNS_TABLE, saved.id)
    assert record is not None and record["created_at"] == "2026-11-27T10:30:00+00:00"


def test_custom_patterns_keep_the_order_they_were_made(store: Store) -> None:
    for offset, name in enumerate(["Morning", "Before calls", "Evening"]):
        breath_log.add_pattern(store, name, [4, 0, 6, 0], now=NOW + timedelta(minutes=offset))
    assert [p.name for p in breath_log.custom_patterns(store)] == ["Morning", "Before calls", "Evening"]


def test_presets_are_not_custom() -> None:
    assert not any(breath_log.is_custom(pattern) for pattern in load_presets())


def test_invalid_pattern_reports_every_problem_and_writes_nothing(store: Store) -> None:
    with pytest.raises(PatternError) as caught:
        breath_log.add_pattern(store, "", ["0", "25", "x", "0"], now=NOW)
    assert caught.value.messages == [
        "Please give your pattern a name.",
        "Breathe in needs a little time: please choose more than 0 seconds.",
        "Hold after breathing in: please choose between 0 and 20 seconds.",
        "Breathe out: please enter a number of seconds, like 4.",
    ]
    assert store.all(breath_log.PATTERNS_TABLE) == []


@pytest.mark.parametrize("taken", ["box breathing", "  EVENING "])
def test_a_name_already_in_use_is_refused_kindly(store: Store, taken: str) -> None:
    breath_log.add_pattern(store, "Evening", [4, 0, 8, 0], now=NOW)
    with pytest.raises(PatternError) as caught:
        breath_log.add_pattern(store, taken, [4, 0, 8, 0], now=NOW)
    assert caught.value.messages == [
        f"There is already a pattern called \u201c{taken.strip()}\u201d: please choose another name."
    ]
    assert len(store.all(breath_log.PATTERNS_TABLE)) == 1


def test_edit_changes_name_and_rhythm_and_may_keep_its_own_name(store: Store) -> None:
    saved = breath_log.add_pattern(store, "Evening", [4, 0, 8, 0], now=NOW)
    same_name = breath_log.update_pattern(store, saved.id, "Evening", [5, 2, 9, 1], now=NOW)
    assert same_name.rhythm == "5-2-9-1"
    renamed = breath_log.update_pattern(store, saved.id, "Night", [5, 2, 9, 1], now=NOW + timedelta(hours=1))
    assert (renamed.id, renamed.name) == (saved.id, "Night")
    assert breath_log.custom_patterns(store) == [renamed]
    record = store.get(breath_log.PATTERNS_TABLE, saved.id)
    assert record is not None and (record["created_at"], record["updated_at"]) == (
        "2026-11-27T10:30:00+00:00",
        "2026-11-27T11:30:00+00:00",
    )


def test_edit_refuses_invalid_values_and_keeps_the_old_ones(store: Store) -> None:
    saved = breath_log.add_pattern(store, "Evening", [4, 0, 8, 0], now=NOW)
    with pytest.raises(PatternError, match="Breathe out needs a little time"):
        breath_log.update_pattern(store, saved.id, "Evening", [4, 0, 0, 0], now=NOW)
    assert breath_log.custom_patterns(store) == [saved]


def test_editing_a_pattern_deleted_elsewhere_says_so(store: Store) -> None:
    saved = breath_log.add_pattern(store, "Evening", [4, 0, 8, 0], now=NOW)
    assert breath_log.delete_pattern(store, saved.id)
    with pytest.raises(PatternError, match="no longer here"):
        breath_log.update_pattern(store, saved.id, "Evening", [4, 0, 8, 0], now=NOW)
    assert store.all(breath_log.PATTERNS_TABLE) == []
    assert not breath_log.delete_pattern(store, saved.id)


def test_a_pattern_edited_into_nonsense_by_hand_is_skipped_not_fatal(store: Store) -> None:
    store.insert(breath_log.PATTERNS_TABLE, {"name": "Broken", "phases": [{"kind": "sniff", "seconds": 2}]})
    good = breath_log.add_pattern(store, "Fine", [4, 0, 4, 0], now=NOW)
    assert breath_log.custom_patterns(store) == [good]
    assert len(store.all(breath_log.PATTERNS_TABLE)) == 2  # the broken one is left as it was


def test_user_text_in_names_is_cleaned_before_storing(store: Store) -> None:
    saved = breath_log.add_pattern(store, "Calm\x1b[31m now\x07", [4, 0, 4, 0], now=NOW)
    assert saved.name == "Calm now"
    raw = json.loads((store.path).read_text(encoding="utf-8"))
    assert "\x1b" not in json.dumps(raw)


# --- sessions ----------------------------------------------------------------------------------------


def test_a_session_is_stored_with_pattern_start_seconds_cycles_and_outcome(store: Store) -> None:
    kept = breath_log.record_session(store, preset("box"), SessionSummary(64.04, 4), started_at=NOW, finished=True)
    assert kept is not None and kept.id
    assert breath_log.all_sessions(store) == [kept]
    record = store.get(breath_log.SESSIONS_TABLE, kept.id)
    assert record == {
        "id": kept.id,
        "pattern_id": "box",
        "pattern_name": "Box breathing",
        "started_at": "2026-11-27T10:30:00+00:00",
        "seconds": 64.0,
        "cycles": 4,
        "finished": True,
        "updated_at": "2026-11-27T10:30:00+00:00",
    }


def test_a_stopped_session_is_kept_too(store: Store) -> None:
    kept = breath_log.record_session(store, preset("sigh"), SessionSummary(20.0, 2), started_at=NOW, finished=False)
    assert kept is not None and (kept.finished, kept.cycles) == (False, 2)


def test_a_few_seconds_are_not_stored(store: Store) -> None:
    summary = SessionSummary(breath_log.MIN_STORED_SECONDS - 0.1, 0)
    assert breath_log.record_session(store, preset("box"), summary, started_at=NOW, finished=False) is None
    assert store.all(breath_log.SESSIONS_TABLE) == []


def test_minutes_this_week_reads_the_stored_sessions(store: Store) -> None:
    monday = datetime(2026, 11, 23, 0, 0)
    for started, seconds in [
        (monday - timedelta(minutes=1), 600.0),  # Sunday night: last week
        (monday, 120.0),
        (NOW - timedelta(hours=2), 90.0),
    ]:
        breath_log.record_session(store, preset("box"), SessionSummary(seconds, 1), started_at=started, finished=True)
    assert breath_log.minutes_this_week(store, NOW) == pytest.approx(3.5)
    assert [s.started_at for s in breath_log.all_sessions(store)] == [
        "2026-11-27T08:30:00+00:00",
        "2026-11-23T00:00:00+00:00",
        "2026-11-22T23:59:00+00:00",
    ]


def test_minutes_this_week_is_zero_with_no_history(store: Store) -> None:
    assert breath_log.minutes_this_week(store, NOW) == 0


@pytest.mark.parametrize(
    ("minutes", "line"),
    [
        (0, "This week is a fresh start: one slow breath is enough to begin."),
        (0.4, "A few calm breaths this week."),
        (1.2, "1 minute of calm this week."),
        (12.5, "13 minutes of calm this week."),
    ],
)
def test_week_line_counts_what_was_done(minutes: float, line: str) -> None:
    assert breath_log.week_line(minutes) == line

"""The journal: debriefs, thought records and feedback read back, searched, and turned into a plan."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion import card_store, journal, pipeline, reframe
from companion.store import Store
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] *x*"


def rejected(store: Store, company: str, *, feedback: str = "") -> pipeline.Application:
    app = pipeline.add_application(store, pipeline.Details(company, "Dev"), now=FIXED_NOW - timedelta(days=20))
    pipeline.move(store, app.id, "rejected", now=FIXED_NOW - timedelta(days=5))
    if feedback:
        pipeline.edit_application(
            store, app.id, pipeline.Details(company, "Dev"), stage="rejected", feedback=feedback, now=FIXED_NOW
        )
    return app


@pytest.fixture
def filled(store: Store) -> Store:
    acme = rejected(store, f"Acme {HOSTILE}", feedback="Strong on testing; system design needs depth")
    pipeline.save_debrief(
        store,
        acme.id,
        4,
        "good rapport",
        "a system design study plan",
        "I stay calmer",
        now=FIXED_NOW - timedelta(days=4),
    )
    rejected(store, "Globex", feedback="We went with someone with more Go")
    record = reframe.make_thought_record(
        "I'll never get hired",
        80,
        30,
        now=FIXED_NOW - timedelta(days=1),
        mood="anxious",
        situation="Heard back from Globex",
        balanced_thought="One no is about one role",
    )
    card_store.save_thought_record(store, record)
    return store


def test_entries_newest_first_with_feedback_beside_its_debrief(filled: Store) -> None:
    found = journal.entries(filled)
    assert [entry.kind for entry in found] == ["feedback", "thought_record", "debrief"]
    feedback, thought, debrief = found
    assert feedback.application == "Globex — Dev" and feedback.feedback == "We went with someone with more Go"
    assert thought.mood_change() == "anxious 80 → 30" and thought.balanced == "One no is about one role"
    assert debrief.application == f"Acme {HOSTILE} — Dev"
    assert (debrief.went_well, debrief.to_try, debrief.grown) == (
        "good rapport",
        "a system design study plan",
        "I stay calmer",
    )
    assert debrief.feedback == "Strong on testing; system design needs depth"
    assert debrief.mood_change() == "feeling 4/10"
    assert debrief.title() == f"Mon 23 Nov 2026 · debrief · Acme {HOSTILE} — Dev"
    assert "  What to try next:" in debrief.lines() and "    a system design study plan" in debrief.lines()


def test_search_needs_every_word_in_any_case(filled: Store) -> None:
    found = journal.entries(filled)
    assert [entry.kind for entry in journal.search(found, "SYSTEM design")] == ["debrief"]  # its feedback counts
    assert [entry.kind for entry in journal.search(found, "globex")] == ["feedback", "thought_record"]
    assert journal.search(found, "design nowhere") == []


def test_json_has_a_date_and_every_field(filled: Store) -> None:
    record = journal.entries(filled)[-1].to_json()
    assert record["date"] == "2026-11-23" and record["kind"] == "debrief" and record["feeling"] == 4
    assert set(record) >= {"went_well", "to_try", "grown", "feedback", "mood", "before", "after", "application"}


def test_what_to_try_next_becomes_a_plan_item_or_goal_and_back(filled: Store) -> None:
    debrief = journal.entries(filled)[-1]
    item, added = journal.toggle_plan(filled, debrief, journal.LEARNING_GOAL, now=FIXED_NOW)
    assert added and item.line() == "Learning goal: a system design study plan"
    assert [i.text for i in journal.plan_items(filled)] == ["a system design study plan"]
    _item, added = journal.toggle_plan(filled, debrief, journal.PLAN_ITEM, now=FIXED_NOW)
    assert not added and journal.plan_items(filled) == []


def test_an_entry_without_anything_to_try_is_refused_kindly(filled: Store) -> None:
    thought = journal.entries(filled)[1]
    with pytest.raises(journal.PlanError, match="no “what to try next”"):
        journal.toggle_plan(filled, thought, journal.PLAN_ITEM, now=FIXED_NOW)
    assert journal.plan_items(filled) == []


def test_an_empty_journal_says_what_will_come(store: Store) -> None:
    assert journal.entries(store) == []
    assert "journal is empty for now" in journal.empty_line(searching=False)
    assert "Nothing in the journal matches" in journal.empty_line(searching=True)

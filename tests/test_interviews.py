"""Interviews as records: the day+time parser, checks, the stage move, reading hand-edited records, words."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from companion import event_wins, interviews, pipeline, wins
from companion.dates import DateParseError, parse_user_datetime, timestamp
from companion.interviews import InterviewError, Plan
from companion.store import Store
from tests.conftest import FIXED_NOW  # Friday 27 Nov 2026, 10:30


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-04 14:00", datetime(2026, 12, 4, 14, 0)),
        ("2026-12-04T14:00", datetime(2026, 12, 4, 14, 0)),
        ("today 14:00", datetime(2026, 11, 27, 14, 0)),
        ("tomorrow 9:30", datetime(2026, 11, 28, 9, 30)),
        ("fri 10:00", datetime(2026, 12, 4, 10, 0)),  # a weekday is the next one, as for follow-ups
        ("mon 10:00", datetime(2026, 11, 30, 10, 0)),
        ("+2d 15:00", datetime(2026, 11, 29, 15, 0)),
        ("2pm", datetime(2026, 11, 27, 14, 0)),
        ("Tomorrow 2 PM", datetime(2026, 11, 28, 14, 0)),
        ("12am", datetime(2026, 11, 27, 0, 0)),
        ("14h", datetime(2026, 11, 27, 14, 0)),
        ("tue 14h30", datetime(2026, 12, 1, 14, 30)),
        ("9.15", datetime(2026, 11, 27, 9, 15)),
    ],
)
def test_day_and_time_as_people_type_them(text: str, expected: datetime) -> None:
    assert parse_user_datetime(text, FIXED_NOW) == expected


def test_looking_back_reads_a_weekday_as_the_latest_one() -> None:
    assert parse_user_datetime("wed 10:00", FIXED_NOW, looking_back=True) == datetime(2026, 11, 25, 10, 0)


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "no time given"),
        ("tomorrow", "has no time of day"),
        ("25:00", "has no time of day"),
        ("13pm", "has no time of day"),
        ("fri 10:61", "has no time of day"),
        ("2026-02-30 10:00", "is not a real date"),
        ("someday 10:00", "is not a date I can read"),
    ],
)
def test_times_that_cannot_be_read_say_what_works(text: str, words: str) -> None:
    with pytest.raises(DateParseError, match=words):
        parse_user_datetime(text, FIXED_NOW)


def _application(store: Store, stage: str = "applied", company: str = "Acme") -> pipeline.Application:
    return pipeline.add_application(store, pipeline.Details(company=company, role="Dev"), stage=stage, now=FIXED_NOW)


def test_adding_stores_the_contract_format(store: Store) -> None:
    application = _application(store)
    plan = Plan(
        when="tomorrow 9:30",
        minutes="45",
        kind="take-home",
        with_whom=" Sam \x1b[31m",
        where="Room 3",
        notes="[TODO] [/]\n  second line  ",
    )
    added = interviews.add_interview(store, application, plan, now=FIXED_NOW)
    [record] = store.all(interviews.TABLE)
    assert record["starts_at"] == timestamp(datetime(2026, 11, 28, 9, 30))
    assert {key: record[key] for key in ("application_id", "minutes", "kind", "with", "where", "notes")} == {
        "application_id": application.id,
        "minutes": 45,
        "kind": "take_home",
        "with": "Sam",
        "where": "Room 3",
        "notes": "[TODO] [/]\n  second line",
    }
    assert record["created_at"] == record["updated_at"] == timestamp(FIXED_NOW)
    assert added.interview.ends_at == datetime(2026, 11, 28, 10, 15)


@pytest.mark.parametrize(
    "stage, moved", [("wishlist", True), ("applied", True), ("screening", False), ("offer", False)]
)
def test_an_early_application_moves_to_interviewing_with_its_history(store: Store, stage: str, moved: bool) -> None:
    application = _application(store, stage)
    added = interviews.add_interview(store, application, Plan(when="tomorrow 9:30"), now=FIXED_NOW)
    after = pipeline.find_application(store, application.id)
    assert (after.stage == "interviewing") is moved
    assert bool(added.moved_words()) is moved
    if moved:
        assert [entry["stage"] for entry in after.history] == [stage, "interviewing"]
        assert added.moved_words() == f"Moved Acme from {stage} to interviewing."


def test_several_interviews_per_application_in_time_order(store: Store) -> None:
    application = _application(store)
    for when in ("fri 10:00", "tomorrow 9:30", "mon 14:00"):
        interviews.add_interview(store, application, Plan(when=when), now=FIXED_NOW)
    starts = [interview.starts_at.date().isoformat() for interview in interviews.for_application(store, application.id)]
    assert starts == ["2026-11-28", "2026-11-30", "2026-12-04"]


@pytest.mark.parametrize(
    "plan, words",
    [
        (Plan(when="yesterday 10:00"), "has passed; to log an interview that already happened, add --past"),
        (Plan(when="tomorrow 10:00", minutes="0"), "from 1 to 720"),
        (Plan(when="tomorrow 10:00", minutes="721"), "from 1 to 720"),
        (Plan(when="tomorrow 10:00", minutes="an hour"), "is not a length"),
        (Plan(when="tomorrow 10:00", kind="coffee"), "is not a kind of interview; use one of: phone, video"),
        (Plan(when="tomorrow 10:00", kind="p"), "is not a kind"),  # phone or panel
        (Plan(when="tomorrow 10:00", with_whom="x" * 501), "please keep it to 500"),
        (Plan(), "needs a day and a time"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_written(store: Store, plan: Plan, words: str) -> None:
    application = _application(store)
    with pytest.raises(InterviewError, match=words):
        interviews.add_interview(store, application, plan, now=FIXED_NOW)
    assert store.all(interviews.TABLE) == []
    assert pipeline.find_application(store, application.id).stage == "applied"


def test_a_past_interview_can_be_logged(store: Store) -> None:
    added = interviews.add_interview(store, _application(store), Plan(when="yesterday 10:00"), now=FIXED_NOW, past=True)
    assert added.interview.starts_at == datetime(2026, 11, 26, 10, 0)
    assert interviews.upcoming(store, FIXED_NOW) == []


def test_upcoming_keeps_one_in_progress_and_honours_days(store: Store) -> None:
    application = _application(store)
    for when in ("today 10:00", "tomorrow 9:00", "+5d 9:00"):
        interviews.add_interview(store, application, Plan(when=when), now=FIXED_NOW - timedelta(hours=1))
    soon = interviews.upcoming(store, FIXED_NOW, days=2)
    assert [interview.starts_at.day for interview in soon] == [27, 28]  # 10:00-11:00 is still going at 10:30
    assert len(interviews.upcoming(store, FIXED_NOW)) == 3
    assert interviews.ended_today(store, FIXED_NOW + timedelta(hours=1)) == soon[:1]


def test_hand_edited_records_are_read_tolerantly(store: Store) -> None:
    store.insert(interviews.TABLE, {"application_id": "x", "starts_at": "not a time"})
    store.insert(
        interviews.TABLE,
        {
            "application_id": "x",
            "starts_at": "2026-12-01T10:00:00+01:00",
            "minutes": "lots",
            "kind": "chat",
            "with": None,
        },
    )
    store.insert(interviews.TABLE, {"starts_at": "2026-11-30T08:00:00", "minutes": True})
    found = interviews.all_interviews(store)
    assert [(i.minutes, i.kind, i.with_whom) for i in found] == [(60, "other", ""), (60, "other", "")]
    assert found[0].starts_at == datetime(2026, 11, 30, 8, 0)


def test_edit_changes_only_what_is_given_and_checks_a_new_time(store: Store) -> None:
    added = interviews.add_interview(
        store, _application(store), Plan(when="tomorrow 9:30", with_whom="Sam"), now=FIXED_NOW
    )
    edited = interviews.edit_interview(store, added.interview.id, Plan(minutes="90"), now=FIXED_NOW)
    assert (edited.minutes, edited.with_whom, edited.starts_at) == (90, "Sam", added.interview.starts_at)
    with pytest.raises(InterviewError, match="has passed"):
        interviews.edit_interview(store, added.interview.id, Plan(when="yesterday 9:00"), now=FIXED_NOW)
    later = FIXED_NOW + timedelta(days=3)  # the interview is over; its notes can still be written
    assert interviews.edit_interview(store, added.interview.id, Plan(notes="went well"), now=later).notes == "went well"


def test_find_by_prefix_refuses_unknown_and_ambiguous(store: Store) -> None:
    store.insert(interviews.TABLE, {"id": "abc1", "starts_at": "2026-12-01T10:00:00+00:00"})
    store.insert(interviews.TABLE, {"id": "abc2", "starts_at": "2026-12-01T10:00:00+00:00"})
    assert interviews.find_interview(store, "ABC1").id == "abc1"
    with pytest.raises(InterviewError, match="fits 2 interviews"):
        interviews.find_interview(store, "abc")
    with pytest.raises(InterviewError, match="no interview has an id starting with 'zz'"):
        interviews.find_interview(store, "zz")


def test_words_for_cards_and_the_thank_you_note(store: Store) -> None:
    application = _application(store)
    interview = interviews.add_interview(
        store, application, Plan(when="2026-12-03 14:00", with_whom="Sam"), now=FIXED_NOW
    ).interview
    assert interviews.card_line(interview) == "Interview Thu 3 Dec 14:00"
    note = interviews.thank_you_message(application, interview)
    assert "Hello Sam," in note and "the Dev role at Acme" in note
    signed = interviews.thank_you_message(application, interview, "Ada [b]Lovelace")
    assert signed.rstrip().endswith("Ada [b]Lovelace") and not note.rstrip().endswith("Ada [b]Lovelace")
    assert interviews.as_json(interview, application)["starts_at"] == timestamp(datetime(2026, 12, 3, 14, 0))


@pytest.mark.parametrize("mode, logged", [("always", 1), ("ask", 0), ("never", 0)])
def test_event_wins_follow_the_setting(store: Store, mode: str, logged: int) -> None:
    application = pipeline.move(store, _application(store).id, "screening", now=FIXED_NOW).application
    line = event_wins.after_command(store, mode, event_wins.stage_win(application), now=FIXED_NOW)
    assert len(wins.all_wins(store)) == logged
    assert line.startswith("That counts as a win if you like: companion win ") if mode == "ask" else True
    assert (line == "") is (mode == "never")
    for words in (event_wins.stage_win(application), event_wins.interview_win(application)):
        assert words and not any(loss in words.lower() for loss in ("fail", "lost", "only"))

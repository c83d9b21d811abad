"""Records declared once (companion.records): every field replaceable, tolerant reading, CSV names, Typed."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from companion import interviews, people, pipeline, records, reframe
from companion.breath_log import BreathSession
from companion.records import Record, field
from companion.reframe import Card, ThoughtRecord
from companion.store import Store
from companion.wins import Win
from tests.conftest import FIXED_NOW


def test_replace_works_for_every_field_of_an_application() -> None:
    app = pipeline.Application("Acme", "Dev")
    marker = object()
    for declared in pipeline.Application.FIELDS:
        changed = app.replace(**{declared.name: marker})
        assert getattr(changed, declared.name) is marker and changed != app
    with pytest.raises(TypeError, match="no field 'colour'"):
        app.replace(colour="red")


def test_a_hand_edited_record_reads_with_defaults_and_round_trips() -> None:
    app = pipeline.Application.from_record(
        {
            "company": None,
            "stage": "lost",
            "tags": "x",
            "salary_min": True,
            "feedback": [1],
            "history": [3, {"stage": "applied"}],
        }
    )
    read = (app.company, app.stage, app.tags, app.salary_min, app.feedback)
    assert read == ("", "applied", [], None, pipeline.Feedback())
    assert app.history == [{"stage": "applied", "at": ""}]
    assert pipeline.Application.from_record(app.to_record()) == app
    assert Win.from_record({}).tags == [] and Win.from_record({}).tags is not Win.from_record({}).tags


def test_csv_columns_flatten_the_nested_feedback_and_aliases_include_the_header() -> None:
    columns = [(header, key) for header, key, _ in pipeline.Application.csv_columns()]
    assert ("Feedback Requested", "feedback_requested_on") in columns and ("Date Applied", "applied_on") in columns
    assert pipeline.Application.header_aliases()["applied_on"][0] == "dateapplied"
    app = pipeline.Application("Acme", "Dev", feedback=pipeline.Feedback(text="kind words"))
    assert app.csv_values()["feedback_text"] == "kind words"


def test_details_are_the_form_fields_cleaned_and_checked() -> None:
    details = pipeline.Details(" Acme\x1b[31m ", "Dev", applied_on=date(2026, 11, 20), url="x" * 501)
    with pytest.raises(pipeline.ApplicationError, match="the URL is 501 characters"):
        details.cleaned()
    clean = details.replace(url="").cleaned()
    assert clean.company == "Acme" and clean.changes()["applied_on"] == "2026-11-20"
    with pytest.raises(pipeline.ApplicationError, match="please fill in the company and the role"):
        pipeline.Details("", " ").cleaned()
    with pytest.raises(TypeError):
        pipeline.Details("Acme", "Dev", stage="applied")  # the stage is not typed in a box


def test_frozen_records_refuse_changes_and_bare_annotations_are_refused() -> None:
    breadth = pipeline.Breadth(2, 5)
    with pytest.raises(AttributeError, match="frozen"):
        breadth.active = 3  # type: ignore[misc]
    assert hash(breadth) == hash(pipeline.Breadth(2, 5))
    with pytest.raises(TypeError, match="declare it with field"):

        class Broken(Record):
            name: str


# BreathSession, Card and ThoughtRecord: stored records as the data file holds them (issue 13: the format is unchanged).
STORED_RECORDS: list[tuple[type[Record], dict[str, object]]] = [
    (
        BreathSession,
        {
            "pattern_id": "box",
            "pattern_name": "Box [TODO]",
            "started_at": "2025-03-14T09:30:00+00:00",
            "seconds": 63.5,
            "cycles": 4,
            "finished": False,
            "id": "s1",
        },
    ),
    (
        Card,
        {
            "id": "c1",
            "thought": "I'm behind [/]",
            "distortion": "should-statements",
            "reframe": "I'm on my own path",
            "question": "Who says so?",
            "action": "Write one win",
            "keywords": ["behind", "late"],
            "source": "mine",
            "created_at": "2025-03-14T09:30:00+00:00",
        },
    ),
    (
        ThoughtRecord,
        {
            "automatic_thought": "I'll never get hired",
            "intensity_before": 85,
            "mood": "anxious",
            "situation": "A rejection email\nafter the final round",
            "application_id": "app1",
            "distortions": ["fortune-telling", "overgeneralisation"],
            "evidence_for": "No offers yet",
            "evidence_against": "Two final rounds",
            "balanced_thought": "Searches end; this one will too.",
            "intensity_after": 40,
            "created_at": "2025-03-14T09:30:00+00:00",
            "id": "r1",
        },
    ),
]


@pytest.mark.parametrize(("kind", "stored"), STORED_RECORDS, ids=[kind.__name__ for kind, _ in STORED_RECORDS])
def test_breathing_and_reframe_records_round_trip_unchanged_and_replace_every_field(
    kind: type[Record], stored: dict[str, object]
) -> None:
    record = kind.from_record(stored)
    assert record.to_record() == stored and list(record.to_record()) == list(stored)  # same keys, same order
    assert kind.from_record(record.to_record()) == record
    marker = object()
    for declared in kind.FIELDS:
        changed = record.replace(**{declared.name: marker})
        assert getattr(changed, declared.name) is marker and changed != record
    assert record.to_record() == stored  # the original is untouched


def test_the_bundled_deck_reads_as_its_file_says_and_hand_edited_records_still_read() -> None:
    deck = json.loads((Path(reframe.__file__).parent / "data" / "cards.json").read_text(encoding="utf-8"))["card"]
    assert [card.to_record() for card in reframe.load_deck()] == [
        {"question": "", "action": "", **item, "source": "deck", "created_at": ""} for item in deck
    ]
    card = Card.from_record({"id": "x", "thought": None, "keywords": "one", "source": "elsewhere"})
    assert (card.thought, card.keywords, card.source, card.reframe) == ("", (), "mine", "")
    session = BreathSession.from_record({"seconds": "about a minute", "cycles": "12", "finished": 1})
    assert (session.seconds, session.cycles, session.finished, session.id) == (0.0, 12, True, "")
    thought = ThoughtRecord.from_record({"intensity_before": None, "intensity_after": "40", "application_id": ""})
    assert (thought.intensity_before, thought.intensity_after, thought.application_id) == (0, None, None)
    assert thought.distortions == [] and thought.automatic_thought == ""


# Interview and Person (issue 13): read from what the app stores, through the real store.
PEOPLE_AND_INTERVIEWS = [interviews.Interview("i1", "a1", datetime(2026, 12, 4, 14, 0)), people.Person("Ana")]


@pytest.mark.parametrize("record", PEOPLE_AND_INTERVIEWS, ids=lambda record: type(record).__name__)
def test_replace_works_for_every_field_of_interviews_and_people(record: Record) -> None:
    marker = object()
    for declared in record.FIELDS:
        changed = record.replace(**{declared.name: marker})
        assert getattr(changed, declared.name) is marker and changed != record
    with pytest.raises(TypeError, match="no field 'colour'"):
        record.replace(colour="red")


def test_interviews_and_people_round_trip_their_stored_records_unchanged(store: Store) -> None:
    app = pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    plan = interviews.Plan("tomorrow 9:30", "45", "video", "Sam [b]", "Zoom", "notes\nsecond line")
    interviews.add_interview(store, app, plan, now=FIXED_NOW)
    details = people.Details("Ana", "Acme", "Dev", "mentor", "ana@example.com", notes="met at a meetup")
    ana = people.add_person(store, details, application_ids=[app.id], now=FIXED_NOW)
    people.add_touchpoint(store, ana.id, "coffee chat", on=FIXED_NOW.date(), now=FIXED_NOW)
    for kind, table in ((interviews.Interview, interviews.TABLE), (people.Person, people.TABLE)):
        (stored,) = store.all(table)
        assert kind.from_record(stored).to_record() == stored
    (stored,) = store.all(people.TABLE)
    assert list(people.Person.from_record(stored).to_record()) == sorted(stored)  # `people --json` key order
    assert interviews.Interview.from_record(store.all(interviews.TABLE)[0]).with_whom == "Sam [b]"


def test_hand_edited_people_and_interviews_read_with_defaults() -> None:
    odd = people.Person.from_record({"name": None, "how_met": "alien", "touchpoints": [3, {"on": "x"}], "url": 7})
    read = (odd.name, odd.how_met, odd.touchpoints, odd.url, odd.application_ids)
    assert read == ("", "", [{"on": "x", "text": ""}], "7", [])
    interview = interviews.Interview.from_record({"starts_at": "2026-12-04T14:00:00+00:00", "minutes": True, "kind": 3})
    assert (interview.minutes, interview.kind, interview.with_whom) == (interviews.DEFAULT_MINUTES, "other", "")
    with pytest.raises(ValueError):  # no start, no interview: companion.interviews reads such a record as none
        interviews.Interview.from_record({"starts_at": "soon"})


HOSTILE = [None, 5, 0, True, 2.5, "text", "", ["a", 1], {"nested": "dict"}, [{"stage": "applied"}]]
BASE = {"starts_at": "2026-12-02T10:00:00+00:00"}  # an interview without a start is no interview (it raises)


def _record_classes() -> list[type[Record]]:
    found, todo = [], [*Record.__subclasses__()]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.FIELDS]


@pytest.mark.parametrize("cls", _record_classes(), ids=lambda cls: cls.__name__)
def test_every_record_reads_any_stored_value_of_any_field_tolerantly(cls: type[Record]) -> None:
    """The compiled reader: text fields give text, lists lists of text, numbers whole numbers or None."""
    for hostile in HOSTILE:
        for declared in cls.FIELDS:
            if declared.read is not None:
                try:
                    expected = declared.read(hostile)
                except ValueError:
                    with pytest.raises(ValueError):
                        cls.from_record({**BASE, declared.key: hostile})
                    continue
                assert getattr(cls.from_record({**BASE, declared.key: hostile}), declared.name) == expected
                continue
            value = getattr(cls.from_record({**BASE, declared.key: hostile}), declared.name)
            if declared.nested is not None:
                assert value == declared.nested.from_record(hostile if isinstance(hostile, dict) else {})
            elif declared.kind in ("strings", "days"):
                assert value == ([str(item) for item in hostile] if isinstance(hostile, list) else [])
            elif declared.kind == "int":
                assert value == (hostile if type(hostile) is int else None)
            elif hostile is None:
                default = declared.make_default()
                assert value == ("" if default is records._MISSING else default)
            else:
                assert value == str(hostile) and type(value) is str
        assert cls.from_record(BASE) == cls.from_record(
            {**BASE, "unknown": "field"}
        )  # what it does not know is left out


def test_a_field_made_by_a_factory_reads_a_stored_null_as_its_default() -> None:
    """A text-kind field whose default is made (today.TodayState.people_follow_ups): null gives a new one."""

    class Listed(Record):
        items: list[str] = field(default_factory=list)

    first, second = Listed.from_record({"items": None}), Listed.from_record({})
    assert first.items == second.items == [] and first.items is not second.items

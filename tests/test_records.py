"""Records declared once (companion.records): every field replaceable, tolerant reading, CSV names, Typed."""

from __future__ import annotations

from datetime import date

import pytest

from companion import pipeline
from companion.records import Record
from companion.wins import Win


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
        {"company": None, "stage": "lost", "tags": "x", "salary_min": True, "feedback": [1],
         "history": [3, {"stage": "applied"}]}
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

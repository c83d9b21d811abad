"""People: records, checks, finding, touchpoints, links, follow-ups, referrals and giving back."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest

from companion import follow_up_digest, people, pipeline
from companion.calendar_ics import calendar_text
from companion.store import Store
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
HOSTILE_NAME = "[TODO] [/] Ana \u05e9\u05dc\u05d5\u05dd \x1b[31mred\x07"


def add(store: Store, name: str, **fields: object) -> people.Person:
    return people.add_person(store, people.Details(name, **fields), now=FIXED_NOW)  # type: ignore[arg-type]


def application(store: Store, company: str = "Acme", **fields: object) -> pipeline.Application:
    details = pipeline.Details(company, "Dev", **fields)  # type: ignore[arg-type]
    return pipeline.add_application(store, details, now=FIXED_NOW)


def test_a_person_is_stored_with_every_field_and_read_back(store: Store) -> None:
    app = application(store)
    person = people.add_person(
        store,
        people.Details(
            "Ana Lima",
            "Acme",
            "Recruiter",
            "Hiring manager",
            "ana@acme.io",
            "https://li.example/ana",
            "met at a meetup",
            TODAY + timedelta(days=3),
        ),
        application_ids=[app.id],
        now=FIXED_NOW,
    )
    [record] = store.all(people.TABLE)
    assert record["id"] == person.id and record["created_at"] == record["updated_at"]
    assert people.Person.from_record(record) == person
    assert (person.how_met, person.follow_up_on, person.application_ids) == ("hiring_manager", "2026-11-30", [app.id])
    assert person.touchpoints == []


def test_text_is_cleaned_but_kept_literally(store: Store) -> None:
    person = add(store, HOSTILE_NAME, company="[/] Co", notes="line one\n[bold]two[/]")
    assert person.name == "[TODO] [/] Ana \u05e9\u05dc\u05d5\u05dd red"
    assert (person.company, person.notes) == ("[/] Co", "line one\n[bold]two[/]")


@pytest.mark.parametrize("name", ["", "   ", "\x1b[0m\x07"])
def test_an_empty_name_is_refused_and_nothing_is_written(store: Store, name: str) -> None:
    with pytest.raises(people.PersonError, match="name"):
        add(store, name)
    assert store.all(people.TABLE) == []


def test_long_names_are_refused_with_the_limit(store: Store) -> None:
    assert add(store, "x" * 200).name == "x" * 200
    with pytest.raises(people.PersonError, match="201 characters; please keep it to 200"):
        add(store, "x" * 201)


@pytest.mark.parametrize(
    "field, value",
    [
        ("email", "ana"),
        ("email", "ana@acme"),
        ("email", "a b@c.io"),
        ("url", "linkedin.com/in/ana"),
        ("url", "https://"),
        ("url", "ftp://x.io"),
    ],
)
def test_a_mistyped_email_or_link_is_a_warning_kept_only_when_insisted(store: Store, field: str, value: str) -> None:
    details = people.Details("Ana", **{field: value})  # type: ignore[arg-type]
    with pytest.raises(people.PersonWarning, match="does not look like"):
        people.add_person(store, details, now=FIXED_NOW)
    assert store.all(people.TABLE) == []
    kept = people.add_person(store, details, now=FIXED_NOW, insist=True)
    assert getattr(kept, field) == value


@pytest.mark.parametrize(
    "email, url",
    [("ana@acme.io", "https://www.linkedin.com/in/ana-lima/"), ("a.b+c@mail.co.uk", "http://localhost:8000/x?y=1#z")],
)
def test_good_emails_and_links_pass(store: Store, email: str, url: str) -> None:
    assert add(store, "Ana", email=email, url=url).email == email


def test_how_met_reads_as_people_type_it() -> None:
    assert people.parse_how_met("Hiring manager") == "hiring_manager"
    assert people.parse_how_met("hiring-manager") == "hiring_manager"
    assert people.parse_how_met("ment") == "mentor"
    assert people.parse_how_met("") == ""
    with pytest.raises(people.PersonError, match="recruiter, referrer"):
        people.parse_how_met("re")  # recruiter or referrer: too short to tell


def test_find_by_exact_name_start_of_name_or_id(store: Store) -> None:
    ana = add(store, "Ana Lima")
    anabel = add(store, "Anabel")
    bo = add(store, "Bo")
    assert people.find_person(store, "ana lima") == ana
    assert people.find_person(store, "ANA LIMA") == ana
    assert people.find_person(store, "anab") == anabel
    assert people.find_person(store, bo.id[:6]) == bo
    with pytest.raises(people.PersonError, match="fits 2 people") as error:
        people.find_person(store, "ana")
    assert ana.id[:8] in str(error.value) and anabel.id[:8] in str(error.value)
    with pytest.raises(people.PersonError, match="nobody"):
        people.find_person(store, "Zed")


def test_exact_name_wins_over_a_longer_name(store: Store) -> None:
    ana = add(store, "Ana")
    add(store, "Ana Lima")
    assert people.find_person(store, "Ana") == ana


def test_edit_changes_only_the_given_fields(store: Store) -> None:
    person = add(store, "Ana", company="Acme", notes="kind")
    store.update(people.TABLE, person.id, {"notes": "changed elsewhere"})
    edited = people.edit_person(store, person.id, {"role": "EM"}, now=FIXED_NOW + timedelta(hours=1))
    assert (edited.role, edited.company, edited.notes) == ("EM", "Acme", "changed elsewhere")
    assert edited.updated_at > person.updated_at
    with pytest.raises(people.PersonError, match="name"):
        people.edit_person(store, person.id, {"name": " "}, now=FIXED_NOW)


def test_a_touchpoint_is_logged_and_answers_a_due_follow_up(store: Store) -> None:
    person = add(store, "Ana", follow_up_on=TODAY)
    noted = people.add_touchpoint(store, person.id, "coffee chat [/]", on=TODAY, now=FIXED_NOW)
    assert noted.touchpoints == [{"on": "2026-11-27", "text": "coffee chat [/]"}]
    assert noted.follow_up_on == ""
    later = people.set_follow_up(store, person.id, TODAY + timedelta(days=7), now=FIXED_NOW)
    assert people.add_touchpoint(store, person.id, "sent thanks", on=TODAY, now=FIXED_NOW).follow_up == later.follow_up
    with pytest.raises(people.PersonError, match="few words"):
        people.add_touchpoint(store, person.id, "  ", on=TODAY, now=FIXED_NOW)


def test_follow_ups_due_and_their_words(store: Store) -> None:
    add(store, "Later", follow_up_on=TODAY + timedelta(days=4))
    ana = add(store, "Ana", company="Acme", follow_up_on=TODAY)
    store.update(people.TABLE, ana.id, {"follow_up_on": "2026-11-23"})  # planned earlier, now overdue
    bo = add(store, "Bo", follow_up_on=TODAY)
    due = people.follow_ups_due(people.all_people(store), TODAY)
    assert [person.name for person in due] == ["Ana", "Bo"]
    assert people.describe_follow_up(due[0], TODAY) == "get in touch since Mon 23 Nov"
    assert people.describe_follow_up(bo, TODAY) == "get in touch today"
    assert people.due_follow_up_lines(store, TODAY) == [
        "Ana (Acme): get in touch since Mon 23 Nov",
        "Bo: get in touch today",
    ]


def test_the_follow_up_digest_has_people_after_applications(store: Store) -> None:
    application(store, follow_up_on=TODAY)
    add(store, "Ana", follow_up_on=TODAY)
    assert follow_up_digest.due_follow_up_lines(store, TODAY) == [
        "Acme — Dev: follow up today",
        "Ana: get in touch today",
    ]


def test_a_follow_up_in_the_past_is_refused() -> None:
    with pytest.raises(people.PersonError, match="has passed"):
        people.parse_follow_up("yesterday", TODAY)
    assert people.parse_follow_up("", TODAY) is None
    assert people.parse_follow_up("+2w", TODAY) == date(2026, 12, 11)
    assert people.parse_follow_up("2026-11-23", TODAY, keep="2026-11-23") == date(2026, 11, 23)  # left as planned


def test_links_toggle_and_an_application_shows_its_people(store: Store) -> None:
    acme, globex = application(store), application(store, "Globex")
    ana = add(store, "Ana", how_met="recruiter")
    person, linked = people.toggle_link(store, ana.id, acme.id, now=FIXED_NOW)
    assert linked and person.application_ids == [acme.id]
    add(store, "Bo")
    people.add_person(store, people.Details("Cy"), application_ids=[acme.id, globex.id], now=FIXED_NOW)
    assert [p.name for p in people.people_of(store, acme.id)] == ["Ana", "Cy"]
    assert people.application_people_line(store, acme.id) == "people: Ana (recruiter), Cy"
    person, linked = people.toggle_link(store, ana.id, acme.id, now=FIXED_NOW)
    assert not linked and person.application_ids == []
    pipeline.delete_application(store, globex.id)
    cy = people.find_person(store, "Cy")
    assert [app.company for app in people.linked_applications(store, cy)] == ["Acme"]


def test_linking_a_referrer_names_them_as_the_source(store: Store) -> None:
    plain, sourced = application(store), application(store, "Globex", source="job board")
    ana = people.add_person(
        store, people.Details("Ana [/]", how_met="referrer"), application_ids=[plain.id, sourced.id], now=FIXED_NOW
    )
    referred = pipeline.find_application(store, plain.id)
    assert referred.source == "referral: Ana [/]"
    assert people.referrer_name(referred) == "Ana [/]" and people.is_referral(referred)
    assert pipeline.find_application(store, sourced.id).source == "job board"  # never overwritten
    assert people.find_person(store, people.referrer_name(referred)) == ana
    peer = add(store, "Bo", how_met="peer")
    people.toggle_link(store, peer.id, application(store, "Initech").id, now=FIXED_NOW)
    assert pipeline.find_application(store, "Initech").source == ""


def test_giving_back_is_suggested_on_one_day_only(store: Store) -> None:
    app = application(store)
    ana = add(store, "Ana")
    people.toggle_link(store, ana.id, app.id, now=FIXED_NOW)
    assert people.giving_back(store, pipeline.all_applications(store), TODAY) is None
    pipeline.move(store, app.id, "accepted", now=FIXED_NOW)
    suggestion = people.giving_back(store, pipeline.all_applications(store), TODAY)
    assert suggestion is not None and [p.name for p in suggestion.people] == ["Ana"]
    assert "thank-you" in suggestion.line() and "Ana" in suggestion.line() and "someone earlier" in suggestion.line()
    people.mark_giving_back_shown(store, suggestion, TODAY, now=FIXED_NOW)
    people.mark_giving_back_shown(store, suggestion, TODAY, now=FIXED_NOW)
    assert len(store.all(people.STATE_TABLE)) == 1
    again = people.giving_back(store, pipeline.all_applications(store), TODAY)
    assert again is not None and again.first_shown == "2026-11-27"  # the rest of that day, still there
    assert people.giving_back(store, pipeline.all_applications(store), TODAY + timedelta(days=1)) is None


def test_people_follow_ups_are_all_day_events_in_the_calendar(store: Store) -> None:
    add(store, "Ana, [TODO]; x", company="Acme", follow_up_on=TODAY + timedelta(days=2))
    add(store, "No plan")
    calendar = icalendar.Calendar.from_ical(calendar_text(store, now=FIXED_NOW, extra=people.calendar_events(store)))
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["SUMMARY"]) == "Get in touch: Ana, [TODO]; x (Acme)"
    assert event.decoded("DTSTART") == date(2026, 11, 29)


def test_hand_edited_records_read_tolerantly(store: Store) -> None:
    store.insert(people.TABLE, {"name": "Odd", "touchpoints": "x", "application_ids": 3, "how_met": "boss"})
    [odd] = people.all_people(store)
    assert (odd.touchpoints, odd.application_ids, odd.how_met) == ([], [], "")

"""The .ics export, read back by two independent parsers (icalendar and vobject), as calendar apps would."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from companion import calendar_ics, interviews, pipeline
from companion.cli import main
from companion.store import Store
from tests.conftest import FIXED_NOW

HOSTILE = [
    "Acme, Inc; EMEA",
    "line one\nline two, with; all\\ of it",
    "Rocket 🚀 team 👩🏽‍💻 ünïcödé",
    "[TODO] [/] [bold]x[/bold]",
    "ж" * 150 + "é" * 150,  # 300 characters, all two octets: folds may never split one
]


@pytest.fixture
def berlin() -> Iterator[None]:
    """Local time in Europe/Berlin, so naive local times really differ from UTC."""
    import os

    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _application(
    store: Store, company: str = "Acme", role: str = "Dev", follow_up: date | None = None
) -> pipeline.Application:
    details = pipeline.Details(company=company, role=role, follow_up_on=follow_up)
    return pipeline.add_application(store, details, now=FIXED_NOW)


def _add(store: Store, application: pipeline.Application, when: str, **plan: str) -> interviews.Interview:
    return interviews.add_interview(store, application, interviews.Plan(when=when, **plan), now=FIXED_NOW).interview


def _parse_both(text: str) -> tuple[list[icalendar.Event], list[vobject.base.Component]]:
    calendar = icalendar.Calendar.from_ical(text)
    parsed = vobject.readOne(text)
    return list(calendar.walk("VEVENT")), list(parsed.vevent_list)


def test_interview_is_a_timed_event_in_utc_that_both_parsers_read(store: Store, berlin: None) -> None:
    application = _application(store)
    interview = _add(
        store,
        application,
        "2026-12-04 14:00",
        minutes="45",
        kind="video",
        with_whom="Sam",
        where="https://meet.example/abc",
        notes="Bring the portfolio",
    )
    text = calendar_ics.calendar_text(store, now=FIXED_NOW)
    [ical], [vevent] = _parse_both(text)
    start = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)  # 14:00 in Berlin in winter
    assert ical.decoded("DTSTART") == start
    assert (ical.decoded("DTEND") - ical.decoded("DTSTART")).total_seconds() == 45 * 60
    assert vevent.dtstart.value == start
    assert str(ical["SUMMARY"]) == vevent.summary.value == "Acme — Dev, video"
    assert str(ical["URL"]) == vevent.url.value == "https://meet.example/abc"
    assert vevent.description.value == "With: Sam\n\nBring the portfolio"
    assert vevent.uid.value == f"{interview.id}-interview@companion"
    calendar = icalendar.Calendar.from_ical(text)
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"])) == ("2.0", "GREGORIAN")
    assert calendar["PRODID"]


def test_summer_time_is_converted_too(store: Store, berlin: None) -> None:
    _add(store, _application(store), "2027-07-01 09:30")
    [ical], [vevent] = _parse_both(calendar_ics.calendar_text(store, now=FIXED_NOW))
    assert ical.decoded("DTSTART") == vevent.dtstart.value == datetime(2027, 7, 1, 7, 30, tzinfo=UTC)


def test_follow_up_is_an_all_day_event_ending_the_next_day(store: Store) -> None:
    application = _application(store, follow_up=date(2026, 12, 31))
    [ical], [vevent] = _parse_both(calendar_ics.calendar_text(store, now=FIXED_NOW))
    assert ical.decoded("DTSTART") == vevent.dtstart.value == date(2026, 12, 31)
    assert ical.decoded("DTEND") == vevent.dtend.value == date(2027, 1, 1)
    assert vevent.uid.value == f"{application.id}-follow-up@companion"
    assert vevent.summary.value == "Follow up: Acme — Dev"


def test_uids_and_text_are_stable_across_exports(store: Store) -> None:
    application = _application(store, follow_up=date(2026, 12, 4))
    _add(store, application, "fri 10:00")
    first = calendar_ics.calendar_text(store, now=FIXED_NOW)
    later = calendar_ics.calendar_text(store, now=datetime(2027, 3, 1, 8, 0))
    assert first == later  # DTSTAMP is when the record changed, not when it was exported
    uids = [event.uid.value for event in vobject.readOne(first).vevent_list]
    assert len(set(uids)) == 2


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_through_both_parsers(store: Store, text: str) -> None:
    application = _application(store, company=text[:200], role="Role, with; marks", follow_up=date(2026, 12, 4))
    _add(store, application, "2026-12-04 14:00", with_whom=text[:200], where=text[:200], notes=text)
    output = calendar_ics.calendar_text(store, now=FIXED_NOW)
    raw = output.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    for line in raw.split(b"\r\n"):
        line.decode("utf-8")  # no line was cut inside a character
    ical_events, vobject_events = _parse_both(output)
    ical_interview = next(event for event in ical_events if "interview" in str(event["UID"]))
    vobject_interview = next(event for event in vobject_events if "interview" in event.uid.value)
    company = pipeline.find_application(store, application.id).company
    summary = f"{company} — Role, with; marks"
    assert str(ical_interview["SUMMARY"]) == vobject_interview.summary.value == summary
    where = interviews.all_interviews(store)[0].where
    assert str(ical_interview["LOCATION"]) == vobject_interview.location.value == where
    notes = interviews.all_interviews(store)[0].notes
    assert str(ical_interview["DESCRIPTION"]).endswith(notes)
    assert vobject_interview.description.value.endswith(notes)


def test_extra_all_day_items_join_the_calendar(store: Store) -> None:
    extra = calendar_ics.follow_up_event(
        "person-1-follow-up@companion", date(2026, 12, 8), "Follow up: Ana, Beta", "Say thanks; ask about the team"
    )
    [vevent] = vobject.readOne(calendar_ics.calendar_text(store, now=FIXED_NOW, extra=[extra])).vevent_list
    assert (vevent.summary.value, vevent.description.value) == (
        "Follow up: Ana, Beta",
        "Say thanks; ask about the team",
    )
    assert vevent.dtstart.value == date(2026, 12, 8)


def test_an_empty_calendar_is_still_valid() -> None:
    text = calendar_ics.render([], now=FIXED_NOW)
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
    assert vobject.readOne(text).name == "VCALENDAR"


def test_export_ics_writes_a_file(data_dir: Path, tmp_path: Path) -> None:
    store = Store(data_dir)
    _add(store, _application(store), "2030-01-07 10:00")
    target = tmp_path / "interviews.ics"
    assert main(["export", "ics", "-o", str(target)]) == 0
    [vevent] = vobject.readOne(target.read_text(encoding="utf-8")).vevent_list
    assert vevent.summary.value == "Acme — Dev"

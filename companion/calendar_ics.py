"""The calendar export: interviews and follow-ups as an RFC 5545 (.ics) file any calendar app reads.

Written by hand (a few dozen lines, no runtime dependency). Times are UTC ('Z' form), which every
client reads without a VTIMEZONE; follow-ups are all-day events. Each event's UID comes from its
record's id and what it is, so importing a newer export updates events instead of doubling them.
DTSTAMP is when the record last changed, so an unchanged record exports byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from companion import interviews, pipeline
from companion.dates import timestamp_or_oldest
from companion.records import Record, field
from companion.store import Store
from companion.textsafe import strip_controls

PRODID = "-//companion//interviews and follow-ups//EN"
UID_DOMAIN = "companion"
_LINE_OCTETS = 75


class Event(Record, frozen=True):
    """One VEVENT: a timed one (`start` a datetime, naive local) or all-day (`start` a date, end excluded)."""

    uid: str = field()
    start: datetime | date = field()
    end: datetime | date = field()
    summary: str = field()
    description: str = field(default="")
    location: str = field(default="")
    url: str = field(default="")
    stamp: datetime = field(default=datetime.min)


def uid(record_id: str, what: str) -> str:
    """A UID stable across exports: `<record id>-<what>@companion`."""
    return f"{record_id}-{what}@{UID_DOMAIN}"


def follow_up_event(
    uid: str, day: date, summary: str, description: str = "", *, stamp: datetime = datetime.min
) -> Event:
    """An all-day event on `day`: what every follow-up (applications, people) becomes."""
    return Event(uid, day, day + timedelta(days=1), summary, description, stamp=stamp)


def _is_link(text: str) -> bool:
    return text.startswith(("https://", "http://")) and not any(space in text for space in " \t\n")


def interview_event(interview: interviews.Interview, application: pipeline.Application | None) -> Event:
    title = application.title if application is not None else "Interview"
    kind = "" if interview.kind == "other" else f", {interviews.kind_label(interview.kind)}"
    description = "\n\n".join(
        part for part in (f"With: {interview.with_whom}" if interview.with_whom else "", interview.notes) if part
    )
    return Event(
        uid(interview.id, "interview"),
        interview.starts_at,
        interview.ends_at,
        f"{title}{kind}",
        description,
        location=interview.where,
        url=interview.where if _is_link(interview.where) else "",
        stamp=timestamp_or_oldest(interview.updated_at),
    )


def application_follow_up(application: pipeline.Application) -> Event | None:
    day = application.follow_up
    if day is None:
        return None
    return follow_up_event(
        uid(application.id, "follow-up"),
        day,
        f"Follow up: {application.title}",
        application.next_action,
        stamp=timestamp_or_oldest(application.updated_at),
    )


def events(store: Store) -> list[Event]:
    """Every interview and every planned application follow-up."""
    applications = {application.id: application for application in pipeline.all_applications(store)}
    found = [interview_event(i, applications.get(i.application_id)) for i in interviews.all_interviews(store)]
    found += [event for app in applications.values() if (event := application_follow_up(app)) is not None]
    return found


def calendar_text(store: Store, *, now: datetime, extra: Iterable[Event] = ()) -> str:
    """The whole calendar; `extra` adds events from other areas (people's follow-ups)."""
    return render([*events(store), *extra], now=now)


def render(items: Iterable[Event], *, now: datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:companion",
    ]
    for event in items:
        lines += _event_lines(event, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event_lines(event: Event, now: datetime) -> list[str]:
    stamp = event.stamp if event.stamp != datetime.min else now
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc(stamp)}",
        _when("DTSTART", event.start),
        _when("DTEND", event.end),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if isinstance(event.start, datetime):
        lines.append("TRANSP:OPAQUE")  # an interview is busy time
    else:
        lines.append("TRANSP:TRANSPARENT")  # a follow-up day is not
    return [*lines, "END:VEVENT"]


def _when(name: str, moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"{name}:{utc(moment)}"
    return f"{name};VALUE=DATE:{moment:%Y%m%d}"


def utc(moment: datetime) -> str:
    """A naive local time (or an aware one) as an RFC 5545 UTC DATE-TIME: 20261204T130000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; no control characters."""
    cleaned = strip_controls(text)
    return cleaned.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space, counted in its 75
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)

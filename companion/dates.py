"""Dates as people type them, and the week arithmetic every screen shares."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from companion.errors import InputError
from companion.textsafe import clean_line

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(r"^\+?(\d{1,3})\s*([dw]?)$")
ACCEPTED_FORMS = "YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w or a weekday like fri"


class DateParseError(InputError):
    """A date that could not be read, with the forms that would have worked."""


def parse_user_date(text: str, today: date, *, looking_back: bool = False) -> date:
    """Read a date the way people write it in a hurry; refuse impossible ones clearly.

    A weekday is the next one (a follow-up on fri); `looking_back` makes it the latest one, today
    included (wins since mon).
    """
    value = text.strip().lower()
    if not value:
        raise DateParseError(f"no date given (use {ACCEPTED_FORMS})")
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if value in named:
        return today + timedelta(days=named[value])
    relative = _RELATIVE.match(value)
    if relative and (value.startswith("+") or relative.group(2)):
        amount = int(relative.group(1))
        return today + timedelta(weeks=amount) if relative.group(2) == "w" else today + timedelta(days=amount)
    for index, name in enumerate(_WEEKDAYS):
        if len(value) >= 3 and name.startswith(value):
            if looking_back:
                return today - timedelta(days=(today.weekday() - index) % 7)
            return today + timedelta(days=(index - today.weekday()) % 7 or 7)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
        year, month, day = (int(part) for part in value.split("-"))
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise DateParseError(f"'{clean_line(text)}' is not a real date ({exc})") from None
    raise DateParseError(f"'{clean_line(text)[:40]}' is not a date I can read (use {ACCEPTED_FORMS})")


def week_start(day: date) -> date:
    """Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())


def parse_timestamp(value: str) -> datetime:
    """A stored ISO-8601 timestamp back to a datetime."""
    return datetime.fromisoformat(value)


def timestamp_or_oldest(value: str) -> datetime:
    """A stored timestamp, or datetime.min when a hand-edited or restored one does not parse."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return datetime.min


def timestamp(moment: datetime) -> str:
    """The one format timestamps are stored in: local ISO-8601 to the second."""
    return moment.replace(microsecond=0).isoformat()

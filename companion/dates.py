"""Dates as people type them, and the week arithmetic every screen shares."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from companion.errors import InputError
from companion.textsafe import clean_line

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(r"^\+?(\d{1,3})\s*([dw]?)$")
# "in 3 days", "in 2 weeks", "3 days ago", "a week ago": the words people use for a span.
_SPAN = re.compile(r"^(?:in\s+)?(\d{1,3}|a|an|one)\s+(day|week)s?(\s+ago)?$")
_WEEKDAY_PHRASE = re.compile(r"^(?:(next|last|this)\s+)?([a-z]+)$")
_WEEK_PHRASES = {"next week": 7, "last week": -7}
ACCEPTED_FORMS = "YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, in 3 days, next week, or a weekday like fri"


class DateParseError(InputError):
    """A date that could not be read, with the forms that would have worked."""


def _weekday(name: str) -> int | None:
    """`fri`, `Friday`, `thurs`: a weekday's index from any start of three letters or more."""
    found = [index for index, day in enumerate(_WEEKDAYS) if len(name) >= 3 and day.startswith(name)]
    return found[0] if len(found) == 1 else None


def _span(match: re.Match[str], today: date) -> date:
    amount = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
    days = amount * (7 if match.group(2) == "week" else 1)
    if match.group(3) and match.group(0).startswith("in "):
        raise DateParseError(f"'{match.group(0)}' says both in and ago; use one (in 3 days, 3 days ago)")
    return today - timedelta(days=days) if match.group(3) else today + timedelta(days=days)


def _weekday_date(which: str | None, index: int, today: date, looking_back: bool) -> date:
    """A weekday alone is the coming one (or, `looking_back`, the latest one, today included);
    `next fri` is the coming one after today, `last fri` the latest one before today."""
    behind = (today.weekday() - index) % 7
    ahead = (index - today.weekday()) % 7
    if which == "last":
        return today - timedelta(days=behind or 7)
    if which == "next":
        return today + timedelta(days=ahead or 7)
    if looking_back:
        return today - timedelta(days=behind)
    if which == "this":
        return today + timedelta(days=ahead)
    return today + timedelta(days=ahead or 7)


def parse_user_date(text: str, today: date, *, looking_back: bool = False) -> date:
    """Read a date the way people write it in a hurry; refuse impossible ones clearly.

    A weekday is the next one (a follow-up on fri); `looking_back` makes it the latest one, today
    included (wins since mon, applied on mon). `next week` is a week from today, `last friday` the
    latest Friday before today, `in 3 days` and `3 days ago` count from today.
    """
    value = " ".join(text.strip().lower().split())
    if not value:
        raise DateParseError(f"no date given (use {ACCEPTED_FORMS})")
    named = {"today": 0, "tomorrow": 1, "yesterday": -1, **_WEEK_PHRASES}
    if value in named:
        return today + timedelta(days=named[value])
    relative = _RELATIVE.match(value)
    if relative and (value.startswith("+") or relative.group(2)):
        amount = int(relative.group(1))
        return today + timedelta(weeks=amount) if relative.group(2) == "w" else today + timedelta(days=amount)
    span = _SPAN.match(value)
    if span:
        return _span(span, today)
    phrase = _WEEKDAY_PHRASE.match(value)
    index = _weekday(phrase.group(2)) if phrase else None
    if phrase and index is not None:
        return _weekday_date(phrase.group(1), index, today, looking_back)
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
    """A stored ISO-8601 timestamp as this machine's local time, naive (as `Context.now()` is).

    Stored times carry their UTC offset, so a time logged in another time zone (or on the other
    machine of a sync) lands at the right moment; older files without an offset are local already.
    """
    moment = datetime.fromisoformat(value)
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def instant(value: object) -> float:
    """A stored time as seconds since the epoch: comparable across time zones and machines.

    Missing or garbled times are the oldest; times stored before they carried an offset are local.
    """
    if not isinstance(value, str):
        return float("-inf")
    try:
        return datetime.fromisoformat(value).timestamp()
    except (ValueError, OverflowError, OSError):
        return float("-inf")


def timestamp_or_oldest(value: str) -> datetime:
    """A stored timestamp, or datetime.min when a hand-edited or restored one does not parse."""
    try:
        return parse_timestamp(value)
    except (TypeError, ValueError, OverflowError):
        return datetime.min


def timestamp(moment: datetime) -> str:
    """The one format timestamps are stored in: ISO-8601 to the second with its UTC offset.

    A naive `moment` is this machine's local time (`Context.now()`), so the local offset is attached.
    """
    return moment.replace(microsecond=0).astimezone().isoformat()


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})?)?\s*(am|pm)?$")
DATETIME_FORMS = "a day and a time: YYYY-MM-DD HH:MM, today 14:00, tomorrow 9:30, fri 10:00, +2d 15:00 or fri 2pm"


def _parse_clock(text: str) -> tuple[int, int] | None:
    """14:00, 9:30, 14h, 14h30, 2pm, 2:30pm; None when it is not a time of day."""
    found = _CLOCK.match(text)
    if found is None or (found.group(2) is None and found.group(3) is None and not text.endswith("h")):
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def parse_user_datetime(text: str, now: datetime, *, looking_back: bool = False) -> datetime:
    """A day and a time of day as people type them ("tomorrow 9:30", "fri 2pm"): naive local time.

    The day part is read by `parse_user_date`, so every day form it knows works here too; the time is
    the last word, or the only one (a time alone is today).
    """
    value = re.sub(r"(\d)\s+([ap]m)$", r"\1\2", clean_line(text).lower())  # "2 pm" is one word
    if not value:
        raise DateParseError(f"no time given (use {DATETIME_FORMS})")
    if "t" in value and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}t\S+", value):
        value = value.replace("t", " ", 1)  # 2026-12-04T14:00, as ISO writes it
    day_text, _, clock_text = value.rpartition(" ")
    clock = _parse_clock(clock_text)
    if clock is None:
        raise DateParseError(f"'{clean_line(text)[:40]}' has no time of day I can read (use {DATETIME_FORMS})")
    day = parse_user_date(day_text, now.date(), looking_back=looking_back) if day_text else now.date()
    return datetime(day.year, day.month, day.day, *clock)

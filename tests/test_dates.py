"""Dates as people type them: one parser for the command line and the app (companion.dates.parse_user_date)."""

from __future__ import annotations

from datetime import date

import pytest

from companion.dates import DateParseError, parse_user_date

FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "ahead", "back"),
    [
        ("next week", date(2026, 12, 11), date(2026, 12, 11)),
        ("last week", date(2026, 11, 27), date(2026, 11, 27)),
        ("in 3 days", date(2026, 12, 7), date(2026, 12, 7)),
        ("In  2 Weeks", date(2026, 12, 18), date(2026, 12, 18)),
        ("3 days ago", date(2026, 12, 1), date(2026, 12, 1)),
        ("a week ago", date(2026, 11, 27), date(2026, 11, 27)),
        ("last friday", date(2026, 11, 27), date(2026, 11, 27)),  # on a Friday: the one before, not today
        ("last mon", date(2026, 11, 30), date(2026, 11, 30)),
        ("next fri", date(2026, 12, 11), date(2026, 12, 11)),
        ("this fri", FRIDAY, FRIDAY),
        ("Monday", date(2026, 12, 7), date(2026, 11, 30)),  # a plan: the coming one; looking back: the latest
        ("mon", date(2026, 12, 7), date(2026, 11, 30)),
        ("thurs", date(2026, 12, 10), date(2026, 12, 3)),
        ("fri", date(2026, 12, 11), FRIDAY),
        ("+2w", date(2026, 12, 18), date(2026, 12, 18)),
        ("2026-02-28", date(2026, 2, 28), date(2026, 2, 28)),
    ],
)
def test_the_words_people_use(text: str, ahead: date, back: date) -> None:
    assert parse_user_date(text, FRIDAY) == ahead
    assert parse_user_date(text, FRIDAY, looking_back=True) == back


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("funday", "'funday' is not a date I can read (use YYYY-MM-DD"),
        ("last funday", "'last funday' is not a date I can read"),
        ("in 3 days ago", "says both in and ago"),
        ("2026-02-30", "'2026-02-30' is not a real date"),
        ("", "no date given"),
    ],
)
def test_what_cannot_be_read_is_named_whole(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_user_date(text, FRIDAY)
    assert message in str(caught.value)


def test_the_refusal_lists_the_new_forms_too() -> None:
    with pytest.raises(DateParseError, match="in 3 days, next week, or a weekday like fri"):
        parse_user_date("soonish", FRIDAY)

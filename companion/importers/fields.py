"""Cells as other tools write them: dates and times, stage words, salaries, HTML, yes/no, "N/A".

Every importer reads its cells through these, so `6/18/22, 5:28 AM`, `2024-12-05 05:00:00` and
`N/A` mean the same thing whichever tool wrote them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone

from companion import pipeline
from companion.errors import InputError
from companion.textsafe import clean_block, clean_line


class TransferError(InputError):
    """A file (or a cell) that cannot be imported as given; the message says what would work."""


# Cells that mean "nothing here" in the exports people bring.
EMPTY_MARKERS = frozenset({"", "-", "—", "n/a", "na", "none", "null", "undefined", "nan"})


def cell(text: str | None) -> str:
    """One line of a cell, with the tools' ways of writing 'empty' read as empty."""
    value = clean_line(text or "")
    return "" if value.lower() in EMPTY_MARKERS else value


def block(text: str | None) -> str:
    """A multi-line cell (notes, a description), empty markers read as empty."""
    value = clean_block(text or "")
    return "" if value.strip().lower() in EMPTY_MARKERS else value


def yes(text: str) -> bool | None:
    """Yes/No, True/False, 1/0 as spreadsheets write them; None when it is neither."""
    value = cell(text).lower()
    if value in ("yes", "y", "true", "1", "x", "✓"):
        return True
    if value in ("no", "n", "false", "0"):
        return False
    return None


# -- stages -----------------------------------------------------------------------------------

# Status words from spreadsheets and trackers, read as companion's stages.
STAGE_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "wish list",
            "wishlist",
            "to apply",
            "saved",
            "interested",
            "bookmarked",
            "planned",
            "researching",
            "draft",
            "not applied",
            "applying",
        ),
        "wishlist",
    ),
    **dict.fromkeys(
        ("submitted", "sent", "application sent", "pending", "waiting", "in review", "under review", "new"), "applied"
    ),
    **dict.fromkeys(
        (
            "screen",
            "phone screen",
            "phone",
            "recruiter call",
            "recruiter screen",
            "hr call",
            "hr screen",
            "screening call",
        ),
        "screening",
    ),
    **dict.fromkeys(
        (
            "interview",
            "interviews",
            "technical interview",
            "onsite",
            "on site",
            "final round",
            "take home",
            "assessment",
            "interviewed",
        ),
        "interviewing",
    ),
    **dict.fromkeys(("offered", "offer received", "offers", "negotiating"), "offer"),
    **dict.fromkeys(("hired", "offer accepted", "signed"), "accepted"),
    **dict.fromkeys(
        ("rejection", "not selected", "turned down", "unsuccessful", "declined by company", "rejected by company"),
        "rejected",
    ),
    **dict.fromkeys(
        ("ghosted", "no reply", "no answer", "silence", "noresponse", "expired", "closed", "archived"), "no_response"
    ),
    **dict.fromkeys(
        ("withdrew", "declined", "declined offer", "not interested", "cancelled", "canceled", "i withdrew"), "withdrawn"
    ),
}
# The start of a word that makes a guess safe enough to say out loud (Huntr lists are the person's own words).
_STAGE_HINTS = (
    ("wish", "wishlist"),
    ("save", "wishlist"),
    ("bookmark", "wishlist"),
    ("idea", "wishlist"),
    ("screen", "screening"),
    ("phone", "screening"),
    ("recruit", "screening"),
    ("interv", "interviewing"),
    ("onsite", "interviewing"),
    ("assess", "interviewing"),
    ("round", "interviewing"),
    ("offer", "offer"),
    ("accept", "accepted"),
    ("hired", "accepted"),
    ("reject", "rejected"),
    ("declin", "withdrawn"),
    ("withdr", "withdrawn"),
    ("ghost", "no_response"),
    ("no resp", "no_response"),
    ("expir", "no_response"),
    ("archiv", "no_response"),
    ("appl", "applied"),
    ("submit", "applied"),
)


def _stage_words(text: str) -> str:
    return " ".join(re.sub(r"[-_/]", " ", clean_line(text).lower()).split())


def parse_csv_stage(text: str) -> str:
    """A status as people write it in a spreadsheet; empty means applied."""
    words = _stage_words(text)
    if not words:
        return "applied"
    if words.replace(" ", "_") in pipeline.STAGES:
        return words.replace(" ", "_")
    if words in STAGE_ALIASES:
        return STAGE_ALIASES[words]
    raise TransferError(f"'{clean_line(text)}' is not a stage I know (use one of: {', '.join(pipeline.STAGES)})")


def guess_stage(text: str, default: str) -> tuple[str, bool]:
    """(stage, guessed): a known word exactly, else the first hint found in it, else `default` (guessed)."""
    try:
        return parse_csv_stage(text) if _stage_words(text) else default, False
    except TransferError:
        words = _stage_words(text)
        return next((stage for hint, stage in _STAGE_HINTS if hint in words), default), True


# -- dates and times --------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
_NAMED_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%a %b %d %Y",
    "%A %B %d %Y",
    "%a %d %b %Y",
)


def day_order(values: Iterable[str]) -> str | None:
    """'dmy' or 'mdy' when the file's numeric dates show it (a part above 12), else None."""
    seen: set[str] = set()
    for value in values:
        found = _NUMERIC_DATE.match(_date_part(value))
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12:
                seen.add("dmy")
            elif second > 12:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def _date_part(value: str) -> str:
    """`6/18/22, 5:28 AM` -> `6/18/22`; `12/4/2024 17:59` -> `12/4/2024`."""
    return value.strip().split(",")[0].split(" ")[0]


def _numeric_date(value: str, order: str | None) -> date | None:
    numeric = _NUMERIC_DATE.match(value)
    if not numeric:
        return None
    first, second, year = (int(part) for part in numeric.groups())
    year += 2000 if year < 100 else 0
    if first == second or order == "dmy" or (order is None and first > 12):
        return date(year, second, first)
    if order == "mdy" or second > 12:
        return date(year, first, second)
    raise TransferError(f"'{value}' could be day/month or month/day; please write it as YYYY-MM-DD")


def _clock(text: str) -> tuple[int, int, int] | None:
    found = _TIME.match(text.strip())
    if not found:
        return None
    hour, minute, second = int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)
    meridiem = (found.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return (hour, minute, second) if hour < 24 and minute < 60 and second < 60 else None


def parse_moment(text: str, order: str | None = None) -> tuple[date, datetime | None] | None:
    """(the day, the moment if a time was given) of a cell; None when empty.

    The moment is aware when the cell said so (`Z`, `+02:00`, `UTC`), else naive as written.
    """
    value = clean_line(text).replace("\u202f", " ")
    if value.lower() in EMPTY_MARKERS:
        return None
    try:
        iso = _ISO.match(value)
        if iso:
            year, month, day = (int(iso.group(i)) for i in (1, 2, 3))
            if iso.group(4) is None:
                return date(year, month, day), None
            moment = datetime(year, month, day, int(iso.group(4)), int(iso.group(5)), int(iso.group(6) or 0))
            zone = (iso.group(7) or "").upper()
            if zone in ("Z", "UTC", "GMT"):
                moment = moment.replace(tzinfo=UTC)
            elif zone:
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                moment = moment.replace(tzinfo=timezone(sign * offset))
            return moment.date(), moment
        head, _, rest = (
            value.replace(",", " ", 1).partition(" ") if _NUMERIC_DATE.match(_date_part(value)) else (value, "", "")
        )
        day_found = _numeric_date(head, order)
        if day_found is not None:
            clock = _clock(rest) if rest.strip() else None
            if rest.strip() and clock is None:
                raise TransferError(f"'{value}' has a time I cannot read")
            return day_found, datetime.combine(day_found, datetime.min.time()).replace(
                hour=clock[0], minute=clock[1], second=clock[2]
            ) if clock else None
    except ValueError as exc:
        raise TransferError(f"'{value}' is not a real date ({exc})") from None
    return _named_moment(value)


def _named_moment(value: str) -> tuple[date, datetime | None]:
    """`18 Jun 2022`, `Jun 18, 2022`, `June 18, 2022 5:28 PM`."""
    words = value.replace(",", " ").split()
    for split in range(len(words), 0, -1):
        for form in _NAMED_DATE_FORMATS:
            try:
                day = datetime.strptime(" ".join(words[:split]), form).date()
            except ValueError:
                continue
            rest = " ".join(words[split:])
            clock = _clock(rest) if rest else None
            if rest and clock is None:
                continue
            moment = (
                datetime.combine(day, datetime.min.time()).replace(hour=clock[0], minute=clock[1], second=clock[2])
                if clock
                else None
            )
            return day, moment
    raise TransferError(f"'{value[:40]}' is not a date I can read (use YYYY-MM-DD)")


def parse_csv_date(text: str, order: str | None) -> date | None:
    """The date forms spreadsheets export; day/month order comes from the whole file."""
    found = parse_moment(text, order)
    return found[0] if found else None


def utc_day(moment: datetime) -> date:
    """The day a tool meant when it stored a local midnight in UTC: the nearest midnight.

    `2024-12-05 05:00:00` UTC is midnight in New York on the 5th; `2024-12-04 23:00:00` is
    midnight in Berlin on the 5th. Both are the 5th, wherever this machine is.
    """
    return (moment.replace(tzinfo=None) + timedelta(hours=12)).date()


def as_moment(found: tuple[date, datetime | None] | None, *, utc: bool = False) -> datetime | None:
    """The moment of a parsed cell as local time (its day at midnight when it gave no time); None when empty."""
    if found is None:
        return None
    return local_moment(found[1], utc=utc) if found[1] else datetime.combine(found[0], datetime.min.time())


def local_moment(moment: datetime, *, utc: bool = False) -> datetime:
    """A moment as this machine's naive local time; a naive one is read as UTC when `utc`, else as local."""
    if moment.tzinfo is None and utc:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


# -- money and text ---------------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([kKmM])?")
_CURRENCIES = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "CHF": "CHF",
    "CAD": "CAD",
    "AUD": "AUD",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "PLN": "PLN",
}


def _amount(number: str, suffix: str | None) -> int | None:
    digits = re.sub(r"[.,](\d{3})(?!\d)", r"\1", number)  # thousands separators
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        return None
    value *= {"k": 1_000, "m": 1_000_000}.get((suffix or "").lower(), 1)
    return int(value)


def parse_salary(text: str) -> tuple[int | None, int | None, str]:
    """(min, max, currency) where the text reads as an amount or a range (`$120k - $150k`, `90.000 €`)."""
    value = cell(text)
    currency = next((code for sign, code in _CURRENCIES.items() if sign in value.upper() or sign in value), "")
    pairs = _AMOUNT.findall(value)
    if len(pairs) == 2 and not pairs[0][1] and pairs[1][1]:
        pairs[0] = (pairs[0][0], pairs[1][1])  # `120-150k`: the k belongs to both
    found = [amount for amount in (_amount(number, suffix) for number, suffix in pairs) if amount is not None]
    if not found or len(found) > 2:
        return None, None, currency
    return min(found), max(found), currency


def whole_number(text: str) -> int | None:
    value = cell(text).replace(",", "")
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


_TAG = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)


def html_text(text: str) -> str:
    """An HTML job description as plain text: paragraphs and list items on their own lines, no tags."""
    if "<" not in text and "&" not in text:
        return block(text)
    spaced = _ITEM.sub("\n- ", _BREAKS.sub("\n", text))
    plain = html.unescape(_TAG.sub("", spaced))
    lines = [" ".join(line.split()) for line in plain.splitlines()]
    return block("\n".join(line for line in lines if line))

"""People as vCard 3.0 (RFC 2426), written by hand: a phone or mail app can take the network along.

Text values are escaped (backslash, comma, semicolon, newline), lines end in CRLF and are folded
at 75 octets without splitting a UTF-8 character, as the RFC asks: the same rules as iCalendar's,
so the calendar export's escape and fold serve both.
"""

from __future__ import annotations

from collections.abc import Iterable

from companion.calendar_ics import escape_text as escape, fold
from companion.people import Person, how_met_label


def _name_parts(name: str) -> str:
    """N: family;given;;; from the full name (the last word as the family name)."""
    words = name.split()
    if len(words) < 2:
        return f"{escape(name)};;;;"
    return f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;"


def _note(person: Person) -> str:
    lines = [person.notes] if person.notes else []
    if person.follow_up_on:
        lines.append(f"Get in touch on {person.follow_up_on}")
    lines += [f"{entry['on']}: {entry['text']}" for entry in person.touchpoints]
    return "\n".join(lines)


def person_card(person: Person) -> str:
    """One VCARD, CRLF line ends included."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape(person.name)}", f"N:{_name_parts(person.name)}"]
    if person.company:
        lines.append(f"ORG:{escape(person.company)}")
    if person.role:
        lines.append(f"TITLE:{escape(person.role)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(person.email)}")
    if person.url:
        lines.append(f"URL:{escape(person.url)}")  # vobject (and many readers) split an unescaped comma
    if person.how_met:
        lines.append(f"CATEGORIES:{escape(how_met_label(person.how_met))}")
    note = _note(person)
    if note:
        lines.append(f"NOTE:{escape(note)}")
    if person.id:
        lines.append(f"UID:{escape(person.id)}")
    if person.updated_at:
        lines.append(f"REV:{person.updated_at}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def export_vcf(people: Iterable[Person]) -> str:
    """Every person as one .vcf file."""
    return "".join(person_card(person) for person in people)

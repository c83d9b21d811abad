"""People: the network that carries a search (recruiters, referrers, mentors, peers).

Referrals fill many roles and peers keep a person going, so companion keeps the people as well as
the companies: how you know them, a log of touchpoints, a day to get in touch again, and the
applications they are part of. A referral is named on the application itself: its source reads
`referral: NAME` (see `referral_source`), which the CSV export and the application form already show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from companion import pipeline
from companion.dates import parse_user_date, timestamp, timestamp_or_oldest
from companion.errors import InputError
from companion.records import Record, field, string_dicts
from companion.store import Store
from companion.textsafe import clean_block, clean_line

TABLE = "people"
STATE_TABLE = "state"  # shared with companion.first_run: small records that remember what was shown
GIVING_BACK_PREFIX = "giving-back-"

HOW_MET = ("recruiter", "referrer", "hiring_manager", "interviewer", "mentor", "peer", "community")
REFERRAL_PREFIX = "referral:"

MAX_NAME = 200
MAX_LINE = 500
MAX_NOTES = 5000

_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_URL = re.compile(r"https?://[^\s/?#.]+(\.[^\s/?#.]+)*(:\d+)?([/?#]\S*)?", re.IGNORECASE)


class PersonError(InputError):
    """A person who cannot be saved or found as given; the message says what would work."""


class PersonWarning(PersonError):
    """Something that looks mistyped (an email, a link): the form may keep it if the person insists."""


def how_met_label(kind: str) -> str:
    """`hiring_manager` -> `hiring manager`."""
    return kind.replace("_", " ")


def parse_how_met(text: str) -> str:
    """A kind of contact as typed (`Hiring manager`, `hiring-manager`, `mentor`, `rec`), or empty."""
    key = clean_line(text).lower().replace("-", "_").replace(" ", "_")
    if not key:
        return ""
    if key in HOW_MET:
        return key
    starting = [kind for kind in HOW_MET if len(key) >= 3 and kind.startswith(key)]
    if len(starting) == 1:
        return starting[0]
    raise PersonError(
        f"'{clean_line(text)[:40]}' is not a way of knowing someone here; use one of: {', '.join(HOW_MET)}"
    )


def _date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _how_met_read(value: Any) -> str:
    return value if isinstance(value, str) and value in HOW_MET else ""


def _touchpoints_read(value: Any) -> list[dict[str, str]]:
    return string_dicts(value, "on", "text")


class Person(Record):
    """One person as stored; touchpoints are {on: YYYY-MM-DD, text}, oldest first."""

    name: str = field()
    company: str = field(default="")
    role: str = field(default="")
    how_met: str = field(default="", kind="custom", read=_how_met_read)
    email: str = field(default="")
    url: str = field(default="")
    notes: str = field(default="", kind="block")
    follow_up_on: str = field(default="", kind="day")
    touchpoints: list[dict[str, str]] = field(default_factory=list, kind="custom", read=_touchpoints_read)
    application_ids: list[str] = field(default_factory=list, kind="strings")
    created_at: str = field(default="")
    updated_at: str = field(default="")
    id: str = field(default="")

    @property
    def follow_up(self) -> date | None:
        return _date_or_none(self.follow_up_on)

    @property
    def title(self) -> str:
        """`Ana Lima (Acme)`: the name, and where they are when known."""
        return f"{self.name} ({self.company})" if self.company else self.name

    def to_record(self) -> dict[str, Any]:
        """Its keys in alphabetical order, as people have always been stored and `people --json` prints them."""
        return dict(sorted(super().to_record().items()))


class Details(Record, frozen=True):
    """What a person types about someone (the form, `person add` and `person edit` share it)."""

    name: str = field()
    company: str = field(default="")
    role: str = field(default="")
    how_met: str = field(default="")
    email: str = field(default="")
    url: str = field(default="")
    notes: str = field(default="")
    follow_up_on: date | None = field(default=None)

    @classmethod
    def of(cls, person: Person) -> Details:
        return cls(
            person.name,
            person.company,
            person.role,
            person.how_met,
            person.email,
            person.url,
            person.notes,
            person.follow_up,
        )

    def cleaned(self) -> Details:
        """Controls stripped, the name required, lengths bounded, the kind checked: safe to store."""
        cleaned = Details(
            name=clean_line(self.name),
            company=clean_line(self.company),
            role=clean_line(self.role),
            how_met=parse_how_met(self.how_met),
            email=clean_line(self.email),
            url=clean_line(self.url),
            notes=clean_block(self.notes),
            follow_up_on=self.follow_up_on,
        )
        if not cleaned.name:
            raise PersonError("please give a name (a first name is enough)")
        for label, value, limit in (
            ("name", cleaned.name, MAX_NAME),
            ("company", cleaned.company, MAX_NAME),
            ("role", cleaned.role, MAX_NAME),
            ("email", cleaned.email, MAX_LINE),
            ("link", cleaned.url, MAX_LINE),
            ("notes", cleaned.notes, MAX_NOTES),
        ):
            if len(value) > limit:
                raise PersonError(f"the {label} is {len(value)} characters; please keep it to {limit}")
        return cleaned

    def warnings(self) -> list[str]:
        """What looks mistyped: an email without a domain, a link that is not a web address."""
        found = []
        if self.email and not _EMAIL.fullmatch(self.email):
            found.append(f"'{self.email[:60]}' does not look like an email address (name@example.com)")
        if self.url and not _URL.fullmatch(self.url):
            found.append(f"'{self.url[:60]}' does not look like a web link (https://…)")
        return found

    def checked(self, *, insist: bool = False) -> Details:
        """`cleaned()`, refusing what looks mistyped unless the person insists (the form's second Enter)."""
        clean = self.cleaned()
        problems = clean.warnings()
        if problems and not insist:
            raise PersonWarning("; ".join(problems))
        return clean

    def record(self) -> dict[str, str]:
        return {
            **{name: getattr(self, name) for name in FIELDS if name != "follow_up_on"},
            "follow_up_on": self.follow_up_on.isoformat() if self.follow_up_on else "",
        }


FIELDS = tuple(declared.name for declared in Details.FIELDS)  # their names, in order: what `edit_person` may change


def parse_follow_up(text: str, today: date, label: str = "follow up on", *, keep: str = "") -> date | None:
    """Empty means none; anything else must be a date (not in the past: it is a plan).

    `keep` is the day already planned: left as it was, an overdue day is kept rather than refused.
    """
    if not text.strip():
        return None
    if keep and text.strip() == keep and _date_or_none(keep) is not None:
        return _date_or_none(keep)
    try:
        day = parse_user_date(text, today)
    except InputError as exc:
        raise PersonError(f"{label}: {exc}") from None
    if day < today:
        raise PersonError(f"{label}: {day.isoformat()} has passed; choose today or a later day")
    return day


# -- finding ----------------------------------------------------------------------------------


def all_people(store: Store) -> list[Person]:
    """Everyone, by name (case-insensitive)."""
    found = [Person.from_record(record) for record in store.all(TABLE)]
    return sorted(found, key=lambda person: (person.name.casefold(), person.id))


def find_person(store: Store, reference: str) -> Person:
    """By exact name (any case), else by a unique start of a name or of an id; several: say who."""
    wanted = clean_line(reference)
    if not wanted:
        raise PersonError("no person given: type their name, the start of it, or the start of their id")
    folded = wanted.casefold()
    everyone = all_people(store)
    matches = [person for person in everyone if person.name.casefold() == folded]
    if not matches:
        by_id = {record.get("id") for record in store.find_by_prefix(TABLE, wanted.lower())}
        matches = [person for person in everyone if person.id in by_id or person.name.casefold().startswith(folded)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise PersonError(f"nobody's name or id starts with '{wanted[:40]}' (see `companion people`)")
    shown = ", ".join(f"{person.id[:8]} {person.title[:60]}" for person in matches[:5])
    more = " …" if len(matches) > 5 else ""
    raise PersonError(f"'{wanted[:40]}' fits {len(matches)} people ({shown}{more}); type more of the name or the id")


def matches_search(person: Person, query: str) -> bool:
    """Every word appears somewhere in what was written about them."""
    haystack = " ".join(
        (
            person.name,
            person.company,
            person.role,
            how_met_label(person.how_met),
            person.email,
            person.notes,
            *(entry["text"] for entry in person.touchpoints),
        )
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


def linked_applications(store: Store, person: Person) -> list[pipeline.Application]:
    """The applications this person is part of that still exist, in the order they were linked."""
    by_id = {app.id: app for app in pipeline.all_applications(store)}
    return [by_id[app_id] for app_id in person.application_ids if app_id in by_id]


def people_of(store: Store, application_id: str) -> list[Person]:
    """Everyone linked to an application, by name."""
    return [person for person in all_people(store) if application_id in person.application_ids]


def application_people_line(store: Store, application_id: str) -> str:
    """`people: Ana Lima (referrer), Bo` for the Pipeline's detail; empty when nobody is linked."""
    linked = people_of(store, application_id)
    names = [f"{p.name} ({how_met_label(p.how_met)})" if p.how_met else p.name for p in linked]
    return f"people: {', '.join(names)}" if names else ""


# -- writing ----------------------------------------------------------------------------------


def _found(record: dict[str, Any] | None) -> Person:
    if record is None:
        raise PersonError("that person is no longer there (they may have been deleted elsewhere)")
    return Person.from_record(record)


def referral_source(name: str) -> str:
    """How an application names its referrer in its source field."""
    return f"{REFERRAL_PREFIX} {name}"


def referrer_name(application: pipeline.Application) -> str:
    """The name in a `referral: NAME` source; empty when the application was not a referral."""
    source = application.source.strip()
    if not source.casefold().startswith(REFERRAL_PREFIX):
        return ""
    return clean_line(source[len(REFERRAL_PREFIX) :])


def is_referral(application: pipeline.Application) -> bool:
    """For the insights: the source says referral (with or without a name)."""
    return application.source.strip().casefold().startswith("referral")


def _link_changes(tx: Any, person: Person, application_ids: Iterable[str], stamp: str) -> list[str]:
    """The person's application list with these added; a referrer becomes the source of an unsourced one."""
    linked = list(person.application_ids)
    for app_id in application_ids:
        if app_id not in linked:
            linked.append(app_id)
            application = tx.get(pipeline.TABLE, app_id)
            if person.how_met == "referrer" and application is not None and not str(application.get("source", "")):
                tx.update(pipeline.TABLE, app_id, {"source": referral_source(person.name), "updated_at": stamp})
    return linked


def add_person(
    store: Store, details: Details, *, application_ids: Sequence[str] = (), now: datetime, insist: bool = False
) -> Person:
    """A new person, linked to these applications (ids already resolved)."""
    clean = details.checked(insist=insist)
    stamp = timestamp(now)
    person = Person(name=clean.name, created_at=stamp, updated_at=stamp)
    with store.transaction() as tx:
        linked = _link_changes(tx, person.replace(how_met=clean.how_met), application_ids, stamp)
        record = {**person.to_record(), **clean.record(), "application_ids": linked}
        return Person.from_record(tx.insert(TABLE, record))


def edit_person(
    store: Store,
    person_id: str,
    changes: Mapping[str, Any],
    *,
    application_ids: Sequence[str] = (),
    now: datetime,
    insist: bool = False,
) -> Person:
    """Change only the given fields (names as in `FIELDS`), checked as a whole, and add links."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise PersonError(f"a person has no field {min(unknown)!r}")
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, person_id))
        clean = Details.of(current).replace(**changes).checked(insist=insist)
        stamp = timestamp(now)
        written = clean.record()
        update: dict[str, Any] = {name: written[name] for name in changes}
        update["updated_at"] = stamp
        update["application_ids"] = _link_changes(tx, current.replace(how_met=clean.how_met), application_ids, stamp)
        return _found(tx.update(TABLE, person_id, update))


def touchpoint_text(text: str) -> str:
    """A touchpoint's line, cleaned, or why it cannot be one."""
    line = clean_line(text)
    if not line:
        raise PersonError('a touchpoint needs a few words: "coffee chat", "sent thanks"')
    if len(line) > MAX_LINE:
        raise PersonError(f"that touchpoint is {len(line)} characters; please keep it to {MAX_LINE}")
    return line


def add_touchpoint(store: Store, person_id: str, text: str, *, on: date, now: datetime) -> Person:
    """A line in the log ("coffee chat"); getting in touch answers a follow-up that was due."""
    line = touchpoint_text(text)
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, person_id))
        update: dict[str, Any] = {
            "touchpoints": [*current.touchpoints, {"on": on.isoformat(), "text": line}],
            "updated_at": timestamp(now),
        }
        if current.follow_up is not None and current.follow_up <= on:
            update["follow_up_on"] = ""
        return _found(tx.update(TABLE, person_id, update))


def set_follow_up(store: Store, person_id: str, day: date | None, *, now: datetime) -> Person:
    """Plan (or clear, with None) the day to get in touch again."""
    changes = {"follow_up_on": day.isoformat() if day else "", "updated_at": timestamp(now)}
    return _found(store.update(TABLE, person_id, changes))


def toggle_link(store: Store, person_id: str, application_id: str, *, now: datetime) -> tuple[Person, bool]:
    """Link the person to the application, or unlink them if they were; True when it is now linked."""
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, person_id))
        stamp = timestamp(now)
        if application_id in current.application_ids:
            linked = [app_id for app_id in current.application_ids if app_id != application_id]
        else:
            linked = _link_changes(tx, current, [application_id], stamp)
        person = _found(tx.update(TABLE, person_id, {"application_ids": linked, "updated_at": stamp}))
    return person, application_id in person.application_ids


def delete_person(store: Store, person_id: str) -> bool:
    return store.remove(TABLE, person_id)


# -- follow-ups and giving back ---------------------------------------------------------------


def follow_ups_due(people: Iterable[Person], today: date) -> list[Person]:
    """People to get in touch with today or earlier, earliest first."""
    due = [person for person in people if person.follow_up is not None and person.follow_up <= today]
    return sorted(due, key=lambda person: (person.follow_up_on, person.name.casefold()))


def describe_follow_up(person: Person, today: date) -> str:
    """`get in touch today`, `get in touch since Mon 23 Nov`, `get in touch Tue 1 Dec`; empty when none."""
    day = person.follow_up
    if day is None:
        return ""
    if day == today:
        return "get in touch today"
    return f"get in touch since {_day(day)}" if day < today else f"get in touch {_day(day)}"


def due_follow_up_lines(store: Store, day: date) -> list[str]:
    """For the follow-up digest and Today: one line per person to get in touch with."""
    return [f"{person.title}: {describe_follow_up(person, day)}" for person in follow_ups_due(all_people(store), day)]


def last_touchpoint(person: Person) -> dict[str, str] | None:
    return max(person.touchpoints, key=lambda entry: entry["on"], default=None)


class GivingBack(Record, frozen=True):
    """After an accepted offer: the application, the people linked to it, and whether it was shown before today."""

    application: pipeline.Application = field()
    people: list[Person] = field()
    first_shown: str = field(default="")

    def line(self) -> str:
        """Gentle: a thank-you to those who helped, and an offer of help to someone still searching."""
        company = self.application.company
        if self.people:
            names = ", ".join(person.name for person in self.people[:5]) + (" …" if len(self.people) > 5 else "")
            thanks = f"a short thank-you to the people who helped with {company} ({names}) would mean a lot to them"
        else:
            thanks = f"a short thank-you to anyone who helped along the way to {company} would mean a lot to them"
        return (
            f"Congratulations on {company}. When you have a quiet moment, {thanks}; and if you can, "
            "an hour for someone earlier in their search passes the help on."
        )


def _giving_back_id(application_id: str) -> str:
    return f"{GIVING_BACK_PREFIX}{application_id}"


def giving_back(store: Store, applications: Iterable[pipeline.Application], today: date) -> GivingBack | None:
    """The suggestion for the latest accepted offer, shown only on the day it first appears."""
    accepted = sorted((app for app in applications if app.stage == "accepted"), key=lambda app: app.updated_at)
    if not accepted:
        return None
    application = accepted[-1]
    seen = store.get(STATE_TABLE, _giving_back_id(application.id))
    first_shown = str(seen.get("shown_on", "")) if seen else ""
    if first_shown and first_shown != today.isoformat():
        return None
    return GivingBack(application, people_of(store, application.id), first_shown)


def mark_giving_back_shown(store: Store, suggestion: GivingBack, today: date, *, now: datetime) -> None:
    """Remember the day it was first shown, so it never comes back another day."""
    if suggestion.first_shown:
        return
    with store.transaction() as tx:
        if tx.get(STATE_TABLE, _giving_back_id(suggestion.application.id)) is None:
            tx.insert(
                STATE_TABLE,
                {"id": _giving_back_id(suggestion.application.id), "shown_on": today.isoformat(), "at": timestamp(now)},
            )


def calendar_events(store: Store) -> list[Any]:
    """Each planned get-in-touch day as an all-day event for `companion export ics`."""
    from companion import calendar_ics  # only the export needs it

    return [
        calendar_ics.follow_up_event(
            calendar_ics.uid(person.id, "follow-up"),
            day,
            f"Get in touch: {person.title}",
            "\n".join(part for part in (person.role, how_met_label(person.how_met), person.email) if part),
            stamp=timestamp_or_oldest(person.updated_at),
        )
        for person in all_people(store)
        if (day := person.follow_up) is not None
    ]

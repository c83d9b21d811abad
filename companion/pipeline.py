"""Applications through their stages: moves with history, follow-ups, "no response", breadth, stats.

The seed's advice this serves: keep several applications in play, follow up, ask for feedback and
turn each "no" into data. Nothing here moves an application on its own: quiet applications are
*suggested* as "no response" and the person decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from companion.charts import sparkline
from companion.dates import parse_timestamp, parse_user_date, timestamp, week_start
from companion.errors import InputError
from companion.records import string_list
from companion.signature import sign_off
from companion.store import Store
from companion.textsafe import clean_block, clean_line, sentence
from companion.values import FrozenValue, Value

TABLE = "applications"
REFLECTIONS = "reflections"
DEBRIEF_KIND = "debrief"

ACTIVE_STAGES = ("wishlist", "applied", "screening", "interviewing", "offer")
CLOSED_STAGES = ("accepted", "rejected", "no_response", "withdrawn")
STAGES = ACTIVE_STAGES + CLOSED_STAGES
IN_PLAY = ("applied", "screening", "interviewing", "offer")
FUNNEL = IN_PLAY
# A reply of any kind from the company, good or not, is a response.
RESPONSE_STAGES = frozenset({"screening", "interviewing", "offer", "accepted", "rejected"})

MAX_NAME = 200
MAX_LINE = 500
MAX_NOTES = 5000
FEELING_RANGE = range(0, 11)


class ApplicationError(InputError):
    """An application that cannot be saved or found as given; the message says what would work."""


def stage_label(stage: str) -> str:
    """How a stage reads to a person: `no_response` -> `no response`."""
    return stage.replace("_", " ")


def parse_stage(text: str) -> str:
    """A stage as typed (`No response`, `no-response`, `Interviewing`, or a short form the board shows,
    `wish`, `interv`: any three or more first letters of one stage) or a clear refusal."""
    key = clean_line(text).lower().replace("-", "_").replace(" ", "_").rstrip(".")
    if key in STAGES:
        return key
    starting = [stage for stage in STAGES if len(key) >= 3 and stage.startswith(key)]
    if len(starting) == 1:
        return starting[0]
    raise ApplicationError(f"'{clean_line(text)}' is not a stage; use one of: {', '.join(STAGES)}")


def _date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _optional_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class Feedback(Value):
    """Asking a company for feedback: the days it was asked for and received (ISO), and what it said."""

    __slots__ = ("requested_on", "received_on", "text")

    def __init__(self, requested_on: str = "", received_on: str = "", text: str = "") -> None:
        self.requested_on = requested_on
        self.received_on = received_on
        self.text = text


class Application(Value):
    """One application as stored: what the person wrote, its stage, history and follow-ups."""

    __slots__ = (
        "company",
        "role",
        "stage",
        "source",
        "url",
        "location",
        "notes",
        "applied_on",
        "follow_up_on",
        "next_action",
        "salary",
        "salary_min",
        "salary_max",
        "salary_currency",
        "deadline",
        "description",
        "excitement",
        "resume_version",
        "cover_letter_version",
        "tags",
        "origin",
        "history",
        "feedback",
        "followed_up",
        "created_at",
        "updated_at",
        "id",
    )

    def __init__(
        self,
        company: str,
        role: str,
        stage: str = "applied",
        source: str = "",
        url: str = "",
        location: str = "",
        notes: str = "",
        applied_on: str = "",
        follow_up_on: str = "",
        next_action: str = "",
        salary: str = "",
        salary_min: int | None = None,
        salary_max: int | None = None,
        salary_currency: str = "",
        deadline: str = "",
        description: str = "",
        excitement: int | None = None,
        resume_version: str = "",
        cover_letter_version: str = "",
        tags: list[str] | None = None,
        origin: str = "",
        history: list[dict[str, str]] | None = None,
        feedback: Feedback | None = None,
        followed_up: list[str] | None = None,
        created_at: str = "",
        updated_at: str = "",
        id: str = "",
    ) -> None:
        self.company = company
        self.role = role
        self.stage = stage
        self.source = source
        self.url = url
        self.location = location
        self.notes = notes
        self.applied_on = applied_on
        self.follow_up_on = follow_up_on
        self.next_action = next_action
        self.salary = salary  # as the person or the tool wrote it; min/max where it reads as amounts
        self.salary_min = salary_min
        self.salary_max = salary_max
        self.salary_currency = salary_currency
        self.deadline = deadline  # YYYY-MM-DD: the last day to apply
        self.description = description  # the job posting, as plain text
        self.excitement = excitement  # 1-5, how much the person wants it (Teal's stars, a priority)
        self.resume_version = resume_version
        self.cover_letter_version = cover_letter_version
        self.tags = [] if tags is None else tags
        self.origin = origin  # where an import came from (`huntr:<id>`), so importing again adds nothing
        self.history = [] if history is None else history
        self.feedback = Feedback() if feedback is None else feedback
        self.followed_up = [] if followed_up is None else followed_up  # days a follow-up was sent: effort counts
        self.created_at = created_at
        self.updated_at = updated_at
        self.id = id

    @property
    def closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def in_play(self) -> bool:
        return self.stage in IN_PLAY

    @property
    def follow_up(self) -> date | None:
        return _date_or_none(self.follow_up_on)

    @property
    def applied(self) -> date | None:
        return _date_or_none(self.applied_on)

    @property
    def sent_on(self) -> date | None:
        """The day it was sent, as the board shows it: a wishlist item has none, whatever an old record holds."""
        return None if self.stage == "wishlist" else self.applied

    @property
    def title(self) -> str:
        return f"{self.company} — {self.role}"

    def stages_reached(self) -> set[str]:
        """Every stage this application has been in, the current one included."""
        return {entry.get("stage", "") for entry in self.history} | {self.stage}

    def last_activity(self) -> date | None:
        """The latest day anything happened: a move, applying, a follow-up, feedback."""
        days = [_date_or_none(str(entry.get("at", ""))[:10]) for entry in self.history]
        days += [self.applied, _date_or_none(self.feedback.requested_on), _date_or_none(self.feedback.received_on)]
        days += [_date_or_none(day) for day in self.followed_up]
        known = [day for day in days if day is not None]
        return max(known) if known else None

    def to_record(self) -> dict[str, Any]:
        return self.as_dict()

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Application:
        """Tolerant of hand-edited or older records: missing fields get their defaults."""
        feedback = record.get("feedback") if isinstance(record.get("feedback"), dict) else {}
        history = record.get("history") if isinstance(record.get("history"), list) else []
        stage = str(record.get("stage", "applied"))
        return cls(
            company=str(record.get("company", "")),
            role=str(record.get("role", "")),
            stage=stage if stage in STAGES else "applied",
            source=str(record.get("source", "")),
            url=str(record.get("url", "")),
            location=str(record.get("location", "")),
            notes=str(record.get("notes", "")),
            applied_on=str(record.get("applied_on", "") or ""),
            follow_up_on=str(record.get("follow_up_on", "") or ""),
            next_action=str(record.get("next_action", "")),
            salary=str(record.get("salary", "") or ""),
            salary_min=_optional_int(record.get("salary_min")),
            salary_max=_optional_int(record.get("salary_max")),
            salary_currency=str(record.get("salary_currency", "") or ""),
            deadline=str(record.get("deadline", "") or ""),
            description=str(record.get("description", "") or ""),
            excitement=_optional_int(record.get("excitement")),
            resume_version=str(record.get("resume_version", "") or ""),
            cover_letter_version=str(record.get("cover_letter_version", "") or ""),
            tags=string_list(record.get("tags")),
            origin=str(record.get("origin", "") or ""),
            history=[
                {"stage": str(entry.get("stage", "")), "at": str(entry.get("at", ""))}
                for entry in history
                if isinstance(entry, dict)
            ],
            feedback=Feedback(
                requested_on=str(feedback.get("requested_on", "") or ""),
                received_on=str(feedback.get("received_on", "") or ""),
                text=str(feedback.get("text", "") or ""),
            ),
            followed_up=string_list(record.get("followed_up")),
            created_at=str(record.get("created_at", "")),
            updated_at=str(record.get("updated_at", "")),
            id=str(record.get("id", "")),
        )


class Details(FrozenValue):
    """What a person types about an application (the form and `app add` share it)."""

    company: str
    role: str
    source: str
    url: str
    location: str
    notes: str
    next_action: str
    applied_on: date | None
    follow_up_on: date | None

    __slots__ = ("company", "role", "source", "url", "location", "notes", "next_action", "applied_on", "follow_up_on")

    def __init__(
        self,
        company: str,
        role: str,
        source: str = "",
        url: str = "",
        location: str = "",
        notes: str = "",
        next_action: str = "",
        applied_on: date | None = None,
        follow_up_on: date | None = None,
    ) -> None:
        self._set(
            company=company,
            role=role,
            source=source,
            url=url,
            location=location,
            notes=notes,
            next_action=next_action,
            applied_on=applied_on,
            follow_up_on=follow_up_on,
        )

    def cleaned(self) -> Details:
        """Controls stripped, required fields checked, lengths bounded: safe to store."""
        company, role = clean_line(self.company), clean_line(self.role)
        missing = [name for name, value in (("company", company), ("role", role)) if not value]
        if missing:
            raise ApplicationError(f"please fill in the {' and the '.join(missing)}")
        cleaned = Details(
            company=company,
            role=role,
            source=clean_line(self.source),
            url=clean_line(self.url),
            location=clean_line(self.location),
            notes=clean_block(self.notes),
            next_action=clean_line(self.next_action),
            applied_on=self.applied_on,
            follow_up_on=self.follow_up_on,
        )
        for name, value, limit in (
            ("company", cleaned.company, MAX_NAME),
            ("role", cleaned.role, MAX_NAME),
            ("source", cleaned.source, MAX_NAME),
            ("location", cleaned.location, MAX_NAME),
            ("URL", cleaned.url, MAX_LINE),
            ("next action", cleaned.next_action, MAX_LINE),
            ("notes", cleaned.notes, MAX_NOTES),
        ):
            if len(value) > limit:
                raise ApplicationError(f"the {name} is {len(value)} characters; please keep it to {limit}")
        return cleaned

    def changes(self) -> dict[str, str]:
        return {
            "company": self.company,
            "role": self.role,
            "source": self.source,
            "url": self.url,
            "location": self.location,
            "notes": self.notes,
            "next_action": self.next_action,
            "applied_on": self.applied_on.isoformat() if self.applied_on else "",
            "follow_up_on": self.follow_up_on.isoformat() if self.follow_up_on else "",
        }


def parse_optional_date(text: str, today: date, label: str, *, looking_back: bool = False) -> date | None:
    """Empty means no date; anything else must be a real date, and the error names the field."""
    if not text.strip():
        return None
    try:
        return parse_user_date(text, today, looking_back=looking_back)
    except InputError as exc:
        raise ApplicationError(f"{label}: {exc}") from None


def parse_applied_date(text: str, today: date) -> date | None:
    """The day it was sent, looking back: `mon` is the latest Monday, not next week's."""
    return parse_optional_date(text, today, "Date applied", looking_back=True)


def _check_applied(applied_on: date | None, stage: str, today: date) -> None:
    """A sent date is in the past (or today), and a wishlist item has not been sent yet."""
    if applied_on is None:
        return
    if applied_on > today:
        raise ApplicationError(
            f"Date applied: {applied_on:%a} {applied_on.day} {applied_on:%b} is still to come; "
            "type the day it was sent (empty: today), or keep it in the wishlist until then"
        )
    if stage == "wishlist":
        raise ApplicationError(
            "Date applied: a wishlist item has not been sent yet; leave the date empty, or choose the stage applied"
        )


def same_applications(store: Store, company: str, role: str, *, other_than: str = "") -> list[Application]:
    """Applications with this company and role already (case and spacing aside): a likely double entry."""

    def key(text: str) -> str:
        return " ".join(clean_line(text).casefold().split())

    wanted = (key(company), key(role))
    return [
        app for app in all_applications(store) if (key(app.company), key(app.role)) == wanted and app.id != other_than
    ]


# -- writing ----------------------------------------------------------------------------------


def add_application(store: Store, details: Details, *, stage: str = "applied", now: datetime) -> Application:
    """A new application; its history starts with the stage it was added in."""
    clean = details.cleaned()
    stage = parse_stage(stage)
    _check_applied(clean.applied_on, stage, now.date())
    stamp = timestamp(now)
    if clean.applied_on is None and stage not in ("wishlist", "withdrawn"):
        clean = clean.replace(applied_on=now.date())
    application = Application(
        company=clean.company,
        role=clean.role,
        stage=stage,
        history=[{"stage": stage, "at": stamp}],
        created_at=stamp,
        updated_at=stamp,
    )
    record = {**application.to_record(), **clean.changes()}
    return Application.from_record(store.insert(TABLE, record))


class Move(FrozenValue):
    """What a stage change did: the application as it is now and the stage it came from."""

    application: Application
    from_stage: str

    __slots__ = ("application", "from_stage")

    def __init__(self, application: Application, from_stage: str) -> None:
        self._set(application=application, from_stage=from_stage)

    @property
    def moved(self) -> bool:
        return self.from_stage != self.application.stage

    @property
    def reopened(self) -> bool:
        return self.from_stage in CLOSED_STAGES and not self.application.closed


def _move_changes(current: Application, stage: str, now: datetime) -> dict[str, Any]:
    """The fields a move changes (none when it is already there); the history keeps every move."""
    if current.stage == stage:
        return {}
    stamp = timestamp(now)
    changes: dict[str, Any] = {
        "stage": stage,
        "history": [*current.history, {"stage": stage, "at": stamp}],
        "updated_at": stamp,
    }
    if not current.applied_on and stage in IN_PLAY:
        changes["applied_on"] = now.date().isoformat()
    if stage in CLOSED_STAGES:
        changes["follow_up_on"] = ""  # nothing left to chase; the debrief can plan a feedback reminder
    return changes


def move(store: Store, application_id: str, stage: str, *, now: datetime) -> Move:
    """Change the stage and keep the move in the history; reopening a closed one is a move too."""
    stage = parse_stage(stage)
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        changes = _move_changes(current, stage, now)
        if not changes:
            return Move(current, stage)
        return Move(_found(tx.update(TABLE, application_id, changes)), current.stage)


class EditConflict(ApplicationError):
    """Fields the person changed in a form that were also changed elsewhere while it was open."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        changed = "; ".join(f"the {name.replace('_', ' ')} is now {value or 'empty'}" for name, value in fields.items())
        super().__init__(
            f"While this form was open, this application was changed elsewhere ({changed}). "
            "Save again to keep what you typed, or close the form to keep that change."
        )


def _as_typed(application: Application) -> dict[str, str]:
    """An application's details as the edit form's fields hold them (the keys of Details.changes)."""
    fields = Details(application.company, application.role).changes()
    return {name: str(getattr(application, name, "") or "") for name in fields}


def edit_application(
    store: Store,
    application_id: str,
    details: Details,
    *,
    stage: str,
    feedback: str,
    now: datetime,
    opened: Application | None = None,
    overwrite: bool = False,
) -> Move:
    """The edit form's save: the fields the person changed, a stage move and feedback, in one write.

    `opened` is the application as the form showed it. Only what the person changed since then is
    written, so a change made elsewhere meanwhile (`companion app move` in another terminal) is kept;
    when both changed the same field, EditConflict says so unless `overwrite`.
    """
    clean, stage, feedback = details.cleaned(), parse_stage(stage), _clean_feedback(feedback)
    _check_applied(clean.applied_on, stage, now.date())
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        base = opened or current
        before, now_stored, typed = _as_typed(base), _as_typed(current), clean.changes()
        mine = {name: value for name, value in typed.items() if value != before.get(name)}
        stage_changed = stage != base.stage
        feedback_changed = feedback != base.feedback.text
        elsewhere = {
            name: now_stored[name] for name, value in mine.items() if now_stored[name] not in (before[name], value)
        }
        if stage_changed and current.stage not in (base.stage, stage):
            elsewhere["stage"] = stage_label(current.stage)
        if feedback_changed and current.feedback.text not in (base.feedback.text, feedback):
            elsewhere["feedback"] = current.feedback.text[:40]
        if elsewhere and not overwrite:
            raise EditConflict(elsewhere)
        changes = {
            **mine,
            "updated_at": timestamp(now),
            **(_feedback_changes(current, feedback, now) if feedback_changed else {}),
            **(_move_changes(current, stage, now) if stage_changed else {}),
        }
        return Move(_found(tx.update(TABLE, application_id, changes)), current.stage)


def next_stage(application: Application) -> str | None:
    """`]`: one step along the active stages; an offer's next step is accepting it."""
    if application.stage == "offer":
        return "accepted"
    if application.stage in ACTIVE_STAGES:
        return ACTIVE_STAGES[ACTIVE_STAGES.index(application.stage) + 1]
    return None


def previous_stage(application: Application) -> str | None:
    """`[`: one step back; a closed application reopens where it was before it closed."""
    if application.closed:
        earlier = [entry["stage"] for entry in application.history if entry.get("stage") in ACTIVE_STAGES]
        return earlier[-1] if earlier else "applied"
    index = ACTIVE_STAGES.index(application.stage)
    return ACTIVE_STAGES[index - 1] if index > 0 else None


def set_follow_up(
    store: Store, application_id: str, day: date | None, *, done_today: bool = False, now: datetime
) -> Application:
    """Plan the next follow-up (None clears it); `done_today` counts one sent today as effort.

    A follow-up sent today answers any that was due by today, so that one is no longer due;
    a later day given with it stays planned.
    """
    if done_today and day is not None and day <= now.date():
        day = None
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        changes: dict[str, Any] = {
            "follow_up_on": day.isoformat() if day else "",
            "updated_at": timestamp(now),
        }
        today = now.date().isoformat()
        if done_today and today not in current.followed_up:
            changes["followed_up"] = [*current.followed_up, today]
        return _found(tx.update(TABLE, application_id, changes))


def request_feedback(store: Store, application_id: str, *, remind_on: date | None, now: datetime) -> Application:
    """The person asked (or will ask) for feedback today; optionally remind them to look for a reply."""
    if remind_on is not None and remind_on < now.date():
        passed = f"{remind_on:%a} {remind_on.day} {remind_on:%b}"
        raise ApplicationError(f"Reminder: {passed} has passed; choose today or a later day")
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        feedback = Feedback(now.date().isoformat(), current.feedback.received_on, current.feedback.text)
        changes: dict[str, Any] = {"feedback": feedback.as_dict(), "updated_at": timestamp(now)}
        if remind_on is not None:
            changes["follow_up_on"] = remind_on.isoformat()
            changes["next_action"] = "Look for a reply to the feedback request"
        return _found(tx.update(TABLE, application_id, changes))


def _clean_feedback(text: str) -> str:
    cleaned = clean_block(text)
    if len(cleaned) > MAX_NOTES:
        raise ApplicationError(f"the feedback is {len(cleaned)} characters; please keep it to {MAX_NOTES}")
    return cleaned


def _feedback_changes(current: Application, cleaned: str, now: datetime) -> dict[str, Any]:
    """Feedback text that changed; the first time it arrives sets the day it was received."""
    if cleaned == current.feedback.text:
        return {}
    received = current.feedback.received_on or (now.date().isoformat() if cleaned else "")
    feedback = Feedback(current.feedback.requested_on, received, cleaned)
    return {"feedback": feedback.as_dict(), "updated_at": timestamp(now)}


def delete_application(store: Store, application_id: str) -> bool:
    return store.remove(TABLE, application_id)


def _found(record: dict[str, Any] | None) -> Application:
    if record is None:
        raise ApplicationError("that application is no longer there (it may have been deleted elsewhere)")
    return Application.from_record(record)


# -- reading ----------------------------------------------------------------------------------


def all_applications(store: Store) -> list[Application]:
    """Every application, oldest first (the order they were added)."""
    applications = [Application.from_record(record) for record in store.all(TABLE)]
    applications.sort(key=lambda application: application.created_at)
    return applications


def find_application(store: Store, reference: str) -> Application:
    """By id, a unique start of an id, or a unique start of the company name, as people type it.

    An id (or its start) is tried first; the company name only when no id starts that way, so a
    company called "c0ffee" never hides the application whose id starts with it.
    """
    wanted = clean_line(reference).strip()
    if not wanted:
        raise ApplicationError("no application given: type its id, the start of its id, or its company name")
    matches = [Application.from_record(record) for record in store.find_by_prefix(TABLE, wanted.lower())]
    if not matches:
        folded = wanted.casefold()
        everyone = all_applications(store)
        matches = [app for app in everyone if app.company.casefold() == folded] or [
            app for app in everyone if app.company.casefold().startswith(folded)
        ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ApplicationError(
            f"no application has an id or company starting with '{wanted[:40]}' (see `companion apps`)"
        )
    shown = ", ".join(f"{app.id[:8]} {app.title}" for app in matches[:5])
    raise ApplicationError(
        f"'{wanted[:40]}' fits {len(matches)} applications ({shown}); type more of the id or the company"
    )


def matches_filter(application: Application, query: str) -> bool:
    """Every word must appear somewhere in what the person wrote about it."""
    haystack = " ".join(
        (application.company, application.role, application.location, application.source, application.notes,
         application.next_action, stage_label(application.stage))
    ).lower()
    return all(word in haystack for word in query.lower().split())


def follow_ups_due(applications: Iterable[Application], today: date) -> list[Application]:
    """Follow-ups planned for today or earlier, earliest first (closed ones too: feedback replies)."""
    due = [app for app in applications if app.follow_up is not None and app.follow_up <= today]
    return sorted(due, key=lambda app: (app.follow_up_on, app.company.lower()))


def describe_follow_up(application: Application, today: date) -> str:
    """`follow up today`, `follow up since Mon 23 Nov`, `follow up Tue 1 Dec`; empty when none."""
    day = application.follow_up
    if day is None:
        return ""
    if day == today:
        return "follow up today"
    when = f"{day:%a} {day.day} {day:%b}"
    return f"follow up since {when}" if day < today else f"follow up {when}"


def no_response_suggestions(applications: Iterable[Application], today: date, days: int) -> list[Application]:
    """Applied or screening, nothing for `days` days and no follow-up planned: worth closing gently.

    Only a suggestion: the person marks it (or plans a follow-up to keep waiting).
    """
    cutoff = today - timedelta(days=days)
    quiet = [
        app
        for app in applications
        if app.stage in ("applied", "screening")
        and (app.follow_up is None or app.follow_up < today)
        and (app.last_activity() or today) <= cutoff
    ]
    return sorted(quiet, key=lambda app: (app.last_activity() or today, app.company.lower()))


def no_response_line(suggestions: Sequence[Application], days: int) -> str:
    """The gentle wording for the suggestion; empty when nothing has been quiet that long."""
    if not suggestions:
        return ""
    names = ", ".join(app.company for app in suggestions[:4]) + (" …" if len(suggestions) > 4 else "")
    return (
        f"Quiet for {days}+ days: {sentence(names)} Silence says more about their inbox than about you; "
        "mark it as no response, or plan a follow-up if you'd rather wait."
    )


class Breadth(FrozenValue):
    """How many applications are in play against the person's own target."""

    active: int
    target: int

    __slots__ = ("active", "target")

    def __init__(self, active: int, target: int) -> None:
        self._set(active=active, target=target)

    @property
    def below_target(self) -> bool:
        return self.active < self.target

    def line(self) -> str:
        """Counts what is in play; below target it nudges, never scolds."""
        count = f"{self.active} in play (aim: {self.target})"
        if self.active == 0:
            return f"{count}. One application today is a fine start: it's a numbers game, not a verdict."
        if self.below_target:
            more = self.target - self.active
            return f"{count}. {more} more would spread the odds: no single company decides your future."
        return f"{count}. A good spread: no single answer carries all the weight."


def breadth(applications: Iterable[Application], target: int) -> Breadth:
    """Applications in play (applied up to offer) against the person's own target."""
    return Breadth(sum(1 for app in applications if app.in_play), target)


# -- stats ------------------------------------------------------------------------------------


class Stats(FrozenValue):
    """The pipeline in numbers: the funnel, responses, days per stage and weekly effort."""

    total: int
    funnel: list[tuple[str, int]]
    sent: int
    responded: int
    median_days: dict[str, float]
    week_starts: list[date]
    applications_per_week: list[int]
    follow_ups_per_week: list[int]
    feedback_requested: int
    feedback_received: int

    __slots__ = (
        "total",
        "funnel",
        "sent",
        "responded",
        "median_days",
        "week_starts",
        "applications_per_week",
        "follow_ups_per_week",
        "feedback_requested",
        "feedback_received",
    )

    def __init__(
        self,
        total: int,
        funnel: list[tuple[str, int]],
        sent: int,
        responded: int,
        median_days: dict[str, float],
        week_starts: list[date],
        applications_per_week: list[int],
        follow_ups_per_week: list[int],
        feedback_requested: int,
        feedback_received: int,
    ) -> None:
        self._set(
            total=total,
            funnel=funnel,
            sent=sent,
            responded=responded,
            median_days=median_days,
            week_starts=week_starts,
            applications_per_week=applications_per_week,
            follow_ups_per_week=follow_ups_per_week,
            feedback_requested=feedback_requested,
            feedback_received=feedback_received,
        )

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.sent if self.sent else None

    def lines(self) -> list[str]:
        """Plain text for the screen and `companion apps --stats`; effort first, then outcomes."""
        weeks = len(self.week_starts)
        apps_week, follow_week = sum(self.applications_per_week), sum(self.follow_ups_per_week)
        lines = [
            f"Effort, last {weeks} weeks (the part you control)",
            f"  applications  {sparkline(self.applications_per_week)}  {apps_week} sent",
            f"  follow-ups    {sparkline(self.follow_ups_per_week)}  {follow_week} sent",
            f"  feedback      {self.feedback_requested} asked for, {self.feedback_received} received",
            "",
            "Funnel",
            "  " + " → ".join(f"{stage} {count}" for stage, count in self.funnel),
        ]
        if self.response_rate is None:
            lines.append("  Responses: none sent yet")
        else:
            lines.append(f"  Responses: {self.responded} of {self.sent} heard back ({self.response_rate:.0%})")
        if self.median_days:
            spells = " · ".join(f"{stage} {days:g}" for stage, days in self.median_days.items())
            lines.append(f"  Median days per stage: {spells}")
        else:
            lines.append("  Median days per stage: shows once applications move on")
        return lines


def _reached_funnel_index(application: Application) -> int:
    """How far along applied → offer it got (-1: never sent); an accepted one reached offer."""
    reached = application.stages_reached()
    if "accepted" in reached:
        return len(FUNNEL) - 1
    indices = [FUNNEL.index(stage) for stage in reached if stage in FUNNEL]
    if indices:
        return max(indices)
    return 0 if application.applied or reached & {"rejected", "no_response"} else -1


def _stage_spells(application: Application) -> Iterable[tuple[str, int]]:
    """(stage, days spent) for every stage it has already left."""
    for entry, following in zip(application.history, application.history[1:]):
        try:
            start, end = parse_timestamp(entry["at"]).date(), parse_timestamp(following["at"]).date()
        except (KeyError, ValueError):
            continue
        yield entry["stage"], (end - start).days


def _median(values: Sequence[int]) -> float:
    """As statistics.median, without importing statistics at start-up: the middle, or the mean of the two."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def stats(applications: Sequence[Application], today: date, *, weeks: int = 8) -> Stats:
    """The funnel, response rate, median days per stage and weekly effort."""
    reached = [_reached_funnel_index(app) for app in applications]
    sent = [app for app, index in zip(applications, reached) if index >= 0]
    responded = [
        app for app in sent if app.stages_reached() & RESPONSE_STAGES or app.feedback.received_on
    ]
    spells: dict[str, list[int]] = {}
    for app in applications:
        for stage, days in _stage_spells(app):
            if stage in ACTIVE_STAGES:
                spells.setdefault(stage, []).append(days)
    starts = [week_start(today) - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]

    def per_week(days: Iterable[date | None]) -> list[int]:
        counts = dict.fromkeys(starts, 0)
        for day in days:
            if day is not None and day <= today and week_start(day) in counts:
                counts[week_start(day)] += 1
        return list(counts.values())

    return Stats(
        total=len(applications),
        funnel=[(stage, sum(1 for index in reached if index >= FUNNEL.index(stage))) for stage in FUNNEL],
        sent=len(sent),
        responded=len(responded),
        median_days={stage: _median(spells[stage]) for stage in ACTIVE_STAGES if stage in spells},
        week_starts=starts,
        applications_per_week=per_week(app.applied for app in applications),
        follow_ups_per_week=per_week(_date_or_none(day) for app in applications for day in app.followed_up),
        feedback_requested=sum(1 for app in applications if app.feedback.requested_on),
        feedback_received=sum(1 for app in applications if app.feedback.received_on),
    )


# -- the rejection debrief --------------------------------------------------------------------


def feedback_request_message(application: Application, name: str = "") -> str:
    """A short, warm request for feedback with company and role filled in, signed with `name`, ready to send.

    Only an application that got as far as a conversation thanks anyone for their time: one that was
    never answered, or turned down from the pile, had no time spent on it to thank for.
    """
    met = bool(application.stages_reached() & {"screening", "interviewing", "offer"})
    if met:
        opening = (
            f"Thank you for letting me know about the {application.role} role at {application.company}, "
            "and for the time you and the team spent with me.\n"
        )
        asked = "on my application or interviews"
        closing = f"I enjoyed learning about {application.company} and would be glad to stay in touch."
    elif application.stage == "no_response":
        opening = f"I applied for the {application.role} role at {application.company} and have not heard back.\n"
        asked = "on my application"
        closing = f"I would be glad to stay in touch with {application.company}."
    else:
        opening = f"Thank you for letting me know about the {application.role} role at {application.company}.\n"
        asked = "on my application"
        closing = f"I would be glad to stay in touch with {application.company}."
    return (
        f"Subject: Thank you, and a small request ({application.role})\n"
        "\n"
        "Hello,\n"
        "\n"
        f"{opening}"
        "\n"
        f"If you have a moment, I would really value any feedback {asked}: "
        "anything I could strengthen would help me a lot.\n"
        "\n"
        f"{closing}\n"
        "\n"
        f"{sign_off(name)}"
    )


class Debrief(Value):
    """A reflection after a rejection, linked to its application; every answer may be skipped."""

    __slots__ = ("application_id", "feeling", "went_well", "to_improve", "grown", "created_at", "kind", "id")

    def __init__(
        self,
        application_id: str,
        feeling: int | None = None,
        went_well: str = "",
        to_improve: str = "",
        grown: str = "",
        created_at: str = "",
        kind: str = DEBRIEF_KIND,
        id: str = "",
    ) -> None:
        self.application_id = application_id
        self.feeling = feeling
        self.went_well = went_well
        self.to_improve = to_improve
        self.grown = grown
        self.created_at = created_at
        self.kind = kind
        self.id = id

    @property
    def empty(self) -> bool:
        return self.feeling is None and not (self.went_well or self.to_improve or self.grown)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Debrief:
        feeling = record.get("feeling")
        return cls(
            application_id=str(record.get("application_id", "")),
            feeling=feeling if isinstance(feeling, int) and not isinstance(feeling, bool) else None,
            went_well=str(record.get("went_well", "")),
            to_improve=str(record.get("to_improve", "")),
            grown=str(record.get("grown", "")),
            created_at=str(record.get("created_at", "")),
            id=str(record.get("id", "")),
        )


def parse_feeling(text: str) -> int | None:
    """0 to 10, or nothing at all (every step of the debrief may be skipped)."""
    value = text.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 2 and int(value) in FEELING_RANGE:
        return int(value)
    raise ApplicationError(f"'{clean_line(text)}' is not on the scale: please use a whole number from 0 (heavy) to 10 (fine), or leave it empty to skip")


def save_debrief(
    store: Store, application_id: str, feeling: int | None, went_well: str, to_improve: str, grown: str, *, now: datetime
) -> Debrief | None:
    """Store the reflection linked to the application; nothing is stored when everything was skipped."""
    if feeling is not None and feeling not in FEELING_RANGE:
        raise ApplicationError("how it feels is a number from 0 to 10")
    texts = [clean_block(text) for text in (went_well, to_improve, grown)]
    for text in texts:
        if len(text) > MAX_NOTES:
            raise ApplicationError(f"that reflection is {len(text)} characters; please keep it to {MAX_NOTES}")
    debrief = Debrief(application_id, feeling, *texts, created_at=timestamp(now))
    if debrief.empty:
        return None
    return Debrief.from_record(store.insert(REFLECTIONS, debrief.as_dict()))


def debriefs_for(store: Store, application_id: str) -> list[Debrief]:
    """This application's debriefs, oldest first (other reflection kinds share the table)."""
    found = [
        Debrief.from_record(record)
        for record in store.all(REFLECTIONS)
        if record.get("kind") == DEBRIEF_KIND and record.get("application_id") == application_id
    ]
    return sorted(found, key=lambda debrief: debrief.created_at)

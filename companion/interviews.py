"""Interviews as records of an application: when, how long, what kind, with whom, where.

The day an interview happens is the day a search turns on, so it is planned (Today, the calendar
export), protected (the break planner reads `all_interviews`/`upcoming`) and followed up (a thank-you
note). Stored times carry their UTC offset (`dates.timestamp`); in memory they are naive local time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from companion import pipeline
from companion.dates import parse_timestamp, parse_user_datetime, timestamp
from companion.errors import InputError
from companion.pipeline import Application
from companion.records import Record, field
from companion.signature import sign_off
from companion.store import Store
from companion.textsafe import clean_block, clean_line

TABLE = "interviews"
KINDS = ("phone", "video", "onsite", "technical", "panel", "take_home", "other")
DEFAULT_KIND = "other"
DEFAULT_MINUTES = 60
MAX_MINUTES = 12 * 60
# An interview added to an application that has not heard back yet means it has: it moves here.
MOVES_TO = "interviewing"
EARLY_STAGES = ("wishlist", "applied")


class InterviewError(InputError):
    """An interview that cannot be saved or found as given; the message says what would work."""


class PastTimeError(InterviewError):
    """A start that has passed, given without saying it is meant (logging an interview that happened)."""

    def __init__(self, starts_at: datetime) -> None:
        super().__init__(f"{day_and_time(starts_at)} has passed; to log an interview that already happened, add --past")
        self.starts_at = starts_at


def kind_label(kind: str) -> str:
    """How a kind reads: `take_home` -> `take-home`."""
    return kind.replace("_", "-")


def parse_kind(text: str) -> str:
    """A kind as typed (`take-home`, `Take home`, `tech`: any unique start) or a clear refusal."""
    key = clean_line(text).lower().replace("-", "_").replace(" ", "_")
    if not key:
        return DEFAULT_KIND
    if key in KINDS:
        return key
    starting = [kind for kind in KINDS if kind.startswith(key)]
    if len(starting) == 1:
        return starting[0]
    raise InterviewError(
        f"'{clean_line(text)[:40]}' is not a kind of interview; use one of: "
        + ", ".join(kind_label(kind) for kind in KINDS)
    )


def parse_minutes(value: int | str) -> int:
    """A length in whole minutes, 1 to 720 (12 hours)."""
    text = clean_line(str(value))
    if not text:
        return DEFAULT_MINUTES
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_MINUTES:
        raise InterviewError(f"'{text[:20]}' is not a length: use whole minutes from 1 to {MAX_MINUTES} (12 hours)")
    return int(text)


def _clean_text(text: str, label: str, *, block: bool = False) -> str:
    cleaned = clean_block(text) if block else clean_line(text)
    limit = pipeline.MAX_NOTES if block else pipeline.MAX_LINE
    if len(cleaned) > limit:
        raise InterviewError(f"{label} is {len(cleaned)} characters; please keep it to {limit}")
    return cleaned


def day_and_time(moment: datetime) -> str:
    """`Thu 4 Dec 14:00`: the words every screen and command uses for an interview's start."""
    return f"{moment:%a} {moment.day} {moment:%b} {moment:%H:%M}"


def _start_read(value: Any) -> datetime:
    """A stored start; one that cannot be read raises (see `_interview`: no start, no interview)."""
    return parse_timestamp(str(value))


def _minutes_read(value: Any) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and 1 <= value <= MAX_MINUTES else DEFAULT_MINUTES


def _kind_read(value: Any) -> str:
    return value if isinstance(value, str) and value in KINDS else DEFAULT_KIND


class Interview(Record):
    """One interview as read from the store (times naive local; stored with their UTC offset)."""

    id: str = field()
    application_id: str = field()
    starts_at: datetime = field(kind="custom", read=_start_read, write=timestamp)
    minutes: int = field(default=DEFAULT_MINUTES, kind="custom", read=_minutes_read)
    kind: str = field(default=DEFAULT_KIND, kind="custom", read=_kind_read)
    with_whom: str = field(default="", key="with")
    where: str = field(default="")
    notes: str = field(default="", kind="block")
    created_at: str = field(default="")
    updated_at: str = field(default="")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def when(self) -> str:
        return day_and_time(self.starts_at)


def _interview(record: dict[str, Any]) -> Interview | None:
    """A stored interview read tolerantly (odd fields get defaults); no readable start means no interview."""
    try:
        return Interview.from_record(record)
    except (TypeError, ValueError, OverflowError):
        return None


class Plan(Record, frozen=True):
    """What a person types about an interview (CLI and form share it); None means 'leave as it is'."""

    when: str | None = field(default=None)
    minutes: str | None = field(default=None)
    kind: str | None = field(default=None)
    with_whom: str | None = field(default=None)
    where: str | None = field(default=None)
    notes: str | None = field(default=None)

    def changes(self, now: datetime, *, past: bool) -> dict[str, Any]:
        """The stored fields this plan sets, checked; a start in the past needs `past` (logging one)."""
        changes: dict[str, Any] = {}
        if self.when is not None:
            starts_at = parse_user_datetime(self.when, now)
            if starts_at < now and not past:
                raise PastTimeError(starts_at)
            changes["starts_at"] = timestamp(starts_at)
        if self.minutes is not None:
            changes["minutes"] = parse_minutes(self.minutes)
        if self.kind is not None:
            changes["kind"] = parse_kind(self.kind)
        if self.with_whom is not None:
            changes["with"] = _clean_text(self.with_whom, "'with'")
        if self.where is not None:
            changes["where"] = _clean_text(self.where, "'where'")
        if self.notes is not None:
            changes["notes"] = _clean_text(self.notes, "the notes", block=True)
        return changes


class Added(Record, frozen=True):
    """What adding an interview did: the interview, and the stage move it made (None when none)."""

    interview: Interview = field()
    move: pipeline.Move | None = field()

    def moved_words(self) -> str:
        """`Moved Acme to interviewing.` or nothing."""
        if self.move is None or not self.move.moved:
            return ""
        application = self.move.application
        return f"Moved {application.company} from {pipeline.stage_label(self.move.from_stage)} to {application.stage}."


def _read(record: dict[str, Any] | None) -> Interview:
    interview = _interview(record) if record is not None else None
    if interview is None:
        raise InterviewError("that interview is no longer there (it may have been deleted elsewhere)")
    return interview


def add_interview(
    store: Store, application: Application, plan: Plan, *, now: datetime, past: bool = False, move: bool = True
) -> Added:
    """A new interview for `application`; one still in wishlist/applied moves to interviewing (history kept)."""
    if plan.when is None:
        raise InterviewError("an interview needs a day and a time, e.g. 'tomorrow 9:30'")
    changes = plan.changes(now, past=past)
    stamp = timestamp(now)
    record = {
        "application_id": application.id,
        "minutes": DEFAULT_MINUTES,
        "kind": DEFAULT_KIND,
        "with": "",
        "where": "",
        "notes": "",
        **changes,
        "created_at": stamp,
        "updated_at": stamp,
    }
    interview = _read(store.insert(TABLE, record))
    made = None
    if move and application.stage in EARLY_STAGES:
        made = pipeline.move(store, application.id, MOVES_TO, now=now)
    return Added(interview, made)


def edit_interview(store: Store, interview_id: str, plan: Plan, *, now: datetime, past: bool = False) -> Interview:
    """Change what the plan sets; a new time in the past needs `past`, as when adding."""
    changes = plan.changes(now, past=past)
    with store.transaction() as tx:
        _read(tx.get(TABLE, interview_id))
        return _read(tx.update(TABLE, interview_id, {**changes, "updated_at": timestamp(now)}))


def delete_interview(store: Store, interview_id: str) -> bool:
    return store.remove(TABLE, interview_id)


# -- reading ----------------------------------------------------------------------------------


def all_interviews(store: Store) -> list[Interview]:
    """Every readable interview, earliest first; a record whose start does not parse is left out."""
    found = [interview for record in store.all(TABLE) if (interview := _interview(record))]
    return sorted(found, key=lambda interview: (interview.starts_at, interview.id))


def upcoming(store: Store, now: datetime, *, days: int | None = None) -> list[Interview]:
    """Interviews not over yet (one in progress included), earliest first; `days` limits how far ahead."""
    horizon = now + timedelta(days=days) if days is not None else None
    return [
        interview
        for interview in all_interviews(store)
        if interview.ends_at > now and (horizon is None or interview.starts_at < horizon)
    ]


def for_application(store: Store, application_id: str) -> list[Interview]:
    return [interview for interview in all_interviews(store) if interview.application_id == application_id]


def next_by_application(store: Store, now: datetime) -> dict[str, Interview]:
    """Each application's next interview not over yet (the board shows it on the card)."""
    nexts: dict[str, Interview] = {}
    for interview in upcoming(store, now):
        nexts.setdefault(interview.application_id, interview)
    return nexts


def ended_today(store: Store, now: datetime) -> list[Interview]:
    """Interviews that ended earlier today, latest first: the moment for a kind word and a thank-you."""
    today = now.date()
    done = [i for i in all_interviews(store) if i.ends_at <= now and i.ends_at.date() == today]
    return sorted(done, key=lambda interview: interview.ends_at, reverse=True)


def on_day(store: Store, day: date) -> list[Interview]:
    return [interview for interview in all_interviews(store) if interview.starts_at.date() == day]


def find_interview(store: Store, reference: str) -> Interview:
    """By id or a unique start of one (as `companion interviews` shows them)."""
    wanted = clean_line(reference).lower()
    if not wanted:
        raise InterviewError("no interview given: type its id or the start of it (see `companion interviews --all`)")
    found = [_interview(record) for record in store.find_by_prefix(TABLE, wanted)]
    matches = [interview for interview in found if interview is not None]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InterviewError(f"no interview has an id starting with '{wanted[:40]}' (see `companion interviews --all`)")
    raise InterviewError(f"'{wanted[:40]}' fits {len(matches)} interviews; type more of the id")


# -- words ------------------------------------------------------------------------------------


def describe(interview: Interview, application: Application | None) -> str:
    """`Acme — Designer, video, Thu 4 Dec 14:00 (60 min) with Sam`: one line for lists and toasts."""
    words = f"{_title(application)}, {kind_label(interview.kind)}, {interview.when} ({interview.minutes} min)"
    return words + (f" with {interview.with_whom}" if interview.with_whom else "")


def card_line(interview: Interview) -> str:
    """What a pipeline card shows: `Interview Thu 4 Dec 14:00`."""
    return f"Interview {interview.when}"


def thank_you_message(application: Application, interview: Interview, name: str = "") -> str:
    """A short thank-you note after an interview, company, role and people filled in, signed, ready to send."""
    greeting = f"Hello {interview.with_whom}," if interview.with_whom else "Hello,"
    return (
        f"Subject: Thank you for today ({application.role})\n"
        "\n"
        f"{greeting}\n"
        "\n"
        f"Thank you for taking the time to talk with me about the {application.role} role at "
        f"{application.company}. I enjoyed the conversation and learning more about the team and its work.\n"
        "\n"
        "If anything came up where more detail from me would help, I would be glad to send it.\n"
        "\n"
        f"{sign_off(name)}"
    )


def relative_when(moment: datetime, today: date) -> str:
    """`today 14:00`, `tomorrow 9:30`, or `Thu 4 Dec 14:00` further out."""
    if moment.date() == today:
        return f"today {moment:%H:%M}"
    if moment.date() == today + timedelta(days=1):
        return f"tomorrow {moment:%H:%M}"
    return day_and_time(moment)


def calm_minute_text(store: Store, now: datetime) -> str | None:
    """On the day of an interview, before it starts: the calm minute Today suggests (keys as {key:id})."""
    later_today = [i for i in upcoming(store, now) if i.starts_at.date() == now.date() and i.starts_at > now]
    if not later_today:
        return None
    return (
        f"An interview today at {later_today[0].starts_at:%H:%M}. A calm minute before it? "
        "Press {key:breathe} for the Breathe screen."
    )


def today_lines(
    store: Store, now: datetime, applications: Mapping[str, Application], keys: Callable[[str], str]
) -> list[str]:
    """Today's interview lines: the next one, and a kind word after one ended today.

    `keys` fills in key names ({key:id}) in companion's own words only, never in what the person typed.
    """
    lines: list[str] = []
    soon = upcoming(store, now)
    if soon:
        interview = soon[0]
        title = _title(applications.get(interview.application_id))
        if interview.starts_at <= now:
            lines.append(f"Interview now: {title}, until {interview.ends_at:%H:%M}")
        else:
            kind = "" if interview.kind == "other" else f" ({kind_label(interview.kind)})"
            lines.append(f"Next interview: {title}, {relative_when(interview.starts_at, now.date())}{kind}")
    done = ended_today(store, now)
    if done:
        company = _title(applications.get(done[0].application_id)).split(" — ")[0]
        lines.append(
            f"You did the interview with {company} today. "
            + keys(
                "When you're ready: log how it went ({key:quick_win}), or send a thank-you note "
                "({key:pipeline}, then {key:pipeline.thank_you})."
            )
        )
    return lines


def _title(application: Application | None) -> str:
    return application.title if application is not None else "an application no longer there"


def as_json(interview: Interview, application: Application | None) -> dict[str, Any]:
    """The fields `companion interviews --json` prints; times ISO 8601 with their offset."""
    return {
        "id": interview.id,
        "application_id": interview.application_id,
        "company": application.company if application else "",
        "role": application.role if application else "",
        "starts_at": timestamp(interview.starts_at),
        "ends_at": timestamp(interview.ends_at),
        "minutes": interview.minutes,
        "kind": interview.kind,
        "with": interview.with_whom,
        "where": interview.where,
        "notes": interview.notes,
    }

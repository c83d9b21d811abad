"""The pipeline's model: stages, the Application record (declared once), what a person types, the rules.

Applications move through their stages with a history; quiet ones are only *suggested* as "no
response" (the person decides). Nothing here reads or writes the store (companion.pipeline.storage),
counts (stats) or words what it shows (words): each part has one job, and companion.pipeline
gathers their public names, so `from companion import pipeline` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from companion.dates import parse_user_date
from companion.errors import InputError
from companion.records import Record, Typed, field
from companion.textsafe import clean_line

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
FEELING_RANGE = range(11)
DATE_HINT = "YYYY-MM-DD, +3d, fri, next week"
APPLIED_HINT = "YYYY-MM-DD, yesterday, mon, last fri; empty: today"


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


def date_or_none(value: str) -> date | None:
    """A stored YYYY-MM-DD as a date; empty or hand-mangled reads as none."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class Feedback(Record):
    """Asking a company for feedback: the days it was asked for and received (ISO), and what it said."""

    requested_on: str = field(default="", kind="day", csv="Feedback Requested", aliases=("feedbackrequestedon",))
    received_on: str = field(default="", kind="day", csv="Feedback Received", aliases=("feedbackreceivedon",))
    text: str = field(default="", kind="block", csv="Feedback")


def _stage_read(value: Any) -> str:
    return value if isinstance(value, str) and value in STAGES else "applied"


def _history_read(value: Any) -> list[dict[str, str]]:
    entries = value if isinstance(value, list) else []
    return [
        {"stage": str(entry.get("stage", "")), "at": str(entry.get("at", ""))}
        for entry in entries
        if isinstance(entry, dict)
    ]


class Application(Record):
    """One application as stored: what the person wrote, its stage, history and follow-ups.

    The one declaration of its fields: the record, the CSV export and import (header and the names other
    tools use), and the form (`form` label: the field is in Details) all derive from these lines.
    """

    company: str = field(
        kind="line",
        csv="Company",
        aliases=("companyname", "employer", "organisation", "organization", "org"),
        form="Company",
        required=True,
        limit=MAX_NAME,
    )
    role: str = field(
        kind="line",
        csv="Role",
        form="Role",
        required=True,
        limit=MAX_NAME,
        aliases=("position", "title", "jobtitle", "job", "positiontitle", "roletitle", "jobrole", "jobposition"),
    )
    stage: str = field(
        default="applied",
        kind="custom",
        read=_stage_read,
        csv="Stage",
        aliases=("status", "applicationstatus", "state"),
    )
    applied_on: str = field(
        default="",
        kind="day",
        csv="Date Applied",
        form="Date applied",
        hint=APPLIED_HINT,
        looking_back=True,
        aliases=("applied", "appliedon", "applieddate", "applicationdate", "dateofapplication", "date"),
    )
    follow_up_on: str = field(
        default="",
        kind="day",
        csv="Follow Up",
        form="Follow up on",
        hint=DATE_HINT,
        aliases=("followupon", "followupdate", "nextfollowup"),
    )
    next_action: str = field(
        default="",
        kind="line",
        csv="Next Action",
        form="Next action",
        limit=MAX_LINE,
        hint="e.g. prepare a story about teamwork",
        aliases=("nextstep", "nextsteps", "todo"),
    )
    location: str = field(
        default="",
        kind="line",
        csv="Location",
        form="Location",
        hint="city or remote",
        limit=MAX_NAME,
        aliases=("city", "place"),
    )
    source: str = field(
        default="",
        kind="line",
        csv="Source",
        form="Source",
        hint="referral, job board, ...",
        limit=MAX_NAME,
        aliases=("foundvia", "foundon", "via", "channel"),
    )
    url: str = field(
        default="",
        kind="line",
        csv="URL",
        form="URL",
        label="URL",
        limit=MAX_LINE,
        aliases=("link", "joblink", "joburl", "posting", "postingurl", "listing", "joblisting"),
    )
    notes: str = field(
        default="", kind="block", csv="Notes", form="Notes", limit=MAX_NOTES, aliases=("note", "comments", "comment")
    )
    feedback: Feedback = field(default_factory=Feedback)
    # As the person or the tool wrote it; min/max where it reads as amounts.
    salary: str = field(default="", kind="line", csv="Salary", aliases=("compensation", "pay", "salaryrange"))
    salary_min: int | None = field(default=None, kind="int", csv="Salary Min", aliases=("minsalary",))
    salary_max: int | None = field(default=None, kind="int", csv="Salary Max", aliases=("maxsalary",))
    salary_currency: str = field(default="", kind="line", csv="Currency", aliases=("salarycurrency",))
    deadline: str = field(default="", kind="day", csv="Deadline", aliases=("applyby", "closingdate"))  # to apply by
    excitement: int | None = field(
        default=None,
        kind="int",
        csv="Excitement",  # 1-5: Teal's stars, a priority
        aliases=("priority", "interest"),
    )
    resume_version: str = field(default="", kind="line", csv="Resume", aliases=("resumeversion", "cv", "cvversion"))
    cover_letter_version: str = field(default="", kind="line", csv="Cover Letter", aliases=("coverletterversion",))
    tags: list[str] = field(default_factory=list, kind="strings", csv="Tags", aliases=("labels",))
    description: str = field(default="", kind="block", csv="Description", aliases=("jobdescription",))  # the posting
    # Days a follow-up was sent: effort counts.
    followed_up: list[str] = field(default_factory=list, kind="days", csv="Follow-ups Sent", aliases=("followedup",))
    history: list[dict[str, str]] = field(
        default_factory=list, kind="custom", read=_history_read, csv="History", aliases=("stagehistory",)
    )
    # Where an import came from (`huntr:<id>`), so importing again adds nothing.
    origin: str = field(default="", kind="line", csv="Origin", aliases=("importedfrom",))
    created_at: str = field(default="", csv="Created", aliases=("createdat", "dateadded"))
    updated_at: str = field(default="", csv="Updated", aliases=("updatedat", "lastupdated"))
    id: str = field(default="", csv="ID")

    @property
    def closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def in_play(self) -> bool:
        return self.stage in IN_PLAY

    @property
    def follow_up(self) -> date | None:
        return date_or_none(self.follow_up_on)

    @property
    def applied(self) -> date | None:
        return date_or_none(self.applied_on)

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
        days = [date_or_none(str(entry.get("at", ""))[:10]) for entry in self.history]
        days += [self.applied, date_or_none(self.feedback.requested_on), date_or_none(self.feedback.received_on)]
        days += [date_or_none(day) for day in self.followed_up]
        known = [day for day in days if day is not None]
        return max(known) if known else None


class Details(Typed):
    """What a person types about an application (the form and `app add` share it): Application's form fields,
    `applied_on` and `follow_up_on` as dates."""

    RECORD = Application
    ERROR = ApplicationError


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


def check_applied(applied_on: date | None, stage: str, today: date) -> None:
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


class Move(Record, frozen=True):
    """What a stage change did: the application as it is now and the stage it came from."""

    application: Application = field()
    from_stage: str = field()

    @property
    def moved(self) -> bool:
        return self.from_stage != self.application.stage

    @property
    def reopened(self) -> bool:
        return self.from_stage in CLOSED_STAGES and not self.application.closed


class EditConflict(ApplicationError):
    """Fields the person changed in a form that were also changed elsewhere while it was open."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        changed = "; ".join(f"the {name.replace('_', ' ')} is now {value or 'empty'}" for name, value in fields.items())
        super().__init__(
            f"While this form was open, this application was changed elsewhere ({changed}). "
            "Save again to keep what you typed, or close the form to keep that change."
        )


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


def matches_filter(application: Application, query: str) -> bool:
    """Every word must appear somewhere in what the person wrote about it."""
    haystack = " ".join(
        (
            application.company,
            application.role,
            application.location,
            application.source,
            application.notes,
            application.next_action,
            stage_label(application.stage),
        )
    ).lower()
    return all(word in haystack for word in query.lower().split())


def follow_ups_due(applications: Iterable[Application], today: date) -> list[Application]:
    """Follow-ups planned for today or earlier, earliest first (closed ones too: feedback replies)."""
    due = [app for app in applications if app.follow_up is not None and app.follow_up <= today]
    return sorted(due, key=lambda app: (app.follow_up_on, app.company.lower()))


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


class Debrief(Record):
    """A reflection after a rejection, linked to its application; every answer may be skipped."""

    application_id: str = field()
    feeling: int | None = field(default=None, kind="int")
    went_well: str = field(default="", kind="block")
    to_improve: str = field(default="", kind="block")
    grown: str = field(default="", kind="block")
    created_at: str = field(default="")
    kind: str = field(default=DEBRIEF_KIND, kind="custom", read=lambda _: DEBRIEF_KIND)
    id: str = field(default="")

    @property
    def empty(self) -> bool:
        return self.feeling is None and not (self.went_well or self.to_improve or self.grown)


def parse_feeling(text: str) -> int | None:
    """0 to 10, or nothing at all (every step of the debrief may be skipped)."""
    value = text.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 2 and int(value) in FEELING_RANGE:
        return int(value)
    raise ApplicationError(
        f"'{clean_line(text)}' is not on the scale: please use a whole number from 0 (heavy) to 10 (fine), "
        "or leave it empty to skip"
    )

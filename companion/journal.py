"""The journal: every debrief, thought record and piece of feedback received, to read back and search.

The essay behind companion asks the person to journal after each "no" and later read how they
have grown. Here those words come back: newest first, feedback beside the debrief of the same
application, and a "what to try next" can become an item of next week's plan or a learning goal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from companion import card_store, pipeline, reframe
from companion.dates import timestamp, timestamp_or_oldest
from companion.errors import InputError
from companion.records import Record, field
from companion.store import Store
from companion.textsafe import clean_line
from companion.values import FrozenValue

DEBRIEF = "debrief"
THOUGHT_RECORD = "thought_record"
FEEDBACK = "feedback"
KIND_LABELS = {DEBRIEF: "debrief", THOUGHT_RECORD: "thought record", FEEDBACK: "feedback"}

PLANS = "plans"
PLAN_ITEM = "plan"
LEARNING_GOAL = "learning"
PLAN_LABELS = {PLAN_ITEM: "plan item", LEARNING_GOAL: "learning goal"}
MAX_PLAN = 500


class PlanError(InputError):
    """An entry that cannot become a plan item as it is; the message says why."""


class Entry(Record, frozen=True):
    """One journal entry, whatever its kind; fields a kind does not have stay empty."""

    kind: str = field()
    id: str = field()
    created_at: str = field()
    application_id: str = field(default="")
    application: str = field(default="")  # "Company — Role", or empty
    feeling: int | None = field(default=None)  # a debrief's 0 (heavy) to 10 (fine)
    mood: str = field(default="")  # a thought record's mood word
    before: int | None = field(default=None)  # a thought record's strength of feeling, 0-100
    after: int | None = field(default=None)
    situation: str = field(default="")
    thought: str = field(default="")
    balanced: str = field(default="")
    went_well: str = field(default="")
    to_try: str = field(default="")
    grown: str = field(default="")
    feedback: str = field(default="")  # feedback received for the same application

    @property
    def created(self) -> datetime:
        return timestamp_or_oldest(self.created_at)

    @property
    def day(self) -> date | None:
        moment = self.created
        return None if moment == datetime.min else moment.date()

    def mood_change(self) -> str:
        """`feeling 4/10` for a debrief, `anxious 80 → 40` for a thought record; empty when not noted."""
        if self.feeling is not None:
            return f"feeling {self.feeling}/10"
        if self.kind != THOUGHT_RECORD:
            return ""
        after = f" → {self.after}" if self.after is not None else ""
        return f"{self.mood + ' ' if self.mood else ''}{self.before}{after}".strip()

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) for what it holds, in reading order; empty ones are left out."""
        named = [
            ("Situation", self.situation),
            ("Thought", self.thought),
            ("A kinder, truer thought", self.balanced),
            ("What went well", self.went_well),
            ("What to try next", self.to_try),
            ("How I've grown", self.grown),
            ("Feedback received", self.feedback),
        ]
        return [(heading, text) for heading, text in named if text]

    def title(self) -> str:
        """`Fri 27 Nov 2026 · debrief · Acme — Dev`."""
        when = f"{self.day:%a} {self.day.day} {self.day:%b %Y}" if self.day else "undated"
        return " · ".join(part for part in (when, KIND_LABELS[self.kind], self.application) if part)

    def summary(self) -> str:
        """One line for a list: the title and the first words worth reading."""
        first = next((text for _heading, text in self.sections()), "")
        return f"{self.title()}: {clean_line(first)}" if first else self.title()

    def lines(self) -> list[str]:
        """The whole entry as plain text (`companion journal` and the screen's detail)."""
        lines = [self.title()]
        if self.mood_change():
            lines.append(f"  Mood: {self.mood_change()}")
        for heading, text in self.sections():
            lines.append(f"  {heading}:")
            lines += [f"    {line}" for line in text.splitlines() or [""]]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {**self.as_dict(), "date": self.day.isoformat() if self.day else None}

    def haystack(self) -> str:
        return " ".join([self.application, self.mood, KIND_LABELS[self.kind], *(t for _h, t in self.sections())])


def _titles(applications: Iterable[pipeline.Application]) -> dict[str, pipeline.Application]:
    return {app.id: app for app in applications}


def entries(store: Store) -> list[Entry]:
    """Every entry, newest first: debriefs (with their application's feedback), thought records, and
    feedback received for an application that has no debrief."""
    apps = _titles(pipeline.all_applications(store))
    records = store.all(pipeline.REFLECTIONS)
    found: list[Entry] = []
    debriefed: set[str] = set()
    for record in records:
        if record.get("kind") != pipeline.DEBRIEF_KIND:
            continue
        debrief = pipeline.Debrief.from_record(record)
        app = apps.get(debrief.application_id)
        debriefed.add(debrief.application_id)
        found.append(
            Entry(
                DEBRIEF,
                debrief.id,
                debrief.created_at,
                application_id=debrief.application_id,
                application=app.title if app else "",
                feeling=debrief.feeling,
                went_well=debrief.went_well,
                to_try=debrief.to_improve,
                grown=debrief.grown,
                feedback=app.feedback.text if app else "",
            )
        )
    for record in records:
        if record.get("kind") != card_store.THOUGHT_RECORD_KIND:
            continue
        thought = reframe.thought_record_from_dict(record)
        app = apps.get(thought.application_id or "")
        found.append(
            Entry(
                THOUGHT_RECORD,
                thought.id,
                thought.created_at,
                application_id=thought.application_id or "",
                application=app.title if app else "",
                mood=thought.mood,
                before=thought.intensity_before,
                after=thought.intensity_after,
                situation=thought.situation,
                thought=thought.automatic_thought,
                balanced=thought.balanced_thought,
            )
        )
    for app in apps.values():
        if app.feedback.text and app.id not in debriefed:
            when = app.feedback.received_on or app.updated_at[:10]
            found.append(
                Entry(FEEDBACK, app.id, when, application_id=app.id, application=app.title, feedback=app.feedback.text)
            )
    found.sort(key=lambda entry: entry.created, reverse=True)
    return found


def search(found: Sequence[Entry], words: str) -> list[Entry]:
    """Entries holding every word (any case), in the order given."""
    wanted = words.casefold().split()
    return [entry for entry in found if all(word in entry.haystack().casefold() for word in wanted)]


def empty_line(searching: bool) -> str:
    """What the journal says when there is nothing to show."""
    if searching:
        return "Nothing in the journal matches that. Fewer or other words may find it."
    return (
        "The journal is empty for now. After a \u201cno\u201d, a short debrief (or a thought record on a hard day) "
        "lands here, so you can read back later how far you have come."
    )


# -- next week's plan ---------------------------------------------------------------------------


class PlanItem(FrozenValue):
    """Something to try, taken from the journal into next week's plan (or as a learning goal)."""

    text: str
    kind: str
    entry_id: str
    application_id: str
    created_at: str
    id: str

    __slots__ = ("text", "kind", "entry_id", "application_id", "created_at", "id")

    def __init__(
        self,
        text: str,
        kind: str = PLAN_ITEM,
        entry_id: str = "",
        application_id: str = "",
        created_at: str = "",
        id: str = "",
    ) -> None:
        self._set(text=text, kind=kind, entry_id=entry_id, application_id=application_id, created_at=created_at, id=id)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PlanItem:
        kind = str(record.get("kind", PLAN_ITEM))
        return cls(
            text=str(record.get("text", "")),
            kind=kind if kind in PLAN_LABELS else PLAN_ITEM,
            entry_id=str(record.get("entry_id", "")),
            application_id=str(record.get("application_id", "")),
            created_at=str(record.get("created_at", "")),
            id=str(record.get("id", "")),
        )

    def line(self) -> str:
        return f"Learning goal: {self.text}" if self.kind == LEARNING_GOAL else self.text


def toggle_plan(store: Store, entry: Entry, kind: str, *, now: datetime) -> tuple[PlanItem, bool]:
    """Put an entry's "what to try next" on the plan (True), or take it off when it is there (False)."""
    text = " ".join(clean_line(entry.to_try).split())[:MAX_PLAN]
    if not text:
        raise PlanError("this entry has no \u201cwhat to try next\u201d to plan from (a debrief has one)")
    if kind not in PLAN_LABELS:
        raise PlanError(f"'{clean_line(kind)}' is not a kind of plan item; use one of: {', '.join(PLAN_LABELS)}")
    with store.transaction() as tx:
        for record in tx.all(PLANS):
            item = PlanItem.from_record(record)
            if item.text.casefold() == text.casefold():
                tx.remove(PLANS, item.id)
                return item, False
        stamp = timestamp(now)
        record = PlanItem(text, kind, entry.id, entry.application_id, created_at=stamp).as_dict()
        return PlanItem.from_record(tx.insert(PLANS, {**record, "updated_at": stamp})), True


def plan_items(store: Store) -> list[PlanItem]:
    """Next week's plan items and learning goals, oldest first."""
    items = [PlanItem.from_record(record) for record in store.all(PLANS)]
    return sorted(items, key=lambda item: item.created_at)

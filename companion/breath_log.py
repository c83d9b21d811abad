"""The breathing history and the person's own patterns, kept in the store.

The engine (breathing.py) paces a breath; this module remembers. Custom patterns are there next
time, and each session (finished or stopped) is kept so the week can say "12 minutes of calm":
it counts what was done and never what was not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from companion import breathing
from companion.breathing import (
    Pattern,
    PatternError,
    SessionSummary,
    custom_pattern,
    pattern_from_dict,
    pattern_to_dict,
)
from companion.dates import timestamp, timestamp_or_oldest
from companion.records import Record, field
from companion.textsafe import clean_line

if TYPE_CHECKING:
    from typing import Any

    from companion.store import Record as Stored, Store

PATTERNS_TABLE = "breath_patterns"
SESSIONS_TABLE = "breath_sessions"
MIN_STORED_SECONDS = 5.0
"""Shorter than this is a key pressed by mistake, not a session worth keeping."""


def _number(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A stored number read tolerantly: a hand-edited value that is no number reads as 0."""

    def read(value: Any) -> Any:
        try:
            return convert(value or 0)
        except (TypeError, ValueError, OverflowError):
            return convert(0)

    return read


class BreathSession(Record, frozen=True):
    """One kept breathing session, as stored: which pattern, when, and how long."""

    pattern_id: str = field()
    pattern_name: str = field()
    started_at: str = field()
    seconds: float = field(kind="custom", read=_number(float))
    cycles: int = field(kind="custom", read=_number(int))
    # True when the planned length was breathed; False when the person stopped earlier (that is fine)
    finished: bool = field(kind="custom", read=bool)
    id: str = field(default="")

    @property
    def started(self) -> datetime:
        return timestamp_or_oldest(self.started_at)


# --- custom patterns -----------------------------------------------------------------------------


def _readable_patterns(records: Sequence[Stored]) -> list[Pattern]:
    """Stored patterns in the order they were made; one edited by hand into nonsense is left out
    rather than stopping the whole screen (it stays in the file, untouched)."""
    patterns: list[Pattern] = []
    for record in sorted(records, key=lambda r: str(r.get("created_at", ""))):
        try:
            patterns.append(pattern_from_dict(record))
        except PatternError:
            continue
    return patterns


def custom_patterns(store: Store) -> list[Pattern]:
    """The person's own patterns, oldest first; each has its store id as `Pattern.id`."""
    return _readable_patterns(store.all(PATTERNS_TABLE))


def all_patterns(store: Store) -> list[Pattern]:
    """What the Breathe screen offers: the presets first, then the person's own patterns."""
    return [*breathing.load_presets(), *custom_patterns(store)]


def is_custom(pattern: Pattern) -> bool:
    """Presets ship with the app and cannot be edited or deleted; everything else can."""
    return pattern.id not in {preset.id for preset in breathing.load_presets()}


def _checked(stored: Sequence[Stored], name: str, phases: Sequence[float | str], editing_id: str) -> Pattern:
    """The pattern to save, or PatternError with every problem, a clashing name included."""
    errors = breathing.validate_pattern(name, phases)
    wanted = clean_line(name).casefold()
    taken = [*breathing.load_presets(), *_readable_patterns(stored)]
    if wanted and any(p.name.casefold() == wanted and p.id != editing_id for p in taken):
        errors.insert(
            0, f"There is already a pattern called \u201c{clean_line(name)}\u201d: please choose another name."
        )
    if errors:
        raise PatternError(errors)
    return custom_pattern(name, phases)


def add_pattern(store: Store, name: str, phases: Sequence[float | str], *, now: datetime) -> Pattern:
    """Save a new custom pattern (in, hold, out, hold seconds, as numbers or as typed)."""
    stamp = timestamp(now)
    with store.transaction() as tx:
        pattern = _checked(tx.all(PATTERNS_TABLE), name, phases, editing_id="")
        record = tx.insert(PATTERNS_TABLE, {**pattern_to_dict(pattern), "created_at": stamp, "updated_at": stamp})
    return pattern_from_dict(record)


def update_pattern(
    store: Store, pattern_id: str, name: str, phases: Sequence[float | str], *, now: datetime
) -> Pattern:
    """Change a custom pattern's name and rhythm; past sessions keep the name they were breathed with."""
    with store.transaction() as tx:
        pattern = _checked(tx.all(PATTERNS_TABLE), name, phases, editing_id=pattern_id)
        stored = pattern_to_dict(pattern)
        record = tx.update(
            PATTERNS_TABLE,
            pattern_id,
            {"name": stored["name"], "phases": stored["phases"], "updated_at": timestamp(now)},
        )
    if record is None:
        raise PatternError(["That pattern is no longer here (it may have been deleted elsewhere)."])
    return pattern_from_dict(record)


def delete_pattern(store: Store, pattern_id: str) -> bool:
    return store.remove(PATTERNS_TABLE, pattern_id)


# --- sessions ------------------------------------------------------------------------------------


def record_session(
    store: Store, pattern: Pattern, summary: SessionSummary, *, started_at: datetime, finished: bool
) -> BreathSession | None:
    """Keep one session in the history; None when it was too short to count (nothing written)."""
    if summary.seconds < MIN_STORED_SECONDS:
        return None
    session = BreathSession(
        pattern_id=pattern.id,
        pattern_name=pattern.name,
        started_at=timestamp(started_at),
        seconds=round(summary.seconds, 1),
        cycles=summary.completed_cycles,
        finished=finished,
    )
    return BreathSession.from_record(store.insert(SESSIONS_TABLE, session.to_record()))


def all_sessions(store: Store) -> list[BreathSession]:
    """Every stored session, newest first."""
    sessions = [BreathSession.from_record(record) for record in store.all(SESSIONS_TABLE)]
    sessions.sort(key=lambda session: session.started_at, reverse=True)
    return sessions


def minutes_this_week(store: Store, now: datetime) -> float:
    """Minutes breathed in the week (Monday to Sunday) that holds `now`: for Breathe and Today."""
    return breathing.minutes_this_week(((s.started, s.seconds) for s in all_sessions(store)), now)


def week_line(minutes: float) -> str:
    """This week's breathing in one kind line: what was done, no streaks, no targets."""
    if minutes <= 0:
        return "This week is a fresh start: one slow breath is enough to begin."
    if minutes < 1:
        return "A few calm breaths this week."
    whole = int(minutes + 0.5)
    unit = "minute" if whole == 1 else "minutes"
    return f"{whole} {unit} of calm this week."


# --- the last choice -----------------------------------------------------------------------------

CHOICE_TABLE = "breath_choice"
_CHOICE_ID = "last"  # one record per person (per data dir), merged by id like any other between machines


class BreathChoice(Record, frozen=True):
    """The pattern and length breathed last, so Breathe opens where the person left it."""

    pattern_id: str = field()
    minutes: int = field()
    breaths: int = field()
    by_breaths: bool = field()


def last_choice(store: Store) -> BreathChoice | None:
    """The choice kept by `remember_choice`, or None (never breathed, or a hand-edited record that does not read)."""
    record = store.get(CHOICE_TABLE, _CHOICE_ID)
    if record is None:
        return None
    try:
        return BreathChoice(
            pattern_id=str(record.get("pattern_id", "")),
            minutes=int(record.get("minutes", 0)),
            breaths=int(record.get("breaths", 0)),
            by_breaths=bool(record.get("by_breaths", False)),
        )
    except (TypeError, ValueError):
        return None


def remember_choice(store: Store, choice: BreathChoice, *, now: datetime) -> None:
    """Keep the pattern and length of the session just started (one small write, only when it changed)."""
    if last_choice(store) == choice:
        return
    changes = {**choice.as_dict(), "updated_at": timestamp(now)}
    with store.transaction() as tx:
        if tx.get(CHOICE_TABLE, _CHOICE_ID) is None:
            tx.insert(CHOICE_TABLE, {**changes, "id": _CHOICE_ID, "created_at": timestamp(now)})
        else:
            tx.update(CHOICE_TABLE, _CHOICE_ID, changes)

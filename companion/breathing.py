"""Breathing patterns and a pure pacing engine.

Slow breathing is the quickest tool a person has against the spike of a rejection email. The engine
answers one question, "where in the breath are we after this many seconds?", from the monotonic
start time minus paused time, never from counted ticks: a screen that redraws late or irregularly
still shows the right phase, and a long session does not drift.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache, lru_cache

from companion.bundled import read_bundled
from companion.dates import week_start
from companion.errors import InputError
from companion.records import Record, field
from companion.textsafe import clean_line
from companion.values import FrozenValue

MAX_PHASE_SECONDS = 20.0
MAX_NAME_LENGTH = 40
SIGH_FIRST_PEAK = 0.8
"""How full the visual gets on the sigh's first in-breath, leaving room for the top-up."""


class PhaseKind(StrEnum):
    INHALE = "inhale"
    TOP_UP = "top-up"
    HOLD = "hold"
    EXHALE = "exhale"


PHASE_LABELS: dict[PhaseKind, str] = {
    PhaseKind.INHALE: "Breathe in",
    PhaseKind.TOP_UP: "In again, a little more",
    PhaseKind.HOLD: "Hold",
    PhaseKind.EXHALE: "Breathe out",
}

CUSTOM_SHAPE: tuple[PhaseKind, ...] = (PhaseKind.INHALE, PhaseKind.HOLD, PhaseKind.EXHALE, PhaseKind.HOLD)
"""A custom pattern is four numbers, in this order: in, hold, out, hold."""


class PatternError(InputError):
    """A pattern that cannot be used as given; `messages` says kindly what would work."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


class Phase(Record, frozen=True):
    """One part of a breath: what to do and for how many seconds."""

    kind: PhaseKind = field()
    seconds: float = field()

    @property
    def label(self) -> str:
        return PHASE_LABELS[self.kind]


class Pattern(FrozenValue):
    """A named rhythm: the ordered phases of one breath cycle (phases of 0 s are skipped)."""

    name: str
    phases: tuple[Phase, ...]
    id: str
    description: str

    __slots__ = ("name", "phases", "id", "description")

    def __init__(self, name: str, phases: tuple[Phase, ...], id: str = "", description: str = "") -> None:
        self._set(name=name, phases=phases, id=id, description=description)
        # The engine divides by the cycle length: refuse patterns it could not pace at all.
        if any(not math.isfinite(phase.seconds) or phase.seconds < 0 for phase in self.phases):
            raise PatternError(["Each part of a breath needs a length of 0 seconds or more."])
        if self.cycle_seconds <= 0:
            raise PatternError(["A pattern needs at least one part longer than 0 seconds."])

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    @property
    def rhythm(self) -> str:
        """The pattern as people say it: "4-7-8", "5.5-5.5", "4-0-8-0"."""
        return "-".join(f"{phase.seconds:g}" for phase in self.phases)


class PhaseState(Record, frozen=True):
    """Where the breath is at one moment, everything a screen needs to draw it."""

    phase: Phase = field()
    index: int = field()  # position of the phase in `Pattern.phases`
    seconds_left: float = field()
    progress: float = field()  # 0..1 through the current phase
    cycle: int = field()  # 1-based number of the breath cycle
    # 0..1 size of the visual: grows on the in-breath, stays on a hold, shrinks on the out-breath
    scale: float = field()

    @property
    def label(self) -> str:
        return self.phase.label


class SessionSummary(Record, frozen=True):
    """How long a session lasted and how many whole breaths it held, for the history."""

    seconds: float = field()
    completed_cycles: int = field()


# --- presets -------------------------------------------------------------------------------------


@cache
def load_presets() -> tuple[Pattern, ...]:
    """The bundled presets (Today imports this module but never needs them: read on first use)."""
    data = read_bundled("breathing_presets.toml")
    return tuple(pattern_from_dict(entry) for entry in data["preset"])


def preset(preset_id: str) -> Pattern:
    """One bundled preset by id (`box`, `478`, `coherent`, `sigh`, `long-exhale`)."""
    for pattern in load_presets():
        if pattern.id == preset_id:
            return pattern
    known = ", ".join(pattern.id for pattern in load_presets())
    raise KeyError(f"no breathing preset '{preset_id}' (known: {known})")


# --- custom patterns: validation and storage ----------------------------------------------------


def field_name(kinds: Sequence[PhaseKind], index: int) -> str:
    """How a form and its messages name a phase: a hold says what it follows."""
    kind = kinds[index]
    if kind is not PhaseKind.HOLD:
        return PHASE_LABELS[kind]
    after_in = kinds[index - 1] in (PhaseKind.INHALE, PhaseKind.TOP_UP)
    return "Hold after breathing in" if after_in else "Hold after breathing out"


def _name_errors(name: str) -> list[str]:
    if not name:
        return ["Please give your pattern a name."]
    if len(name) > MAX_NAME_LENGTH:
        return [f"Please keep the name to {MAX_NAME_LENGTH} characters or fewer (it has {len(name)})."]
    return []


def _phase_errors(field: str, kind: PhaseKind, seconds: float) -> list[str]:
    """A hold may be 0 seconds (no hold); breathing in or out needs some time: each message says which."""
    if kind is not PhaseKind.HOLD and seconds == 0:
        return [f"{field} needs a little time: please choose more than 0 seconds."]
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_PHASE_SECONDS:
        if kind is PhaseKind.HOLD:
            return [f"{field}: please choose between 0 and {MAX_PHASE_SECONDS:g} seconds."]
        return [f"{field}: please choose more than 0 and up to {MAX_PHASE_SECONDS:g} seconds."]
    return []


def _parse_seconds(value: float | str) -> float | None:
    """A number typed in a form ("4", "5.5", "5,5") or given as a number; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def validate_pattern(name: str, phases: Sequence[float | str]) -> list[str]:
    """Kind messages for everything wrong with a custom pattern; empty when it is fine.

    `phases` are the four numbers of `CUSTOM_SHAPE` (in, hold, out, hold), as numbers or as typed.
    """
    errors = _name_errors(clean_line(name))
    if len(phases) != len(CUSTOM_SHAPE):
        return [*errors, "A custom pattern has four numbers: breathe in, hold, breathe out, hold."]
    for index, (kind, value) in enumerate(zip(CUSTOM_SHAPE, phases, strict=True)):
        field = field_name(CUSTOM_SHAPE, index)
        seconds = _parse_seconds(value)
        if seconds is None:
            errors.append(f"{field}: please enter a number of seconds, like 4.")
        else:
            errors.extend(_phase_errors(field, kind, seconds))
    return errors


def custom_pattern(name: str, phases: Sequence[float | str]) -> Pattern:
    """Build a custom pattern (in, hold, out, hold); raises PatternError with every problem."""
    errors = validate_pattern(name, phases)
    if errors:
        raise PatternError(errors)
    seconds = [parsed for value in phases if (parsed := _parse_seconds(value)) is not None]
    return Pattern(
        name=clean_line(name),
        phases=tuple(Phase(kind, value) for kind, value in zip(CUSTOM_SHAPE, seconds, strict=True)),
    )


def pattern_to_dict(pattern: Pattern) -> dict[str, object]:
    """A plain dict for storage (JSON/TinyDB/TOML friendly)."""
    return {
        "id": pattern.id,
        "name": pattern.name,
        "description": pattern.description,
        "phases": [{"kind": phase.kind.value, "seconds": phase.seconds} for phase in pattern.phases],
    }


def pattern_from_dict(data: Mapping[str, object]) -> Pattern:
    """Read back a stored or bundled pattern; raises PatternError if it is not one we can pace."""
    name = clean_line(str(data.get("name", "")))
    raw_phases = data.get("phases")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise PatternError([*_name_errors(name), "This pattern has no phases to breathe."])
    errors = _name_errors(name)
    kinds: list[PhaseKind] = []
    seconds: list[float] = []
    for number, raw in enumerate(raw_phases, start=1):
        raw = raw if isinstance(raw, Mapping) else {}
        try:
            kinds.append(PhaseKind(str(raw.get("kind"))))
        except ValueError:
            known = ", ".join(kind.value for kind in PhaseKind)
            errors.append(f"Phase {number} has an unknown kind {raw.get('kind')!r} (use {known}).")
        parsed = _parse_seconds(raw.get("seconds", ""))
        if parsed is None:
            errors.append(f"Phase {number} needs a number of seconds.")
        seconds.append(math.nan if parsed is None else parsed)
    if not errors:
        for index, (kind, value) in enumerate(zip(kinds, seconds, strict=True)):
            errors.extend(_phase_errors(field_name(kinds, index), kind, value))
    if errors:
        raise PatternError(errors)
    return Pattern(
        name=name,
        phases=tuple(Phase(kind, value) for kind, value in zip(kinds, seconds, strict=True)),
        id=clean_line(str(data.get("id", ""))),
        description=clean_line(str(data.get("description", ""))),
    )


# --- the pacing engine ---------------------------------------------------------------------------


class _Segment(Record, frozen=True):
    """One non-empty phase of a cycle: where it starts and how the visual's size moves through it."""

    start: float = field()
    phase: Phase = field()
    index: int = field()
    scale_from: float = field()
    scale_to: float = field()


@lru_cache(maxsize=64)
def _timeline(pattern: Pattern) -> tuple[tuple[_Segment, ...], tuple[float, ...]]:
    """The non-empty phases of one cycle with their start offsets and visual scale ramps."""
    active = [(index, phase) for index, phase in enumerate(pattern.phases) if phase.seconds > 0]
    segments: list[_Segment] = []
    start, level = 0.0, 0.0
    for position, (index, phase) in enumerate(active):
        next_kind = active[(position + 1) % len(active)][1].kind
        if phase.kind is PhaseKind.INHALE:
            target = SIGH_FIRST_PEAK if next_kind is PhaseKind.TOP_UP else 1.0
        elif phase.kind is PhaseKind.TOP_UP:
            target = 1.0
        elif phase.kind is PhaseKind.EXHALE:
            target = 0.0
        else:
            target = level
        segments.append(_Segment(start, phase, index, level, target))
        start += phase.seconds
        level = target
    return tuple(segments), tuple(segment.start for segment in segments)


def phase_at(pattern: Pattern, elapsed: float) -> PhaseState:
    """Where the breath is `elapsed` seconds after the session started (pure: same in, same out)."""
    segments, starts = _timeline(pattern)
    completed, within = divmod(max(0.0, elapsed), pattern.cycle_seconds)
    segment = segments[bisect_right(starts, within) - 1]
    length = segment.phase.seconds
    into = within - segment.start
    progress = min(1.0, max(0.0, into / length))
    return PhaseState(
        phase=segment.phase,
        index=segment.index,
        seconds_left=max(0.0, length - into),
        progress=progress,
        cycle=int(completed) + 1,
        scale=segment.scale_from + (segment.scale_to - segment.scale_from) * progress,
    )


class BreathingSession:
    """One sitting with one pattern, lasting some minutes or some cycles (or until stopped).

    Minutes are rounded up to whole cycles, so a session never ends in the middle of a breath.
    Time comes only from `clock` (monotonic seconds): elapsed = now - start - time spent paused.
    """

    def __init__(
        self,
        pattern: Pattern,
        *,
        minutes: float | None = None,
        cycles: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if minutes is not None and cycles is not None:
            raise ValueError("choose a session length in minutes or in cycles, not both")
        if minutes is not None and not (math.isfinite(minutes) and minutes > 0):
            raise ValueError(f"a session needs more than 0 minutes (got {minutes})")
        if cycles is not None and cycles < 1:
            raise ValueError(f"a session needs at least 1 cycle (got {cycles})")
        self.pattern = pattern
        self._clock = clock
        self._target_cycles = cycles if minutes is None else math.ceil(minutes * 60 / pattern.cycle_seconds - 1e-9)
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0

    @property
    def target_seconds(self) -> float | None:
        """How long the session lasts, or None when it runs until the person stops it."""
        return None if self._target_cycles is None else self._target_cycles * self.pattern.cycle_seconds

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def start(self) -> None:
        """Begin (or begin again from the first breath)."""
        self._started_at = self._clock()
        self._paused_at = None
        self._paused_total = 0.0

    def pause(self) -> None:
        """Stop the clock of the breath; does nothing if not running."""
        if self.started and not self.paused:
            self._paused_at = self._clock()

    def resume(self) -> None:
        """Carry on from the same point in the breath; does nothing if not paused."""
        if self._paused_at is not None:
            self._paused_total += self._clock() - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float:
        """Seconds of breathing so far: monotonic now minus start minus time paused."""
        if self._started_at is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self._clock()
        return max(0.0, now - self._started_at - self._paused_total)

    def phase_at(self, elapsed: float | None = None) -> PhaseState:
        return phase_at(self.pattern, self.elapsed() if elapsed is None else elapsed)

    def is_finished(self, elapsed: float | None = None) -> bool:
        target = self.target_seconds
        seconds = self.elapsed() if elapsed is None else elapsed
        return target is not None and seconds >= target

    def summary(self, elapsed: float | None = None) -> SessionSummary:
        """Seconds breathed (never past the planned end) and whole cycles completed."""
        seconds = self.elapsed() if elapsed is None else max(0.0, elapsed)
        target = self.target_seconds
        if target is not None:
            seconds = min(seconds, target)
        return SessionSummary(seconds, math.floor(seconds / self.pattern.cycle_seconds + 1e-9))


# --- history and closing words -------------------------------------------------------------------


def minutes_this_week(records: Iterable[tuple[datetime, float]], now: datetime) -> float:
    """Minutes breathed in the ISO week (Monday start) that holds `now`."""
    monday = week_start(now.date())
    next_monday = monday + timedelta(days=7)
    return sum(seconds for started, seconds in records if monday <= started.date() < next_monday) / 60


def closing_line(seconds: float) -> str:
    """A gentle word at the end of a session: thanks for the time, no streaks, no pressure."""
    if seconds < 1:
        return "Whenever you're ready, this space is here for you."
    if seconds < 60:
        return "A few calm breaths. Even a short pause makes a difference."
    minutes = int(seconds / 60 + 0.5)
    unit = "minute" if minutes == 1 else "minutes"
    return f"{minutes} {unit} of calm. Well done taking this time."

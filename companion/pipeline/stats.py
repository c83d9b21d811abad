"""The pipeline in numbers: breadth against the person's target, the funnel, days per stage, weekly effort."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from companion.dates import parse_timestamp, week_start
from companion.pipeline import words
from companion.pipeline.model import ACTIVE_STAGES, FUNNEL, RESPONSE_STAGES, Application, date_or_none
from companion.records import Record, field


class Breadth(Record, frozen=True):
    """How many applications are in play against the person's own target."""

    active: int = field()
    target: int = field()

    @property
    def below_target(self) -> bool:
        return self.active < self.target

    def line(self) -> str:
        """Counts what is in play; below target it nudges, never scolds."""
        return words.breadth_line(self)


def breadth(applications: Iterable[Application], target: int) -> Breadth:
    """Applications in play (applied up to offer) against the person's own target."""
    return Breadth(sum(1 for app in applications if app.in_play), target)


class WeeklyEffort(Record, frozen=True):
    """The part the person controls, week by week: what Today shows, and where the stats begin."""

    week_starts: list[date] = field()
    applications_per_week: list[int] = field()
    follow_ups_per_week: list[int] = field()
    feedback_requested: int = field()
    feedback_received: int = field()

    def lines(self) -> list[str]:
        return words.effort_lines(self)


class Stats(Record, frozen=True):
    """The pipeline in numbers: the funnel, responses, days per stage and weekly effort."""

    total: int = field()
    funnel: list[tuple[str, int]] = field()
    sent: int = field()
    responded: int = field()
    median_days: dict[str, float] = field()
    week_starts: list[date] = field()
    applications_per_week: list[int] = field()
    follow_ups_per_week: list[int] = field()
    feedback_requested: int = field()
    feedback_received: int = field()

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.sent if self.sent else None

    @property
    def effort(self) -> WeeklyEffort:
        return WeeklyEffort(
            self.week_starts,
            self.applications_per_week,
            self.follow_ups_per_week,
            self.feedback_requested,
            self.feedback_received,
        )

    def lines(self) -> list[str]:
        """Plain text for the screen and `companion apps --stats`; effort first, then outcomes."""
        return words.stats_lines(self)


def _reached_funnel_index(application: Application) -> int:
    """How far along applied → offer it got (-1: never sent); an accepted one reached offer."""
    reached = application.stages_reached()
    if "accepted" in reached:
        return len(FUNNEL) - 1
    indices = [FUNNEL.index(stage) for stage in reached if stage in FUNNEL]
    if indices:
        return max(indices)
    return 0 if application.applied or reached & {"rejected", "no_response"} else -1


def stage_spells(application: Application) -> Iterable[tuple[str, int]]:
    """(stage, days spent) for every stage it has already left."""
    for entry, following in zip(application.history, application.history[1:], strict=False):
        try:
            start, end = parse_timestamp(entry["at"]).date(), parse_timestamp(following["at"]).date()
        except (KeyError, ValueError):
            continue
        yield entry["stage"], (end - start).days


def median(values: Sequence[int]) -> float:
    """As statistics.median, without importing statistics at start-up: the middle, or the mean of the two."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def weekly_effort(applications: Sequence[Application], today: date, *, weeks: int = 8) -> WeeklyEffort:
    """Applications and follow-ups sent per week, and feedback asked for and received: one pass, no history
    read (Today shows it on every refresh; the funnel and the days per stage cost ten times as much)."""
    starts = [week_start(today) - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]

    def per_week(days: Iterable[date | None]) -> list[int]:
        counts = dict.fromkeys(starts, 0)
        for day in days:
            if day is not None and day <= today and week_start(day) in counts:
                counts[week_start(day)] += 1
        return list(counts.values())

    return WeeklyEffort(
        week_starts=starts,
        applications_per_week=per_week(app.applied for app in applications),
        follow_ups_per_week=per_week(date_or_none(day) for app in applications for day in app.followed_up),
        feedback_requested=sum(1 for app in applications if app.feedback.requested_on),
        feedback_received=sum(1 for app in applications if app.feedback.received_on),
    )


def stats(applications: Sequence[Application], today: date, *, weeks: int = 8) -> Stats:
    """The funnel, response rate, median days per stage and weekly effort."""
    reached = [_reached_funnel_index(app) for app in applications]
    sent = [app for app, index in zip(applications, reached, strict=True) if index >= 0]
    responded = [app for app in sent if app.stages_reached() & RESPONSE_STAGES or app.feedback.received_on]
    spells: dict[str, list[int]] = {}
    for app in applications:
        for stage, days in stage_spells(app):
            if stage in ACTIVE_STAGES:
                spells.setdefault(stage, []).append(days)
    effort = weekly_effort(applications, today, weeks=weeks)
    return Stats(
        total=len(applications),
        funnel=[(stage, sum(1 for index in reached if index >= FUNNEL.index(stage))) for stage in FUNNEL],
        sent=len(sent),
        responded=len(responded),
        median_days={stage: median(spells[stage]) for stage in ACTIVE_STAGES if stage in spells},
        week_starts=effort.week_starts,
        applications_per_week=effort.applications_per_week,
        follow_ups_per_week=effort.follow_ups_per_week,
        feedback_requested=effort.feedback_requested,
        feedback_received=effort.feedback_received,
    )

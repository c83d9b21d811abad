"""Insights: what works, where applications stop, effort against a weekly goal, and patterns said kindly.

Everything is computed from what the person recorded (applications and their stage history,
feedback, debriefs, wins, breathing sessions). Nothing here is a score: small numbers read as
"1 of 2", a percentage appears only once there are enough applications for it to mean something,
and "none yet" stands where a "0%" would read as a grade.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from companion import breath_log, interviews, people, pipeline, wins
from companion.charts import bar
from companion.dates import parse_timestamp, week_start
from companion.pipeline import Application
from companion.records import Record, field
from companion.store import Store
from companion.textsafe import clean_line
from companion.values import FrozenValue

STEPS = ("sent", "heard_back", "interview", "offer")
STEP_LABELS = {"sent": "sent", "heard_back": "heard back", "interview": "interview", "offer": "offer"}
STOPPING = ("rejected", "no_response", "withdrawn")  # closed without an offer: where did it stop?
NOT_NOTED = "not noted"
REFERRAL = "referral"  # `referral: NAME` (companion.people) and a plain "Referral" compare as one source
MIN_FOR_PERCENT = 5  # below this many, a rate is said as "2 of 3", never as a percentage
DEFAULT_WEEKS = 8
MAX_WEEKS = 26
BAR_WIDTH = 20
PATTERN_WINDOW = 5  # the latest closed applications a stage pattern looks at
PATTERN_MIN = 3
THEME_MIN = 2

_SENT_STAGES = frozenset(pipeline.IN_PLAY) | {"accepted", "rejected", "no_response"}
_INTERVIEW_STAGES = frozenset({"interviewing", "offer", "accepted"})
_OFFER_STAGES = frozenset({"offer", "accepted"})

# Where a stage pattern stopped, and a next step worth offering (said as a question, never a verdict).
_STOP_WORDS = {
    "applied": ("before a first reply", "a referral, or a fresh look at how your CV opens"),
    "screening": ("after a first call", "a practised two-minute story, or asking the recruiter what they look for"),
    "interviewing": ("after the interviews", "a practice session, a study plan"),
    "offer": ("at the offer", "a talk with a mentor before the next one"),
}
# Themes that come back in feedback and debriefs: the words that name them and a next step.
THEMES: dict[str, tuple[tuple[str, ...], str]] = {
    "system design": (
        ("system design", "architecture", "scalab", "distributed"),
        "a study plan or one mock design session a week",
    ),
    "collaboration": (
        ("collaborat", "teamwork", "team work", "team player", "stakeholder"),
        "a story from your own work about a team you helped",
    ),
    "communication": (("communicat", "explain", "clarity", "articulat"), "practising out loud with a friend"),
    "coding exercises": (
        ("live coding", "coding test", "leetcode", "algorithm", "data structure", "take-home", "take home"),
        "a few timed exercises a week",
    ),
    "testing": (("testing", "unit test", "test coverage", "automation"), "a small project that shows how you test"),
    "experience level": (
        ("more experience", "years of experience", "seniority", "too junior", "more senior"),
        "roles one step over, or a project that shows depth",
    ),
    "cloud and DevOps": (
        ("devops", "kubernetes", "docker", "aws", "cloud", "ci/cd", "terraform"),
        "a small project deployed with the tools they named",
    ),
}


# -- one application, read from its history --------------------------------------------------


def history_day(entry: dict[str, str]) -> date | None:
    """The day of a stage-history entry; None for a time that does not parse (hand-edited)."""
    try:
        return parse_timestamp(entry.get("at", "")).date()
    except (TypeError, ValueError, OverflowError):
        return None


def was_sent(app: Application) -> bool:
    """It left the wishlist: applied (or beyond), or closed after applying."""
    return bool(app.stages_reached() & _SENT_STAGES) or app.applied is not None


def heard_back(app: Application) -> bool:
    """Any reply from the company, good or not: screening or later, or a rejection after applying."""
    return was_sent(app) and bool(app.stages_reached() & pipeline.RESPONSE_STAGES)


def sent_on(app: Application) -> date | None:
    """The day it was sent: the date typed, else its first move into a sent stage."""
    if app.applied is not None:
        return app.applied
    days = [history_day(entry) for entry in app.history if entry.get("stage") in _SENT_STAGES]
    return next((day for day in days if day is not None), None)


def _started_on(app: Application) -> date | None:
    """When it begins for `--since`: sent, or (never sent) added."""
    sent = sent_on(app)
    if sent is not None:
        return sent
    return next((day for day in (history_day(entry) for entry in app.history) if day is not None), None)


def stopped_at(app: Application) -> str:
    """The last active stage it reached before it closed (added closed: applied if it was sent)."""
    closings = [index for index, entry in enumerate(app.history) if entry.get("stage") == app.stage]
    closing = closings[-1] if closings else len(app.history)
    earlier = [entry["stage"] for entry in app.history[:closing] if entry.get("stage") in pipeline.ACTIVE_STAGES]
    if earlier:
        return earlier[-1]
    return "applied" if was_sent(app) else "wishlist"


def days_to_first_response(app: Application) -> int | None:
    """Days from sending to the first reply, from the stage history; None before a reply."""
    start = sent_on(app)
    replies = [history_day(entry) for entry in app.history if entry.get("stage") in pipeline.RESPONSE_STAGES]
    first = next((day for day in replies if day is not None), None)
    if start is None or first is None or first < start:
        return None
    return (first - start).days


# -- the figures ------------------------------------------------------------------------------


class Share(Record, frozen=True):
    """`count` of `total`: a rate only when there is a total, said in words that never grade."""

    count: int = field()
    total: int = field()

    @property
    def rate(self) -> float | None:
        return round(self.count / self.total, 3) if self.total else None

    def words(self) -> str:
        """`2 of 3`, `6 of 10 (60%)`, `none yet`; nothing to say without a total."""
        if not self.total:
            return "nothing to count yet"
        if not self.count:
            return "none yet"
        if self.total < MIN_FOR_PERCENT:
            return f"{self.count} of {self.total}"
        return f"{self.count} of {self.total} ({self.count / self.total:.0%})"

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "rate": self.rate}


class Effort(Record, frozen=True):
    """One week of the part the person controls."""

    week: date = field()
    applications: int = field()
    follow_ups: int = field()
    feedback_asked: int = field()
    interviews: int = field()
    wins: int = field()
    calm_minutes: float = field()

    @classmethod
    def total(cls, weeks: Sequence[Effort]) -> Effort:
        """All the weeks added up (dated by the first)."""
        return cls(
            weeks[0].week if weeks else date.min,
            *(sum(getattr(week, name) for week in weeks) for name in cls.__slots__[1:]),
        )

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__slots__[1:])

    def to_json(self) -> dict[str, Any]:
        return {**self.as_dict(), "week": self.week.isoformat(), "calm_minutes": round(self.calm_minutes, 1)}

    def besides_applications(self) -> str:
        """`2 follow-ups · 1 feedback request · …`: what was done, nothing about what was not."""
        return " · ".join(
            [
                count(self.follow_ups, "follow-up"),
                count(self.feedback_asked, "feedback request"),
                count(self.interviews, "interview"),
                count(self.wins, "win"),
                count(round(self.calm_minutes), "calm minute"),
            ]
        )

    def line(self) -> str:
        return f"{count(self.applications, 'application')} · {self.besides_applications()}"


def count(number: int, noun: str, plural: str = "") -> str:
    """`1 win`, `3 wins`, `2 replies`."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


class Median(FrozenValue):
    """The median of some day counts, and how many there were."""

    days: float | None
    count: int

    __slots__ = ("days", "count")

    def __init__(self, values: Sequence[int]) -> None:
        self._set(days=pipeline.median(values) if values else None, count=len(values))

    def to_json(self) -> dict[str, Any]:
        return {"median_days": self.days, "count": self.count}


class Pattern(Record, frozen=True):
    """Something that came back several times, said once as a suggestion with a next step."""

    kind: str = field()  # "stage" or "theme"
    key: str = field()
    text: str = field()


class Insights(Record, frozen=True):
    """Every figure `companion stats` and the Insights screen show."""

    funnel: dict[str, Share] = field()
    by_source: dict[str, Share] = field()
    first_response: Median = field()
    time_in_stage: dict[str, Median] = field()
    stopped_at: dict[str, dict[str, int]] = field()
    weeks: list[Effort] = field()
    goal: int = field()
    patterns: list[Pattern] = field()
    referrers: list[str] = field()  # the people named by referrals (companion.people), to thank

    @property
    def sent(self) -> int:
        return self.funnel["sent"].count

    def to_json(self) -> dict[str, Any]:
        """The shape of `companion stats --json`: keys funnel, by_source, time_in_stage, stopped_at, weekly."""
        return {
            "funnel": {step: share.to_json() for step, share in self.funnel.items()},
            "by_source": {
                source: {
                    "applications": share.total,
                    "responses": share.count,
                    "rate": share.rate,
                    **({"people": self.referrers} if source == REFERRAL else {}),
                }
                for source, share in self.by_source.items()
            },
            "time_in_stage": {
                "first_response": self.first_response.to_json(),
                "by_stage": {stage: median.to_json() for stage, median in self.time_in_stage.items()},
            },
            "stopped_at": self.stopped_at,
            "weekly": {"goal": self.goal or None, "weeks": [week.to_json() for week in self.weeks]},
        }


def funnel(applications: Sequence[Application]) -> dict[str, Share]:
    """Sent → heard back → interview → offer, each a share of those sent."""
    sent = [app for app in applications if was_sent(app)]
    counts = {
        "sent": len(sent),
        "heard_back": sum(1 for app in sent if heard_back(app)),
        "interview": sum(1 for app in sent if app.stages_reached() & _INTERVIEW_STAGES),
        "offer": sum(1 for app in sent if app.stages_reached() & _OFFER_STAGES),
    }
    return {step: Share(counts[step], len(sent)) for step in STEPS}


def source_label(app: Application) -> str:
    """The source as written (spaces tidied); every referral, named or not, as `referral`."""
    if people.is_referral(app):
        return REFERRAL
    return " ".join(clean_line(app.source).split()) or NOT_NOTED


def by_source(applications: Sequence[Application]) -> dict[str, Share]:
    """For each source (as first written; case and spaces do not split one), responses of those sent."""
    labels: dict[str, str] = {}
    shares: dict[str, tuple[int, int]] = {}
    for app in applications:
        if not was_sent(app):
            continue
        label = source_label(app)
        key = labels.setdefault(label.casefold(), label)
        responses, sent = shares.get(key, (0, 0))
        shares[key] = (responses + heard_back(app), sent + 1)
    ordered = sorted(shares.items(), key=lambda item: (item[0] == NOT_NOTED, -item[1][1], item[0].casefold()))
    return {label: Share(responses, sent) for label, (responses, sent) in ordered}


def time_in_stage(applications: Sequence[Application]) -> tuple[Median, dict[str, Median]]:
    """Median days to a first reply, and median days spent in each active stage it has left."""
    spells: dict[str, list[int]] = {stage: [] for stage in pipeline.ACTIVE_STAGES}
    for app in applications:
        for stage, days in pipeline.stage_spells(app):
            if stage in spells and days >= 0:
                spells[stage].append(days)
    first = [days for days in map(days_to_first_response, applications) if days is not None]
    return Median(first), {stage: Median(days) for stage, days in spells.items()}


def where_stopped(applications: Sequence[Application]) -> dict[str, dict[str, int]]:
    """For each active stage: how many closed without an offer had reached it last, by how they closed."""
    table = {stage: {**dict.fromkeys(STOPPING, 0), "total": 0} for stage in pipeline.ACTIVE_STAGES}
    for app in applications:
        if app.stage in STOPPING:
            row = table[stopped_at(app)]
            row[app.stage] += 1
            row["total"] += 1
    return table


def week_starts(today: date, since: date | None = None) -> list[date]:
    """The weeks to show, oldest first: from `since` (at most MAX_WEEKS), else the last DEFAULT_WEEKS."""
    this_week = week_start(today)
    count = DEFAULT_WEEKS if since is None else min(MAX_WEEKS, max(1, (this_week - week_start(since)).days // 7 + 1))
    return [this_week - timedelta(weeks=back) for back in range(count - 1, -1, -1)]


def interview_days(applications: Iterable[Application], recorded: Sequence[interviews.Interview] = ()) -> list[date]:
    """The days of interviews: those recorded, and for an application with none recorded, its move
    into interviewing (the stage history), so people who never log interviews still see them."""
    with_records = {interview.application_id for interview in recorded}
    return [interview.starts_at.date() for interview in recorded] + [
        day
        for app in applications
        if app.id not in with_records
        for entry in app.history
        if entry.get("stage") == "interviewing" and (day := history_day(entry)) is not None
    ]


def effort(
    applications: Sequence[Application],
    win_days: Sequence[date],
    calm: Sequence[tuple[date, float]],
    starts: Sequence[date],
    today: date,
    recorded: Sequence[interviews.Interview] = (),
) -> list[Effort]:
    """Each week's effort: applications sent, follow-ups, feedback asked, interviews, wins, calm minutes."""

    def per_week(days: Iterable[date | None]) -> dict[date, int]:
        counts = dict.fromkeys(starts, 0)
        for day in days:
            if day is not None and day <= today and week_start(day) in counts:
                counts[week_start(day)] += 1
        return counts

    sent = per_week(sent_on(app) for app in applications if was_sent(app))
    follow_ups = per_week(pipeline.date_or_none(day) for app in applications for day in app.followed_up)
    asked = per_week(pipeline.date_or_none(app.feedback.requested_on) for app in applications)
    interviewed = per_week(interview_days(applications, recorded))
    won = per_week(win_days)
    minutes = dict.fromkeys(starts, 0.0)
    for day, seconds in calm:
        if day <= today and week_start(day) in minutes:
            minutes[week_start(day)] += seconds / 60
    return [
        Effort(week, sent[week], follow_ups[week], asked[week], interviewed[week], won[week], minutes[week])
        for week in starts
    ]


def _theme_mentions(texts: Iterable[str]) -> dict[str, int]:
    """How many of the notes name each theme (a note counts once per theme)."""
    counts: dict[str, int] = {}
    for text in texts:
        folded = text.casefold()
        for theme, (words, _step) in THEMES.items():
            if any(re.search(rf"\b{re.escape(word)}", folded) for word in words):
                counts[theme] = counts.get(theme, 0) + 1
    return counts


def patterns(applications: Sequence[Application], notes: Sequence[str]) -> list[Pattern]:
    """Where the latest closed applications keep stopping, and themes feedback and debriefs repeat."""
    found: list[Pattern] = []
    closed = [app for app in applications if app.stage in ("rejected", "no_response")]
    closed.sort(key=lambda app: max((entry.get("at", "") for entry in app.history), default=app.updated_at))
    latest = closed[-PATTERN_WINDOW:]
    stops: dict[str, int] = {}
    for app in latest:
        stops[stopped_at(app)] = stops.get(stopped_at(app), 0) + 1
    for stage, count in sorted(stops.items(), key=lambda item: -item[1]):
        if count >= PATTERN_MIN and stage in _STOP_WORDS:
            where, step = _STOP_WORDS[stage]
            found.append(
                Pattern(
                    "stage",
                    stage,
                    f"{count} of your last {len(latest)} closed applications stopped {where}. "
                    f"That points at something to practise, not at you: {step}?",
                )
            )
    for theme, count in sorted(_theme_mentions(notes).items(), key=lambda item: -item[1]):
        if count >= THEME_MIN:
            found.append(
                Pattern(
                    "theme",
                    theme,
                    f"\u201c{theme}\u201d came up in {count} of your notes from feedback and debriefs. "
                    f"A next step could be {THEMES[theme][1]}: make it a learning goal?",
                )
            )
    return found


def notes_for_patterns(applications: Sequence[Application], debriefs: Iterable[pipeline.Debrief]) -> list[str]:
    """The texts themes are looked for in: feedback received and what debriefs said to try next."""
    return [app.feedback.text for app in applications if app.feedback.text] + [
        debrief.to_improve for debrief in debriefs if debrief.to_improve
    ]


def compute(
    applications: Sequence[Application],
    *,
    today: date,
    since: date | None = None,
    goal: int = 0,
    win_days: Sequence[date] = (),
    calm: Sequence[tuple[date, float]] = (),
    notes: Sequence[str] = (),
    recorded: Sequence[interviews.Interview] = (),
) -> Insights:
    """Every figure from plain data; `since` keeps the applications started on or after that day."""
    if since is not None:
        applications = [app for app in applications if (_started_on(app) or today) >= since]
    first, stages = time_in_stage(applications)
    return Insights(
        funnel=funnel(applications),
        by_source=by_source(applications),
        first_response=first,
        time_in_stage=stages,
        stopped_at=where_stopped(applications),
        weeks=effort(applications, win_days, calm, week_starts(today, since), today, recorded),
        goal=goal,
        patterns=patterns(applications, notes),
        referrers=sorted({name for app in applications if was_sent(app) and (name := people.referrer_name(app))}),
    )


def gather(store: Store, *, today: date, since: date | None = None, goal: int = 0) -> Insights:
    """The figures from the data file."""
    applications = pipeline.all_applications(store)
    debriefs = [
        pipeline.Debrief.from_record(record)
        for record in store.all(pipeline.REFLECTIONS)
        if record.get("kind") == pipeline.DEBRIEF_KIND
    ]
    return compute(
        applications,
        today=today,
        since=since,
        goal=goal,
        win_days=[win.created.date() for win in wins.all_wins(store)],
        calm=[(session.started.date(), session.seconds) for session in breath_log.all_sessions(store)],
        notes=notes_for_patterns(applications, debriefs),
        recorded=interviews.all_interviews(store),
    )


# -- words and charts -------------------------------------------------------------------------


class Bar(Record, frozen=True):
    """One row of a chart: what it is, how much, and the same said in words."""

    label: str = field()
    value: float = field()
    words: str = field()


class Chart(FrozenValue):
    """A titled bar chart with its text equivalent; `notes` are the kind sentences beneath (or instead)."""

    title: str
    bars: list[Bar]
    notes: list[str]

    __slots__ = ("title", "bars", "notes")

    def __init__(self, title: str, bars: list[Bar], notes: Sequence[str] = ()) -> None:
        self._set(title=title, bars=bars, notes=[note for note in notes if note])

    def drawn(self, width: int = BAR_WIDTH) -> list[str]:
        """Title, one bar per row with its words beside, then the note."""
        lines = [self.title]
        if self.bars:
            top = max(row.value for row in self.bars)
            label_width = max(len(row.label) for row in self.bars)
            lines += [
                f"  {row.label:<{label_width}}  {bar(row.value, top, width):<{width}}  {row.words}" for row in self.bars
            ]
        return lines + [f"  {note}" for note in self.notes]

    def described(self) -> list[str]:
        """The same chart as sentences (screen readers, reduced motion, low colour)."""
        lines = [self.title] + [f"  {row.label}: {row.words}." for row in self.bars]
        return lines + [f"  {note}" for note in self.notes]


def effort_chart(insights: Insights) -> Chart:
    """Applications per week against the goal, then the rest of the effort: this week and all the weeks shown."""
    goal, weeks = insights.goal, insights.weeks
    title = "Effort per week, the part you control" + (f" (your goal: {goal} applications a week)" if goal else "")
    total = Effort.total(weeks)
    if total.empty:
        return Chart(title, [], ["Nothing logged in these weeks yet. One application, follow-up or win is a start."])
    bars = [
        Bar(f"{week.week.day} {week.week:%b}", week.applications, _sent_words(week.applications, goal))
        for week in weeks
    ]
    notes = [f"This week: {weeks[-1].line()}", f"These {count(len(weeks), 'week')}: {total.line()}"]
    if goal:
        notes.append("Weeks under the goal still count: every application sent is one more chance.")
    return Chart(title, bars, notes)


def _sent_words(sent: int, goal: int) -> str:
    """`3 sent`; against a goal `1 of 2 sent` or `goal reached`, and a week without any is just `none sent`."""
    if not goal or not sent:
        return f"{sent or 'none'} sent"
    return f"{sent} sent, goal reached" if sent >= goal else f"{sent} of {goal} sent"


def funnel_chart(insights: Insights) -> Chart:
    shares = insights.funnel
    sent = shares["sent"].count
    bars = [Bar("sent", sent, f"{sent} sent")] if sent else []
    bars += [Bar(STEP_LABELS[step], shares[step].count, shares[step].words()) for step in STEPS[1:]] if sent else []
    if not sent:
        note = "Nothing sent yet: the first application starts this picture."
    elif sent < MIN_FOR_PERCENT:
        note = f"Early days: with {sent} sent these are counts, not rates. Replies often take two or three weeks."
    elif not shares["heard_back"].count:
        note = "No replies yet: silence is about their inbox, not about you."
    else:
        note = ""
    return Chart("Funnel: sent → heard back → interview → offer", bars, [note])


def _replies(share: Share) -> str:
    return f"{share.words()} heard back" if share.count else "no reply yet"


def source_chart(insights: Insights) -> Chart:
    bars = [
        Bar(label, share.total, f"{share.total} sent, {_replies(share)}") for label, share in insights.by_source.items()
    ]
    if not bars:
        note = "Sources show here once applications are sent (`--source` or the form's Source field)."
    elif insights.referrers:
        note = f"Referrals came from {', '.join(insights.referrers)}: a thank-you keeps the door open."
    elif len(bars) == 1 and NOT_NOTED in insights.by_source:
        note = "Noting where each one came from (referral, job board, recruiter) shows which works best for you."
    else:
        note = ""
    return Chart("By source: applications sent and replies", bars, [note])


def time_lines(insights: Insights) -> list[str]:
    first = insights.first_response
    lines = ["Time in stage (median days)"]
    if first.days is None:
        lines.append("  First replies: shows once one arrives; two or three weeks is common.")
    else:
        lines.append(f"  To a first reply: {first.days:g} days ({count(first.count, 'reply', 'replies')})")
    spent = [
        f"{pipeline.stage_label(stage)} {median.days:g}"
        for stage, median in insights.time_in_stage.items()
        if median.days is not None
    ]
    lines.append("  In each stage: " + (" · ".join(spent) if spent else "shows once applications move on."))
    return lines


def stopped_lines(insights: Insights) -> list[str]:
    lines = ["Where closed applications stopped"]
    rows = [(stage, row) for stage, row in insights.stopped_at.items() if row["total"]]
    if not rows:
        return [*lines, "  Nothing closed yet. When one does, it shows here as information, never as a verdict."]
    for stage, row in rows:
        how = ", ".join(f"{row[kind]} {pipeline.stage_label(kind)}" for kind in STOPPING if row[kind])
        lines.append(f"  after {pipeline.stage_label(stage)}: {how}")
    return lines


def pattern_lines(insights: Insights) -> list[str]:
    if not insights.patterns:
        return ["Patterns", "  Nothing repeats yet. When something does, it shows here once, as a suggestion."]
    return ["Patterns, as suggestions"] + [f"  • {pattern.text}" for pattern in insights.patterns]


def charts(insights: Insights) -> list[Chart]:
    """The three pictures, effort first."""
    return [effort_chart(insights), funnel_chart(insights), source_chart(insights)]


def text_lines(insights: Insights, *, drawn: bool = True) -> list[str]:
    """Everything as plain text (`companion stats`); `drawn=False` says the charts as sentences."""
    lines: list[str] = []
    for chart in charts(insights):
        lines += [*(chart.drawn() if drawn else chart.described()), ""]
    return [*lines, *time_lines(insights), "", *stopped_lines(insights), "", *pattern_lines(insights)]

"""The week in review: a Markdown page to read on a Monday or share with a mentor or coach.

Effort first (the part the person controls), then wins, interviews, what the debriefs taught, and
next week's plan. A quiet week is said kindly: rest is part of a long search.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from companion import breath_log, insights, interviews, journal, pipeline, wins
from companion.dates import timestamp, week_start
from companion.store import Store
from companion.textsafe import escape_markdown

STATE_TABLE = "state"  # shared with companion.first_run: one record per thing the app remembers
SEEN_ID = "week_review"


def default_week(today: date) -> date:
    """The Monday of the week to review: this week so far, or on a Monday the week just ended."""
    start = week_start(today)
    return start - timedelta(weeks=1) if today == start else start


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _text(text: str) -> str:
    """The person's words as Markdown text: one line, nothing read as formatting."""
    return escape_markdown(" ".join(text.split()))


def _section(title: str, items: Iterable[str], empty: str = "", intro: str = "") -> list[str]:
    """A heading, an optional paragraph, the list (or, when there is nothing, the kind sentence)."""
    listed = [f"- {item}" for item in items] or [empty]
    return [f"## {title}", "", *([intro, ""] if intro else []), *listed, ""]


def _in_week(day: date | None, start: date) -> bool:
    return day is not None and start <= day < start + timedelta(days=7)


def _effort_items(effort: insights.Effort, goal: int) -> list[str]:
    sent = f"Applications sent: {effort.applications}"
    if goal:
        sent += f" (your goal of {goal} reached)" if effort.applications >= goal else f" (goal: {goal})"
    return [
        sent,
        f"Follow-ups: {effort.follow_ups}",
        f"Feedback asked for: {effort.feedback_asked}",
        f"Interviews: {effort.interviews}",
        f"Wins logged: {effort.wins}",
        f"Calm minutes: {round(effort.calm_minutes)}",
    ]


def _learned(entries: Iterable[journal.Entry]) -> list[str]:
    items = []
    for entry in entries:
        about = f"**{_text(entry.application)}**: " if entry.application else ""
        said = [f"{heading}: {_text(text)}" for heading, text in entry.sections() if heading != "Situation"]
        if said:
            items.append(about + "; ".join(said))
    return items


def _interviews(
    applications: list[pipeline.Application], recorded: list[interviews.Interview], start: date
) -> list[str]:
    """Recorded interviews of the week (day, kind, application); else the moves into interviewing."""
    titles = {app.id: app.title for app in applications}
    items = [
        f"{_day(interview.starts_at.date())}, {interviews.kind_label(interview.kind)}: "
        + _text(titles.get(interview.application_id, "an application"))
        for interview in recorded
        if _in_week(interview.starts_at.date(), start)
    ]
    with_records = {interview.application_id for interview in recorded}
    moved = [app for app in applications if app.id not in with_records]
    return items + [
        f"{_day(day)}: {_text(app.title)} moved to interviewing"
        for app in moved
        for day in insights.interview_days([app])
        if _in_week(day, start)
    ]


def week_review(store: Store, start: date, *, now: datetime, goal: int = 0) -> str:
    """The Markdown page for the week that starts on Monday `start`."""
    start = week_start(start)
    end = start + timedelta(days=6)
    applications = pipeline.all_applications(store)
    week_wins = [win for win in wins.all_wins(store) if _in_week(win.created.date(), start)]
    calm = [(session.started.date(), session.seconds) for session in breath_log.all_sessions(store)]
    recorded = interviews.all_interviews(store)
    win_days = [win.created.date() for win in week_wins]
    [effort] = insights.effort(applications, win_days, calm, [start], now.date(), recorded)
    entries = [entry for entry in reversed(journal.entries(store)) if _in_week(entry.day, start)]
    next_week = start + timedelta(days=7)
    follow_ups = [app for app in applications if _in_week(app.follow_up, next_week)]
    plan = [_text(item.line()) for item in journal.plan_items(store)]
    plan += [f"Follow up with {_text(app.title)} on {_day(app.follow_up)}" for app in follow_ups if app.follow_up]
    if goal:
        plan.append(f"Send {goal} applications (a goal, not a test: every one counts)")
    title = f"# Week in review: {_day(start)} to {_day(end)} {end.year}"
    lines = [title, ""]
    quiet = "A quiet week. Rest is part of a long search, and next week is a fresh start." if effort.empty else ""
    lines += _section("Effort, the part you control", _effort_items(effort, goal), intro=quiet)
    lines += _section(
        "Wins",
        (_text(win.text) for win in reversed(week_wins)),
        "No wins written down this week; a small one counts (a good question asked, a concept understood).",
    )
    lines += _section("Interviews", _interviews(applications, recorded, start), "No interviews this week.")
    lines += _section(
        "What I learned",
        _learned(entries),
        "No debriefs this week. After a \u201cno\u201d, a short debrief is where the learning gets written down.",
    )
    lines += _section(
        "Next week's plan",
        plan,
        "Nothing planned yet: one application and one win would be a "
        "good week. A \u201cwhat to try next\u201d from the journal can be added to the plan.",
    )
    return "\n".join(lines).rstrip() + "\n"


# -- the suggestion on Today ------------------------------------------------------------------


def suggest_review(store: Store, today: date) -> bool:
    """On the first day of the week, until the review has been opened that day's week (once a week)."""
    if today != week_start(today):
        return False
    seen = store.get(STATE_TABLE, SEEN_ID) or {}
    return seen.get("week") != today.isoformat()


def mark_review_seen(store: Store, now: datetime) -> None:
    """The review was opened this week: Today stops suggesting it until next Monday."""
    record = {"week": week_start(now.date()).isoformat(), "seen_at": timestamp(now)}
    with store.transaction() as tx:
        if tx.update(STATE_TABLE, SEEN_ID, record) is None:
            tx.insert(STATE_TABLE, {"id": SEEN_ID, **record})

"""The pipeline's words: follow-up phrases, the gentle "no response" line, the numbers as text, the
feedback request. Kind by rule: a "no" is never a loss, a count below target nudges, never scolds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from companion.charts import sparkline
from companion.pipeline.model import Application
from companion.signature import sign_off
from companion.textsafe import sentence

if TYPE_CHECKING:
    from companion.pipeline.stats import Breadth, Stats, WeeklyEffort


def describe_follow_up(application: Application, today: date) -> str:
    """`follow up today`, `follow up since Mon 23 Nov`, `follow up Tue 1 Dec`; empty when none."""
    day = application.follow_up
    if day is None:
        return ""
    if day == today:
        return "follow up today"
    when = f"{day:%a} {day.day} {day:%b}"
    return f"follow up since {when}" if day < today else f"follow up {when}"


def no_response_line(suggestions: Sequence[Application], days: int) -> str:
    """The gentle wording for the suggestion; empty when nothing has been quiet that long."""
    if not suggestions:
        return ""
    names = ", ".join(app.company for app in suggestions[:4]) + (" …" if len(suggestions) > 4 else "")
    return (
        f"Quiet for {days}+ days: {sentence(names)} Silence says more about their inbox than about you; "
        "mark it as no response, or plan a follow-up if you'd rather wait."
    )


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


def breadth_line(breadth: Breadth) -> str:
    """Counts what is in play; below target it nudges, never scolds."""
    count = f"{breadth.active} in play (aim: {breadth.target})"
    if breadth.active == 0:
        return f"{count}. One application today is a fine start: it's a numbers game, not a verdict."
    if breadth.below_target:
        more = breadth.target - breadth.active
        return f"{count}. {more} more would spread the odds: no single company decides your future."
    return f"{count}. A good spread: no single answer carries all the weight."


def effort_lines(effort: WeeklyEffort) -> list[str]:
    """A title, then applications and follow-ups per week as sparklines, then feedback."""
    weeks = len(effort.week_starts)
    apps_week, follow_week = sum(effort.applications_per_week), sum(effort.follow_ups_per_week)
    return [
        f"Effort, last {weeks} weeks (the part you control)",
        f"  applications  {sparkline(effort.applications_per_week)}  {apps_week} sent",
        f"  follow-ups    {sparkline(effort.follow_ups_per_week)}  {follow_week} sent",
        f"  feedback      {effort.feedback_requested} asked for, {effort.feedback_received} received",
    ]


def stats_lines(stats: Stats) -> list[str]:
    """Plain text for the screen and `companion apps --stats`; effort first, then outcomes."""
    lines = [
        *effort_lines(stats.effort),
        "",
        "Funnel",
        "  " + " → ".join(f"{stage} {count}" for stage, count in stats.funnel),
    ]
    if stats.response_rate is None:
        lines.append("  Responses: none sent yet")
    else:
        lines.append(f"  Responses: {stats.responded} of {stats.sent} heard back ({stats.response_rate:.0%})")
    if stats.median_days:
        spells = " · ".join(f"{stage} {days:g}" for stage, days in stats.median_days.items())
        lines.append(f"  Median days per stage: {spells}")
    else:
        lines.append("  Median days per stage: shows once applications move on")
    return lines

"""What Today shows, gathered from every area, and the one next step it suggests.

Kept out of the screen so the suggestion rules are plain functions with plain tests.
"""

from __future__ import annotations

from datetime import date, datetime

from companion import breath_log, card_store, people, pipeline, review, wins
from companion.config import Config
from companion.dates import week_start
from companion.records import Record, field
from companion.reframe import Card
from companion.store import Store


class NextStep(Record, frozen=True):
    """The one suggestion Today makes: the action that does it (a binding id) and the sentence that says why.

    The text names keys as `{key:id}` (companion.keynames.with_keys shows the key in use).
    """

    action: str = field()
    text: str = field()


class TodayState(Record, frozen=True):
    """Everything Today shows, gathered once per refresh."""

    today: date = field()
    applications: list[pipeline.Application] = field()
    breadth: pipeline.Breadth = field()
    follow_ups: list[pipeline.Application] = field()
    no_response: list[pipeline.Application] = field()
    rejections_today: int = field()
    week: wins.WeekSummary = field()
    wins_today: int = field()
    latest_wins: list[wins.Win] = field()
    breathing_minutes: float = field()
    card: Card = field()
    people_follow_ups: list[people.Person] = field(default_factory=list)
    giving_back: people.GivingBack | None = field(default=None)
    review_due: bool = field(default=False)  # a Monday: last week in review, until it is opened


def gather(store: Store, config: Config, now: datetime) -> TodayState:
    today = now.date()
    applications = pipeline.all_applications(store)
    this_week = wins.wins_since(store, week_start(today))  # not every win: Today opens as fast at 10,000
    return TodayState(
        today=today,
        applications=applications,
        breadth=pipeline.breadth(applications, config.breadth_target),
        follow_ups=pipeline.follow_ups_due(applications, today),
        no_response=pipeline.no_response_suggestions(applications, today, config.no_response_days),
        rejections_today=sum(1 for app in applications if _rejected_on(app, today)),
        week=wins.week_summary(this_week, today),
        wins_today=sum(1 for win in this_week if win.created.date() == today),
        latest_wins=wins.newest(store, 3, today, recent=this_week),
        breathing_minutes=breath_log.minutes_this_week(store, now),
        card=card_store.card_of_the_day_for(today),
        people_follow_ups=people.follow_ups_due(people.all_people(store), today),
        giving_back=people.giving_back(store, applications, today),
        review_due=bool(applications or store.count(wins.TABLE)) and review.suggest_review(store, today),
    )


def _rejected_on(application: pipeline.Application, day: date) -> bool:
    return any(
        entry.get("stage") == "rejected" and str(entry.get("at", ""))[:10] == day.isoformat()
        for entry in application.history
    )


def next_step(state: TodayState) -> NextStep:
    """The kindest useful thing to do next: care first, then a small win, then the search."""
    if state.rejections_today:
        return NextStep(
            "breathe", "A no landed today. Take a slow breath first: press {key:breathe} for the Breathe screen."
        )
    if state.review_due:
        return NextStep(
            "pipeline",
            "A new week: last week in review is ready (what you did, what you learned, what's next). "
            "Press {key:pipeline}, then {key:pipeline.insights}, then {key:insights.review}.",
        )
    if state.wins_today == 0:
        return NextStep(
            "quick_win", "No win logged today yet: press {key:quick_win} and write down one small thing that went well."
        )
    if state.breadth.below_target:
        return NextStep(
            "pipeline",
            "Fewer applications in play than you aimed for: press {key:pipeline}, then {key:pipeline.add}, to add one.",
        )
    if state.follow_ups:
        return NextStep("pipeline", "A follow-up is due: press {key:pipeline} to see it on the Pipeline.")
    if state.people_follow_ups:
        return NextStep("people", "Someone in your network is due a hello: press {key:people} to see who.")
    return NextStep("reframe", "You're doing the work. Press {key:reframe} for a card to carry with you today.")

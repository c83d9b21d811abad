"""Insights computed on data built here, with answers worked out by hand (history-based ones too)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from companion import insights, interviews, pipeline, wins
from companion.store import Store
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # Friday 27 Nov 2026


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10, 0)


def made(store: Store, company: str, source: str, moves: list[tuple[str, datetime]]) -> pipeline.Application:
    """An application added in the first stage at the first time, then moved as listed."""
    (stage, when), *rest = moves
    app = pipeline.add_application(store, pipeline.Details(company, "Dev", source=source), stage=stage, now=when)
    for stage, when in rest:
        app = pipeline.move(store, app.id, stage, now=when).application
    return app


@pytest.fixture
def search(store: Store) -> list[pipeline.Application]:
    """Five applications whose figures are worked out in each test below."""
    made(
        store,
        "Acme",
        "referral: Ana",
        [("applied", at(2)), ("screening", at(12)), ("interviewing", at(19)), ("rejected", at(24))],
    )
    made(
        store,
        "Initech",
        "Recruiter",
        [("applied", at(3)), ("screening", at(6)), ("offer", at(20)), ("accepted", at(25))],
    )
    made(store, "Globex", "Job board", [("applied", at(9)), ("no_response", at(23))])
    made(store, "Hooli", "  job   BOARD ", [("applied", at(16)), ("rejected", at(20))])
    made(store, "Umbrella", "", [("wishlist", at(20)), ("withdrawn", at(21))])
    return pipeline.all_applications(store)


def test_funnel_counts_each_step_of_those_sent(search: list[pipeline.Application]) -> None:
    found = insights.compute(search, today=TODAY)
    # Umbrella never left the wishlist; Initech reached an offer, so it had interviews too.
    assert found.to_json()["funnel"] == {
        "sent": {"count": 4, "rate": 1.0},
        "heard_back": {"count": 3, "rate": 0.75},
        "interview": {"count": 2, "rate": 0.5},
        "offer": {"count": 1, "rate": 0.25},
    }


def test_by_source_joins_spellings_and_every_referral(search: list[pipeline.Application]) -> None:
    found = insights.compute(search, today=TODAY).to_json()["by_source"]
    assert list(found) == ["Job board", "Recruiter", "referral"]  # most sent first
    assert found["Job board"] == {"applications": 2, "responses": 1, "rate": 0.5}  # Hooli's rejection is a reply
    assert found["Recruiter"] == {"applications": 1, "responses": 1, "rate": 1.0}
    assert found["referral"] == {"applications": 1, "responses": 1, "rate": 1.0, "people": ["Ana"]}


def test_time_in_stage_from_the_history(search: list[pipeline.Application]) -> None:
    found = insights.compute(search, today=TODAY).to_json()["time_in_stage"]
    # First replies: Acme 10 days, Initech 3, Hooli 4 (Globex never replied): median 4.
    assert found["first_response"] == {"median_days": 4.0, "count": 3}
    # Applied: Acme 10, Initech 3, Globex 14, Hooli 4 -> 7; screening: 7 and 14 -> 10.5.
    assert found["by_stage"]["applied"] == {"median_days": 7.0, "count": 4}
    assert found["by_stage"]["screening"] == {"median_days": 10.5, "count": 2}
    assert found["by_stage"]["interviewing"] == {"median_days": 5.0, "count": 1}
    assert found["by_stage"]["offer"] == {"median_days": 5.0, "count": 1}
    assert found["by_stage"]["wishlist"] == {"median_days": 1.0, "count": 1}


def test_stopped_at_is_the_last_stage_before_closing(search: list[pipeline.Application]) -> None:
    found = insights.compute(search, today=TODAY).to_json()["stopped_at"]
    assert found["interviewing"] == {"rejected": 1, "no_response": 0, "withdrawn": 0, "total": 1}
    assert found["applied"] == {"rejected": 1, "no_response": 1, "withdrawn": 0, "total": 2}
    assert found["wishlist"] == {"rejected": 0, "no_response": 0, "withdrawn": 1, "total": 1}
    assert found["screening"]["total"] == found["offer"]["total"] == 0  # the accepted offer did not stop


def test_weekly_effort_counts_what_was_done_each_week(store: Store, search: list[pipeline.Application]) -> None:
    wins.add_win(store, "asked a good question", now=FIXED_NOW)
    interview = interviews.Interview("i1", search[2].id, datetime(2026, 11, 24, 14, 0))  # Globex, recorded
    found = insights.compute(
        search,
        today=TODAY,
        goal=2,
        win_days=[FIXED_NOW.date()],
        calm=[(date(2026, 11, 23), 600.0)],
        recorded=[interview],
    )
    weekly = found.to_json()["weekly"]
    assert weekly["goal"] == 2 and len(weekly["weeks"]) == insights.DEFAULT_WEEKS
    by_week = {week["week"]: week for week in weekly["weeks"]}
    assert [by_week[week]["applications"] for week in ("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23")] == [
        2,
        1,
        1,
        0,
    ]
    # Acme moved into interviewing on the 19th (nothing recorded for it); Globex's interview is recorded.
    assert by_week["2026-11-16"]["interviews"] == 1
    assert by_week["2026-11-23"] == {
        "week": "2026-11-23",
        "applications": 0,
        "follow_ups": 0,
        "feedback_asked": 0,
        "interviews": 1,
        "wins": 1,
        "calm_minutes": 10.0,
    }
    chart = insights.effort_chart(found)
    assert [bar.words for bar in chart.bars[-4:]] == ["2 sent, goal reached", "1 of 2 sent", "1 of 2 sent", "none sent"]


def test_since_keeps_the_applications_started_from_then(search: list[pipeline.Application]) -> None:
    found = insights.compute(search, today=TODAY, since=date(2026, 11, 9))
    assert found.funnel["sent"].count == 2  # Globex and Hooli
    assert [week.week for week in found.weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_tiny_data_speaks_kindly_without_grades(store: Store, count: int) -> None:
    for number in range(count):
        made(store, f"Co{number}", "", [("applied", at(20 + number))])
    found = insights.compute(pipeline.all_applications(store), today=TODAY)
    text = "\n".join(insights.text_lines(found)) + "\n".join(insights.text_lines(found, drawn=False))
    assert "%" not in text and "0 of" not in text
    if count == 0:
        assert "Nothing sent yet" in text
    else:
        assert f"Early days: with {count} sent these are counts, not rates." in text
        assert "heard back: none yet." in text  # the text equivalent of the funnel chart


def test_shares_become_percentages_only_with_enough_applications() -> None:
    assert insights.Share(0, 0).words() == "nothing to count yet" and insights.Share(0, 0).rate is None
    assert insights.Share(0, 3).words() == "none yet"
    assert insights.Share(2, 3).words() == "2 of 3"
    assert insights.Share(6, 10).words() == "6 of 10 (60%)"


def test_a_stage_where_the_latest_closed_ones_stop_is_said_once(store: Store) -> None:
    for day in (2, 3, 4):
        made(store, f"Co{day}", "", [("applied", at(day)), ("interviewing", at(day + 5)), ("rejected", at(day + 9))])
    made(store, "Quiet", "", [("applied", at(5)), ("no_response", at(25))])
    found = insights.compute(pipeline.all_applications(store), today=TODAY)
    assert [(p.kind, p.key) for p in found.patterns] == [("stage", "interviewing")]
    assert found.patterns[0].text.startswith("3 of your last 4 closed applications stopped after the interviews.")
    assert "a practice session, a study plan?" in found.patterns[0].text


def test_a_theme_repeated_in_feedback_and_debriefs_is_suggested() -> None:
    notes = ["Great chat, but the System Design round was weak", "practise system design", "be more concise"]
    found = insights.patterns([], notes)
    assert [(p.kind, p.key) for p in found] == [("theme", "system design")]
    assert "came up in 2 of your notes" in found[0].text and "learning goal?" in found[0].text
    assert insights.patterns([], ["system design once"]) == []


def test_gather_reads_feedback_and_debriefs_for_themes(store: Store) -> None:
    for company in ("Acme", "Globex"):
        app = made(store, company, "", [("applied", at(2)), ("rejected", at(10))])
        pipeline.edit_application(
            store,
            app.id,
            pipeline.Details(company, "Dev"),
            stage="rejected",
            feedback="We needed more collaboration with stakeholders",
            now=at(11),
        )
    found = insights.gather(store, today=TODAY)
    assert [p.key for p in found.patterns if p.kind == "theme"] == ["collaboration"]


def test_charts_have_a_text_equivalent_row_for_every_bar(search: list[pipeline.Application]) -> None:
    for chart in insights.charts(insights.compute(search, today=TODAY)):
        drawn, said = chart.drawn(), chart.described()
        assert len(drawn) == len(said)
        assert all("█" not in line and "▏" not in line for line in said)
    funnel = insights.funnel_chart(insights.compute(search, today=TODAY))
    assert funnel.described()[1:5] == [
        "  sent: 4 sent.",
        "  heard back: 3 of 4.",
        "  interview: 2 of 4.",
        "  offer: 1 of 4.",
    ]

"""The pipeline core: stages, moves and history, follow-ups, "no response", breadth, stats, debriefs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from companion import pipeline
from companion.pipeline import Application, Details
from companion.store import Store
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # Friday 2026-11-27


def add(
    store: Store,
    company: str = "Acme",
    role: str = "Backend Engineer",
    *,
    stage: str = "applied",
    now: datetime = FIXED_NOW,
    **fields: object,
) -> Application:
    return pipeline.add_application(store, Details(company, role, **fields), stage=stage, now=now)  # type: ignore[arg-type]


def app_with(stage: str = "applied", *, history: list[tuple[str, str]] | None = None, **fields: object) -> Application:
    """An Application built in memory, for the pure functions."""
    entries = [{"stage": s, "at": at} for s, at in (history or [(stage, "2026-11-01T09:00:00")])]
    return Application(company=str(fields.pop("company", "Acme")), role="Dev", stage=stage, history=entries, **fields)  # type: ignore[arg-type]


# -- adding -----------------------------------------------------------------------------------


def test_add_keeps_text_literally_strips_controls_and_starts_the_history(store: Store) -> None:
    added = add(store, "  [TODO] Acme\x1b[31m ", "Dev [/] \x07ops", url="https://example.com/job")
    stored = Application.from_record(store.get(pipeline.TABLE, added.id) or {})
    assert (stored.company, stored.role) == ("[TODO] Acme", "Dev [/] ops")
    assert stored.history == [{"stage": "applied", "at": "2026-11-27T10:30:00+00:00"}]
    assert stored.applied_on == "2026-11-27"
    assert stored.url == "https://example.com/job"
    assert len(stored.id) == 32


def test_wishlist_has_no_applied_date_until_it_is_sent(store: Store) -> None:
    wish = add(store, stage="wishlist")
    assert wish.applied_on == ""
    later = FIXED_NOW + timedelta(days=2)
    moved = pipeline.move(store, wish.id, "applied", now=later).application
    assert moved.applied_on == "2026-11-29"


@pytest.mark.parametrize(
    "company, role, missing", [("", "Dev", "company"), ("Acme", "  ", "role"), ("", "", "company and the role")]
)
def test_company_and_role_are_required(store: Store, company: str, role: str, missing: str) -> None:
    with pytest.raises(pipeline.ApplicationError, match=f"fill in the {missing}"):
        add(store, company, role)
    assert store.all(pipeline.TABLE) == []


def test_overlong_fields_are_refused_with_the_limit(store: Store) -> None:
    with pytest.raises(pipeline.ApplicationError, match="keep it to 200"):
        add(store, "A" * 201)


@pytest.mark.parametrize(
    "typed, stage", [("No response", "no_response"), ("no-response", "no_response"), ("INTERVIEWING", "interviewing")]
)
def test_parse_stage_accepts_how_people_type_it(typed: str, stage: str) -> None:
    assert pipeline.parse_stage(typed) == stage


def test_a_stage_can_be_typed_as_the_board_shortens_it() -> None:
    assert [pipeline.parse_stage(text) for text in ("Wish", "interv.", "Screen", "no resp", "REJ")] == [
        "wishlist",
        "interviewing",
        "screening",
        "no_response",
        "rejected",
    ]
    for too_short in ("re", "no", ""):
        with pytest.raises(pipeline.ApplicationError):
            pipeline.parse_stage(too_short)


def test_unknown_stage_names_every_accepted_stage() -> None:
    with pytest.raises(pipeline.ApplicationError) as caught:
        pipeline.parse_stage("ghosted-ish")
    assert all(stage in str(caught.value) for stage in pipeline.STAGES)


def test_optional_date_errors_name_the_field() -> None:
    assert pipeline.parse_optional_date("  ", TODAY, "Follow up") is None
    assert pipeline.parse_optional_date("+3d", TODAY, "Follow up") == date(2026, 11, 30)
    with pytest.raises(pipeline.ApplicationError, match="^Follow up: '2026-02-30' is not a real date"):
        pipeline.parse_optional_date("2026-02-30", TODAY, "Follow up")


def test_a_weekday_is_the_next_one_ahead_and_the_latest_one_looking_back() -> None:
    from companion.dates import parse_user_date

    assert parse_user_date("fri", TODAY) == date(2026, 12, 4)  # a follow-up on fri: not today
    assert parse_user_date("mon", TODAY) == date(2026, 11, 30)
    assert parse_user_date("fri", TODAY, looking_back=True) == TODAY  # wins since fri: today counts
    assert parse_user_date("Monday", TODAY, looking_back=True) == date(2026, 11, 23)
    assert parse_user_date("sat", TODAY, looking_back=True) == date(2026, 11, 21)


# -- moves and history ------------------------------------------------------------------------


def test_every_move_is_kept_in_the_history_and_reopening_is_a_move(store: Store) -> None:
    app = add(store)
    steps = [("screening", 1), ("rejected", 5), ("screening", 9)]
    for stage, day in steps:
        result = pipeline.move(store, app.id, stage, now=FIXED_NOW + timedelta(days=day))
    assert result.from_stage == "rejected" and result.reopened
    assert [(e["stage"], e["at"][:10]) for e in result.application.history] == [
        ("applied", "2026-11-27"),
        ("screening", "2026-11-28"),
        ("rejected", "2026-12-02"),
        ("screening", "2026-12-06"),
    ]


def test_moving_to_the_same_stage_writes_nothing(store: Store) -> None:
    app = add(store)
    before = store.signature()
    result = pipeline.move(store, app.id, "applied", now=FIXED_NOW + timedelta(days=1))
    assert not result.moved
    assert store.signature() == before
    assert len(result.application.history) == 1


def test_closing_clears_the_follow_up(store: Store) -> None:
    app = add(store, follow_up_on=TODAY)
    closed = pipeline.move(store, app.id, "no_response", now=FIXED_NOW).application
    assert closed.follow_up_on == ""


def test_next_and_previous_stage() -> None:
    assert pipeline.next_stage(app_with("wishlist")) == "applied"
    assert pipeline.next_stage(app_with("offer")) == "accepted"
    assert pipeline.next_stage(app_with("rejected")) is None
    assert pipeline.previous_stage(app_with("wishlist")) is None
    assert pipeline.previous_stage(app_with("interviewing")) == "screening"
    closed = app_with(
        "rejected",
        history=[
            ("applied", "2026-11-01T09:00:00"),
            ("interviewing", "2026-11-05T09:00:00"),
            ("rejected", "2026-11-09T09:00:00"),
        ],
    )
    assert pipeline.previous_stage(closed) == "interviewing"


def test_move_of_a_deleted_application_is_explained(store: Store) -> None:
    app = add(store)
    assert pipeline.delete_application(store, app.id)
    with pytest.raises(pipeline.ApplicationError, match="no longer there"):
        pipeline.move(store, app.id, "screening", now=FIXED_NOW)


def test_edit_saves_details_move_and_feedback_in_one_write(store: Store) -> None:
    app = add(store)
    later = FIXED_NOW + timedelta(days=3)
    details = Details("Acme Corp", "Staff Engineer", notes="line one\nline two", applied_on=date(2026, 11, 20))
    result = pipeline.edit_application(
        store, app.id, details, stage="rejected", feedback="More system design", now=later
    )
    saved = result.application
    assert result.from_stage == "applied" and saved.stage == "rejected"
    assert (saved.company, saved.role, saved.notes, saved.applied_on) == (
        "Acme Corp",
        "Staff Engineer",
        "line one\nline two",
        "2026-11-20",
    )
    assert saved.feedback.text == "More system design" and saved.feedback.received_on == "2026-11-30"
    again = pipeline.edit_application(
        store, app.id, details, stage="rejected", feedback="More system design!", now=later + timedelta(days=4)
    )
    assert again.application.feedback.received_on == "2026-11-30"  # the first arrival day stays
    assert not again.moved


def test_find_application_by_unique_prefix(store: Store) -> None:
    for record_id, company in (("abc1" + "0" * 28, "Acme"), ("abc2" + "0" * 28, "Globex")):
        store.insert(pipeline.TABLE, {**Application(company, "Dev").to_record(), "id": record_id})
    assert pipeline.find_application(store, " ABC2 ").company == "Globex"
    with pytest.raises(
        pipeline.ApplicationError, match="'abc' fits 2 applications .*type more of the id or the company"
    ):
        pipeline.find_application(store, "abc")
    with pytest.raises(pipeline.ApplicationError, match="no application has an id or company starting with 'zz'"):
        pipeline.find_application(store, "zz")


def test_records_with_missing_or_odd_fields_still_load() -> None:
    app = Application.from_record(
        {"company": "Acme", "stage": "mystery", "history": "nope", "feedback": None, "id": "x"}
    )
    assert (app.company, app.role, app.stage, app.history, app.feedback.text) == ("Acme", "", "applied", [], "")


# -- follow-ups -------------------------------------------------------------------------------


def test_follow_up_done_today_counts_once_and_empty_clears(store: Store) -> None:
    app = add(store)
    pipeline.set_follow_up(store, app.id, date(2026, 12, 4), done_today=True, now=FIXED_NOW)
    saved = pipeline.set_follow_up(store, app.id, None, done_today=True, now=FIXED_NOW)
    assert saved.follow_up_on == "" and saved.followed_up == ["2026-11-27"]


def test_a_follow_up_sent_today_answers_the_one_that_was_due(store: Store) -> None:
    app = add(store)
    overdue = TODAY - timedelta(days=1)
    pipeline.set_follow_up(store, app.id, overdue, now=FIXED_NOW)
    assert pipeline.follow_ups_due(pipeline.all_applications(store), TODAY)
    saved = pipeline.set_follow_up(store, app.id, overdue, done_today=True, now=FIXED_NOW)  # the form as it opens
    assert saved.follow_up is None and saved.followed_up == [TODAY.isoformat()]
    assert not pipeline.follow_ups_due(pipeline.all_applications(store), TODAY)
    later = pipeline.set_follow_up(store, app.id, TODAY + timedelta(days=7), done_today=True, now=FIXED_NOW)
    assert later.follow_up == TODAY + timedelta(days=7)  # the next one, planned in the same step, stays


def test_a_reminder_for_a_reply_cannot_be_in_the_past(store: Store) -> None:
    app = add(store)
    with pytest.raises(
        pipeline.ApplicationError, match="^Reminder: Thu 26 Nov has passed; choose today or a later day"
    ):
        pipeline.request_feedback(store, app.id, remind_on=TODAY - timedelta(days=1), now=FIXED_NOW)
    assert pipeline.all_applications(store)[0].feedback.requested_on == ""  # nothing was written
    assert pipeline.request_feedback(store, app.id, remind_on=TODAY, now=FIXED_NOW).follow_up == TODAY


def test_follow_ups_due_today_and_earlier_closed_ones_too() -> None:
    apps = [
        app_with(company="Later", follow_up_on="2026-11-28"),
        app_with(company="Today", follow_up_on="2026-11-27"),
        app_with("rejected", company="Feedback reply", follow_up_on="2026-11-20"),
        app_with(company="None planned"),
    ]
    due = pipeline.follow_ups_due(apps, TODAY)
    assert [a.company for a in due] == ["Feedback reply", "Today"]
    assert pipeline.describe_follow_up(due[0], TODAY) == "follow up since Fri 20 Nov"
    assert pipeline.describe_follow_up(due[1], TODAY) == "follow up today"
    assert pipeline.describe_follow_up(apps[0], TODAY) == "follow up Sat 28 Nov"


def test_request_feedback_with_a_reminder(store: Store) -> None:
    app = pipeline.move(store, add(store).id, "rejected", now=FIXED_NOW).application
    saved = pipeline.request_feedback(store, app.id, remind_on=date(2026, 12, 4), now=FIXED_NOW)
    assert saved.feedback.requested_on == "2026-11-27"
    assert saved.follow_up_on == "2026-12-04"
    assert "reply" in saved.next_action


# -- "no response" ----------------------------------------------------------------------------


def test_no_response_is_suggested_after_n_quiet_days_only() -> None:
    sent = "2026-11-06T09:00:00"  # 21 days before TODAY
    quiet = app_with(company="Quiet", history=[("applied", sent)], applied_on="2026-11-06")
    fresh = app_with(company="Fresh", history=[("applied", "2026-11-07T09:00:00")], applied_on="2026-11-07")
    screening = app_with(
        "screening", company="Screen", history=[("applied", "2026-10-01T09:00:00"), ("screening", sent)]
    )
    interviewing = app_with("interviewing", company="Talks", history=[("interviewing", "2026-10-01T09:00:00")])
    waiting = app_with(company="Waiting", history=[("applied", sent)], follow_up_on="2026-11-30")
    asked = app_with(
        company="Asked", history=[("applied", sent)], feedback=pipeline.Feedback(requested_on="2026-11-20")
    )
    found = pipeline.no_response_suggestions([quiet, fresh, screening, interviewing, waiting, asked], TODAY, 21)
    assert [a.company for a in found] == ["Quiet", "Screen"]
    assert pipeline.no_response_suggestions([quiet], TODAY + timedelta(days=-1), 21) == []


def test_no_response_wording_is_kind_and_only_a_suggestion() -> None:
    line = pipeline.no_response_line([app_with(company="Initech")], 21)
    assert "Initech" in line and "21+ days" in line
    lowered = line.lower()
    assert not any(word in lowered for word in ("fail", "your fault", "ignored you", "lost"))
    assert pipeline.no_response_line([], 21) == ""


# -- breadth ----------------------------------------------------------------------------------


def test_breadth_counts_only_what_is_in_play() -> None:
    apps = [app_with(s) for s in ("wishlist", "applied", "screening", "interviewing", "offer", "rejected", "accepted")]
    result = pipeline.breadth(apps, 5)
    assert (result.active, result.target, result.below_target) == (4, 5, True)
    assert result.line().startswith("4 in play (aim: 5). 1 more would spread the odds")
    assert "A good spread" in pipeline.breadth(apps, 4).line()
    assert "fine start" in pipeline.breadth([], 5).line()


# -- stats ------------------------------------------------------------------------------------


def stats_fixture() -> list[Application]:
    return [
        # sent on Mon 2 Nov, screening 4 days later, interview 6 days after, offer 10 days after
        app_with(
            "offer",
            company="A",
            applied_on="2026-11-02",
            history=[
                ("applied", "2026-11-02T09:00:00"),
                ("screening", "2026-11-06T09:00:00"),
                ("interviewing", "2026-11-12T09:00:00"),
                ("offer", "2026-11-22T09:00:00"),
            ],
        ),
        # sent Tue 10 Nov, rejected after 8 days in applied: a response
        app_with(
            "rejected",
            company="B",
            applied_on="2026-11-10",
            history=[("applied", "2026-11-10T09:00:00"), ("rejected", "2026-11-18T09:00:00")],
        ),
        # sent Wed 25 Nov, still waiting; one follow-up sent
        app_with(
            company="C",
            applied_on="2026-11-25",
            history=[("applied", "2026-11-25T09:00:00")],
            followed_up=["2026-11-26"],
        ),
        # no response after screening for 2 days
        app_with(
            "no_response",
            company="D",
            applied_on="2026-11-03",
            history=[
                ("applied", "2026-11-03T09:00:00"),
                ("screening", "2026-11-05T09:00:00"),
                ("no_response", "2026-11-07T09:00:00"),
            ],
            feedback=pipeline.Feedback(requested_on="2026-11-08"),
        ),
        # only on the wishlist: not sent, not in the funnel
        app_with("wishlist", company="E", history=[("wishlist", "2026-11-20T09:00:00")]),
    ]


def test_stats_funnel_response_rate_medians_and_weekly_effort() -> None:
    result = pipeline.stats(stats_fixture(), TODAY, weeks=4)
    assert result.funnel == [("applied", 4), ("screening", 2), ("interviewing", 1), ("offer", 1)]
    assert (result.sent, result.responded) == (4, 3)  # A (offer), B (a rejection is a reply), D (screening)
    assert result.response_rate == pytest.approx(0.75)
    assert result.median_days == {"applied": 4.0, "screening": 4.0, "interviewing": 10.0}  # [4, 8, 2], [6, 2], [10]
    assert result.week_starts == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert result.applications_per_week == [2, 1, 0, 1]
    assert result.follow_ups_per_week == [0, 0, 0, 1]
    assert (result.feedback_requested, result.feedback_received) == (1, 0)
    text = "\n".join(result.lines())
    assert "applied 4 → screening 2 → interviewing 1 → offer 1" in text
    assert "3 of 4 heard back (75%)" in text
    assert "4 sent" in text and "1 sent" in text


def test_the_weekly_effort_alone_is_the_stats_first_lines() -> None:
    """Today shows the effort without the funnel and the days per stage: the same numbers and words."""
    applications = stats_fixture()
    effort = pipeline.weekly_effort(applications, TODAY, weeks=4)
    full = pipeline.stats(applications, TODAY, weeks=4)
    assert effort == full.effort and effort.applications_per_week == [2, 1, 0, 1]
    assert effort.lines() == full.lines()[:4]


def test_stats_of_nothing_yet_are_calm() -> None:
    text = "\n".join(pipeline.stats([], TODAY).lines())
    assert "none sent yet" in text and "shows once applications move on" in text


# -- the debrief ------------------------------------------------------------------------------


def test_feedback_request_names_company_and_role() -> None:
    message = pipeline.feedback_request_message(Application(company="Acme [TODO]", role="Dev [/]"))
    assert "Dev [/] role at Acme [TODO]" in message and message.startswith("Subject:")


@pytest.mark.parametrize("typed, feeling", [("", None), (" 0 ", 0), ("10", 10)])
def test_parse_feeling(typed: str, feeling: int | None) -> None:
    assert pipeline.parse_feeling(typed) == feeling


@pytest.mark.parametrize("typed", ["11", "-1", "five", "3.5"])
def test_feeling_outside_the_scale_is_explained(typed: str) -> None:
    with pytest.raises(pipeline.ApplicationError, match="from 0 \\(heavy\\) to 10 \\(fine\\)"):
        pipeline.parse_feeling(typed)


def test_debrief_is_a_reflection_linked_to_the_application(store: Store) -> None:
    app = add(store)
    store.insert(pipeline.REFLECTIONS, {"kind": "thought_record", "application_id": app.id, "automatic_thought": "x"})
    saved = pipeline.save_debrief(store, app.id, 4, "good questions", "[b]practice\x1b[0m", "", now=FIXED_NOW)
    assert saved is not None
    record = store.get(pipeline.REFLECTIONS, saved.id)
    assert record == {
        "kind": "debrief",
        "application_id": app.id,
        "created_at": "2026-11-27T10:30:00+00:00",
        "feeling": 4,
        "went_well": "good questions",
        "to_improve": "[b]practice",
        "grown": "",
        "id": saved.id,
        "updated_at": "2026-11-27T10:30:00+00:00",
    }
    assert [d.id for d in pipeline.debriefs_for(store, app.id)] == [saved.id]


def test_a_fully_skipped_debrief_stores_nothing(store: Store) -> None:
    app = add(store)
    assert pipeline.save_debrief(store, app.id, None, " ", "", "\n", now=FIXED_NOW) is None
    assert store.all(pipeline.REFLECTIONS) == []
    with pytest.raises(pipeline.ApplicationError):
        pipeline.save_debrief(store, app.id, 12, "", "", "", now=FIXED_NOW)

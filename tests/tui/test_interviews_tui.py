"""Interviews in the app: `i` on the Pipeline, the card and detail line, Today's lines, the thank-you note, wins."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Button, Checkbox, Input, Select, Static

from companion import interviews, pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.interview_form import InterviewForm, ThankYouNote
from companion.tui.screens.breathe import BreatheScreen
from companion.tui.screens.pipeline import PipelineScreen
from tests.conftest import FIXED_NOW  # Friday 27 Nov 2026, 10:30
from tests.tui.test_pipeline_screen import card_texts  # the board's cards, however the column draws them

HOSTILE = "[TODO] [/] [bold]x"


def seed(context: Context) -> pipeline.Application:
    details = pipeline.Details(company=f"Acme {HOSTILE}", role="Dev [/]")
    return pipeline.add_application(context.store, details, now=FIXED_NOW)


def text(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_i_plans_an_interview_and_the_card_and_detail_show_it(context: Context) -> None:
    application = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, InterviewForm)
        await pilot.press("enter")
        assert "When:" in text(app, "#interview-error")
        await pilot.press(*"tomorrow 25:00", "enter")
        assert "has no time of day I can read" in text(app, "#interview-error")
        form.query_one("#interview-when", Input).value = "yesterday 10:00"
        await pilot.press("enter")
        assert "has passed: tick 'It already happened' to log it" in text(app, "#interview-error")
        form.query_one("#interview-when", Input).value = "2026-12-03 14:00"
        form.query_one("#interview-minutes", Input).value = "45"
        form.query_one("#interview-kind", Select).value = "video"
        form.query_one("#interview-with", Input).value = HOSTILE
        form.query_one("#interview-where", Input).focus()
        await pilot.press(*"https://meet.example/x", "enter")
        await pilot.pause()
        # Moving it to interviewing is a win to offer ("ask", the default); no loses nothing
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert wins.all_wins(context.store) == []
        [interview] = interviews.all_interviews(context.store)
        assert (interview.minutes, interview.kind, interview.with_whom) == (45, "video", HOSTILE)
        assert pipeline.find_application(context.store, application.id).stage == "interviewing"
        assert card_texts(app, "interviewing") == [f"Acme {HOSTILE}\nDev [/]\nInterview Thu 3 Dec 14:00"]
        assert "Interview Thu 3 Dec 14:00" in text(app, "#pipeline-detail")


async def test_shift_i_changes_the_next_interview(context: Context) -> None:
    application = seed(context)
    interviews.add_interview(context.store, application, interviews.Plan(when="mon 9:00"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("I")
        form = app.screen
        assert isinstance(form, InterviewForm)
        assert form.query_one("#interview-when", Input).value == "2026-11-30 09:00"
        form.query_one("#interview-when", Input).value = "tue 9:00"
        await pilot.press("enter")
        await pilot.pause()
        [interview] = interviews.all_interviews(context.store)
        assert interview.starts_at.day == 1
        assert isinstance(app.screen, PipelineScreen)


async def test_a_past_interview_logged_with_always_becomes_wins_and_offers_a_thank_you(context: Context) -> None:
    seed(context)
    context.config = context.config.replace(pipeline_wins="always")
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("i")
        form = app.screen
        form.query_one("#interview-when", Input).value = "today 9:00"
        form.query_one("#interview-past", Checkbox).value = True
        form.query_one("#interview-when", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert sorted(win.text for win in wins.all_wins(context.store)) == [
            f"Did the interview with Acme {HOSTILE} (Dev [/])",
            f"Reached the interviews at Acme {HOSTILE} (Dev [/])",
        ]
        await pilot.press("n")
        await pilot.pause()
        note = app.screen
        assert isinstance(note, ThankYouNote)
        assert "the Dev [/] role at Acme [TODO] [/] [bold]x" in text(app, "#thank-you-message")
        await pilot.press("escape")


async def test_a_win_offered_is_asked_in_green_not_in_a_warnings_red(context: Context) -> None:
    seed(context)
    context.config = context.config.replace(pipeline_wins="ask")
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("i")
        app.screen.query_one("#interview-when", Input).value = "tomorrow 9:00"
        await pilot.press("enter")
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, Confirm) and offer.question == "Count this as a win?"
        assert offer.query_one("#yes", Button).variant == "success"
        assert offer.query_one("#no", Button).variant == "default"
        await pilot.press("y")
        await pilot.pause()
        assert [win.text for win in wins.all_wins(context.store)] == [
            f"Reached the interviews at Acme {HOSTILE} (Dev [/])"
        ]


async def test_today_shows_the_next_interview_and_a_calm_minute_that_opens_breathe(context: Context) -> None:
    application = seed(context)
    interviews.add_interview(
        context.store, application, interviews.Plan(when="today 14:00", kind="phone"), now=FIXED_NOW
    )
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert f"Next interview: Acme {HOSTILE} — Dev [/], today 14:00 (phone)" in text(app, "#today-pipeline")
        assert text(app, "#today-next") == (
            "Next step (b): An interview today at 14:00. A calm minute before it? Press b for the Breathe screen."
        )
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)


async def test_after_an_interview_today_a_kind_line_follows(context: Context) -> None:
    application = seed(context)
    interviews.add_interview(context.store, application, interviews.Plan(when="today 8:30"), now=FIXED_NOW, past=True)
    app = CompanionApp(context.replace(clock=lambda: FIXED_NOW + timedelta(minutes=5)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = text(app, "#today-pipeline")
        assert f"You did the interview with Acme {HOSTILE} today." in line
        assert "log how it went (w), or send a thank-you note (p, then n)" in line


async def test_a_move_offered_as_a_win_is_logged_on_yes(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert f"• Acme {HOSTILE} replied: a screening for Dev [/]" in text(app, ".dialog-detail")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
    assert [win.text for win in wins.all_wins(context.store)] == [f"Acme {HOSTILE} replied: a screening for Dev [/]"]

"""Pilot tests of the Insights screen: from the Pipeline and the palette, charts and sentences, the review."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import ContentSwitcher, Markdown, Static

from companion import pipeline, review
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.insights import InsightsScreen
from companion.tui.screens.journal import JournalScreen
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] [bold]x"


def seed(context: Context) -> None:
    store = context.store
    for number in range(3):
        when = FIXED_NOW - timedelta(days=20 - number)
        app = pipeline.add_application(
            store, pipeline.Details(f"Co{number} {HOSTILE}", "Dev", source=f"Board {HOSTILE}"), now=when
        )
        pipeline.move(store, app.id, "interviewing", now=when + timedelta(days=4))
        pipeline.move(store, app.id, "rejected", now=when + timedelta(days=9))


def figures(app: CompanionApp) -> str:
    return str(app.screen.query_one("#insights-text", Static).render())


async def test_o_on_the_pipeline_opens_insights_with_user_text_as_typed(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.press("o")
        assert isinstance(app.screen, InsightsScreen)
        text = figures(app)
        assert text.startswith("Effort per week, the part you control")
        assert f"Board {HOSTILE}" in text and "█" in text  # a source as written; bars drawn
        assert "3 of your last 3 closed applications stopped after the interviews" in text
        assert "%" not in text  # three applications: counts, not rates
        await pilot.press("escape")
        assert not isinstance(app.screen, InsightsScreen)


async def test_c_says_the_charts_as_sentences_and_reduced_motion_starts_so(context: Context) -> None:
    seed(context)
    app = CompanionApp(context.replace(config=context.config.replace(reduced_motion=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InsightsScreen())
        await pilot.pause()
        assert "█" not in figures(app) and "  heard back: 3 of 3." in figures(app)
        await pilot.press("c")
        assert "█" in figures(app)


async def test_empty_data_is_kind(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(InsightsScreen())
        await pilot.pause()
        text = figures(app)
        assert "Nothing sent yet" in text and "Nothing closed yet" in text and "%" not in text


async def test_v_shows_the_week_in_review_and_j_the_journal(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(InsightsScreen())
        await pilot.pause()
        await pilot.press("v")
        screen = app.screen
        assert screen.query_one(ContentSwitcher).current == "insights-review"
        page = screen.query_one("#insights-review-page", Markdown)
        assert page.source.startswith("# Week in review: Mon 23 Nov to Sun 29 Nov 2026")
        await pilot.press("v")
        assert screen.query_one(ContentSwitcher).current == "insights-figures"
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)


async def test_the_palette_opens_the_review_and_a_monday_marks_it_seen(context: Context) -> None:
    monday = datetime(2026, 11, 30, 9, 0)
    seed(context)
    context = context.replace(clock=lambda: monday)
    assert review.suggest_review(context.store, monday.date())
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "last week in review is ready" in str(app.screen.query_one("#today-next", Static).render())
        await pilot.press("ctrl+p")
        await pilot.press(*"Week in review")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.query_one(ContentSwitcher).current == "insights-review"
    assert not review.suggest_review(context.store, monday.date())

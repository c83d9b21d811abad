"""Pilot tests of the Journal screen: browse, search, feedback beside its debrief, what to try into the plan."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, OptionList, Static

from companion import card_store, journal, pipeline, reframe
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.journal import JournalScreen
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] [bold]x"


def seed(context: Context) -> None:
    store = context.store
    app = pipeline.add_application(store, pipeline.Details(f"Acme {HOSTILE}", "Dev"), now=FIXED_NOW - timedelta(days=9))
    pipeline.edit_application(
        store,
        app.id,
        pipeline.Details(f"Acme {HOSTILE}", "Dev"),
        stage="rejected",
        feedback=f"Great energy; system design needs depth {HOSTILE}",
        now=FIXED_NOW - timedelta(days=3),
    )
    pipeline.save_debrief(
        store,
        app.id,
        4,
        "good rapport",
        f"a system design study plan {HOSTILE}",
        "I stay calmer",
        now=FIXED_NOW - timedelta(days=3),
    )
    card_store.save_thought_record(
        store,
        reframe.make_thought_record(
            "I'll never get hired",
            80,
            30,
            now=FIXED_NOW - timedelta(days=1),
            mood="anxious",
            balanced_thought="One no is about one role",
        ),
    )


def detail(app: CompanionApp) -> str:
    return str(app.screen.query_one("#journal-detail-text", Static).render())


async def open_journal(app: CompanionApp, pilot: object) -> JournalScreen:
    await app.push_screen(JournalScreen())
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, JournalScreen)
    return app.screen


async def test_entries_newest_first_with_mood_and_feedback_beside_the_debrief(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_journal(app, pilot)
        listing = screen.query_one("#journal-list", OptionList)
        assert listing.option_count == 2 and app.focused is listing
        assert "Mood: anxious 80 → 30" in detail(app)
        await pilot.press("down")
        text = detail(app)
        assert f"debrief · Acme {HOSTILE} — Dev" in text and "Mood: feeling 4/10" in text
        assert f"Feedback received:\n    Great energy; system design needs depth {HOSTILE}" in text
        assert "n puts “what to try next” on next week's plan, g makes it a learning goal." in text


async def test_search_filters_and_escape_clears_then_goes_back(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"rapport")
        assert screen.query_one("#journal-list", OptionList).option_count == 1
        assert "1 of 2 match “rapport”" in str(screen.query_one("#journal-summary", Static).render())
        await pilot.press(*" nowhere")
        assert "Nothing in the journal matches that" in detail(app)
        await pilot.press("escape")
        assert screen.query_one("#journal-list", OptionList).option_count == 2
        assert not screen.query_one("#journal-search", Input).display
        await pilot.press("escape")
        assert not isinstance(app.screen, JournalScreen)


async def test_g_makes_what_to_try_a_learning_goal_and_again_takes_it_off(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("n")  # the thought record has nothing to try: said kindly, nothing written
        assert journal.plan_items(context.store) == []
        await pilot.press("down", "g")
        await pilot.pause()
        [item] = journal.plan_items(context.store)
        assert item.kind == journal.LEARNING_GOAL and item.text == f"a system design study plan {HOSTILE}"
        assert "On next week's plan (n takes it off)." in detail(app)
        await pilot.press("n")
        await pilot.pause()
        assert journal.plan_items(context.store) == []


async def test_an_empty_journal_says_what_will_come(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot)
        assert "The journal is empty for now" in detail(app)
        await pilot.press("n")  # nothing selected: nothing happens

"""Pilot tests of the People area: every key, the form's warning, hostile text, Today and the Pipeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, OptionList, Select, Static, TextArea

from companion import people, pipeline
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.person_form import PersonForm
from companion.tui.modals.person_line import PersonLine
from companion.tui.modals.person_link import PersonLink
from companion.tui.screens.people import PeopleScreen
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
HOSTILE = "[TODO] [/] [bold]x \u05e9\u05dc\u05d5\u05dd"


def seed(context: Context) -> tuple[pipeline.Application, people.Person, people.Person]:
    store = context.store
    acme = pipeline.add_application(store, pipeline.Details(f"Acme {HOSTILE}", "Dev"), now=FIXED_NOW)
    ana = people.add_person(
        store,
        people.Details(
            f"Ana {HOSTILE}",
            f"Co {HOSTILE}",
            f"Role {HOSTILE}",
            "referrer",
            "ana@acme.io",
            "https://li.example/ana",
            f"notes {HOSTILE}",
            TODAY,
        ),
        application_ids=[acme.id],
        now=FIXED_NOW,
    )
    ana = people.add_touchpoint(store, ana.id, f"coffee {HOSTILE}", on=TODAY - timedelta(days=1), now=FIXED_NOW)
    bo = people.add_person(store, people.Details("Bo"), now=FIXED_NOW)
    return acme, ana, bo


def screen(app: CompanionApp) -> PeopleScreen:
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


def detail(app: CompanionApp) -> str:
    return str(app.screen.query_one("#people-detail", Static).render())


def stored(context: Context, name: str) -> people.Person:
    return people.find_person(context.store, name)


async def open_people(app: CompanionApp, pilot: object) -> None:
    await pilot.press("h")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen(app)


async def test_h_opens_people_with_list_and_detail_shown_literally(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        listing = app.screen.query_one("#people-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert prompts[0].startswith(f"Ana {HOSTILE} · Co {HOSTILE}")
        assert "⏰ referrer · get in touch today" in prompts[0]
        text = detail(app)
        for expected in (
            f"Ana {HOSTILE}",
            f"Role {HOSTILE} at Co {HOSTILE} · referrer",
            "ana@acme.io",
            "https://li.example/ana",
            "Get in touch today",
            f"notes {HOSTILE}",
            f"2026-11-26  coffee {HOSTILE}",
            f"Acme {HOSTILE} — Dev (applied)",
        ):
            assert expected in text
        assert "2 people in your network · 1 to get in touch with" in str(
            app.screen.query_one("#people-summary", Static).render()
        )
        await pilot.press("down")
        assert detail(app).startswith("Bo\n")
        assert "none yet: n logs one" in detail(app) and "none linked: k links one" in detail(app)


async def test_a_adds_someone_and_a_mistyped_email_needs_a_second_enter(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        assert "Press a to add the first one" in detail(app)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#person-name", Input).value = HOSTILE
        form.query_one("#person-company", Input).value = "Acme"
        form.query_one("#person-how-met", Select).value = "mentor"
        form.query_one("#person-email", Input).value = "ana-at-acme"
        form.query_one("#person-follow-up", Input).value = "+2w"
        form.query_one("#person-notes", TextArea).text = "[/] line\nline two"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        error = str(form.query_one("#person-error", Static).render())
        assert "does not look like an email address" in error and "Enter again keeps it as typed" in error
        assert people.all_people(context.store) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        [person] = people.all_people(context.store)
        assert (person.name, person.company, person.how_met, person.email, person.follow_up_on, person.notes) == (
            HOSTILE,
            "Acme",
            "mentor",
            "ana-at-acme",
            "2026-12-11",
            "[/] line\nline two",
        )
        assert detail(app).startswith(HOSTILE)


async def test_the_form_refuses_an_empty_or_too_long_name_and_a_past_date(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert "please give a name" in str(form.query_one("#person-error", Static).render())
        form.query_one("#person-name", Input).value = "n" * 500
        await pilot.press("enter")
        await pilot.pause()
        assert "500 characters; please keep it to 200" in str(form.query_one("#person-error", Static).render())
        form.query_one("#person-name", Input).value = "Ana"
        form.query_one("#person-follow-up", Input).value = "yesterday"
        await pilot.press("enter")
        await pilot.pause()
        assert "has passed" in str(form.query_one("#person-error", Static).render())
        await pilot.press("escape", "y")  # something was typed: it asks before closing
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen) and people.all_people(context.store) == []


async def test_enter_edits_only_what_changed(context: Context) -> None:
    _, ana, _ = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#person-name", Input).value == ana.name
        context.store.update(people.TABLE, ana.id, {"notes": "written elsewhere meanwhile"})
        form.query_one("#person-role", Input).value = "Staff [/]"
        await pilot.press("enter")
        await pilot.pause()
        saved = stored(context, ana.name)
        assert (saved.role, saved.notes, saved.company) == ("Staff [/]", "written elsewhere meanwhile", ana.company)
        assert "Staff [/] at" in detail(app)


async def test_n_logs_a_touchpoint_and_f_plans_a_follow_up(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("down", "n")
        await pilot.pause()
        assert isinstance(app.screen, PersonLine)
        await pilot.press("enter")
        await pilot.pause()
        assert "a touchpoint needs a few words" in str(app.screen.query_one("#person-line-error", Static).render())
        await pilot.press(*"sent thanks [/]", "enter")
        await pilot.pause()
        assert stored(context, "Bo").touchpoints == [{"on": "2026-11-27", "text": "sent thanks [/]"}]
        assert "2026-11-27  sent thanks [/]" in detail(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert "not a date" in str(app.screen.query_one("#person-line-error", Static).render())
        app.screen.query_one(Input).value = "2026-12-04"
        await pilot.press("enter")
        await pilot.pause()
        assert stored(context, "Bo").follow_up_on == "2026-12-04"
        assert "Get in touch Fri 4 Dec" in detail(app)
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert stored(context, "Bo").follow_up_on == ""


async def test_k_links_and_unlinks_an_application(context: Context) -> None:
    acme, _, _ = seed(context)
    globex = pipeline.add_application(context.store, pipeline.Details("Globex", "SRE"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("down", "k")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PersonLink)
        listing = picker.query_one(OptionList)
        assert [str(listing.get_option_at_index(i).prompt) for i in range(2)] == [
            f"  Acme {HOSTILE} — Dev  applied",
            "  Globex — SRE  applied",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert stored(context, "Bo").application_ids == [globex.id]
        assert "Globex — SRE (applied)" in detail(app)
        await pilot.press("k")
        await pilot.pause()
        assert str(app.screen.query_one(OptionList).get_option_at_index(1).prompt).startswith("✓ Globex")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert stored(context, "Bo").application_ids == []
        assert acme.id in stored(context, "Ana").application_ids


async def test_d_asks_before_deleting(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert len(people.all_people(context.store)) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [p.name for p in people.all_people(context.store)] == [f"Ana {HOSTILE}"]


async def test_slash_searches_and_escape_clears(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        await pilot.press("slash", *"coffee")
        await pilot.pause()
        assert app.screen.query_one("#people-list", OptionList).option_count == 1
        await pilot.press(*" nobody")
        await pilot.pause()
        assert detail(app) == "Nobody matches that search."
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.screen.query_one("#people-list", OptionList).option_count == 2


async def test_a_hand_edited_500_character_name_with_controls_is_shown_whole(context: Context) -> None:
    long_name = "\u05d0" * 250 + "[/]" * 83 + "x"
    context.store.insert(people.TABLE, {"name": long_name, "notes": "\x1b[31m[TODO]\x07"})
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(app, pilot)
        assert detail(app).startswith(long_name)
        assert "[TODO]" in detail(app)


async def test_today_shows_people_follow_ups_beside_applications(context: Context) -> None:
    seed(context)
    pipeline.add_application(context.store, pipeline.Details("Globex", "SRE", follow_up_on=TODAY), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)):
        text = str(app.screen.query_one("#today-pipeline", Static).render())
        assert "• Globex — SRE: follow up today" in text
        assert f"• Ana {HOSTILE} (Co {HOSTILE}): get in touch today" in text


async def test_today_suggests_giving_back_once_after_an_accepted_offer(context: Context) -> None:
    acme, _, _ = seed(context)
    pipeline.move(context.store, acme.id, "accepted", now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#today-next", Static).render())
        assert f"Congratulations on Acme {HOSTILE}" in text and f"(Ana {HOSTILE})" in text
        assert "someone earlier in their search" in text
    assert context.store.get(people.STATE_TABLE, f"giving-back-{acme.id}") is not None
    tomorrow = context.replace(clock=lambda: FIXED_NOW + timedelta(days=1))
    app = CompanionApp(tomorrow)
    async with app.run_test(size=(120, 40)):
        assert "Congratulations" not in str(app.screen.query_one("#today-next", Static).render())


async def test_the_pipeline_detail_names_the_people_of_an_application(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert f"people: Ana {HOSTILE} (referrer)" in str(app.screen.query_one("#pipeline-detail", Static).render())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_form_fits_with_its_hint_in_sight(context: Context, size: tuple[int, int]) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=size) as pilot:
        await open_people(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        hint = app.screen.query_one(".dialog-hint", Static)
        assert hint.region.bottom <= size[1] and hint.region.height >= 1


async def test_an_overdue_follow_up_left_as_it_was_does_not_stop_an_edit(context: Context) -> None:
    _, ana, _ = seed(context)
    context.store.update(people.TABLE, ana.id, {"follow_up_on": "2026-11-23"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_people(app, pilot)
        assert "Get in touch since Mon 23 Nov" in detail(app)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#person-company", Input).value = "Globex"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        saved = stored(context, ana.name)
        assert (saved.company, saved.follow_up_on) == ("Globex", "2026-11-23")

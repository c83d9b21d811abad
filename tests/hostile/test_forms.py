"""Hostile text through the app's forms (Pilot): quick-add win, application, card, thought record,
debrief, breathing pattern, settings, and the search boxes.

Each form gets the corpus: what it saves is the text exactly as cleaned (or a message in the dialog
says why not, naming the limit when too long); markup shows literally wherever the text appears
afterwards; and no escape sequence or control character reaches the rendered screen.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from companion import breath_log, card_store, pipeline, wins
from companion.context import Context
from companion.reframe import MAX_THOUGHT
from companion.textsafe import clean_block, clean_line
from companion.tui.app import CompanionApp
from companion.tui.modals.application_form import ApplicationForm
from companion.tui.modals.card_form import CardForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.debrief import DebriefModal
from companion.tui.modals.thought_record import ThoughtRecordFlow
from companion.tui.modals.win_form import WinForm
from companion.tui.widgets.pipeline_column import StageColumn
from companion.tui.widgets.virtual_table import VirtualTable
from tests.conftest import FIXED_NOW
from tests.hostile.corpus import (
    ESCAPES,
    HOSTILE,
    MARKUP,
    UNICODE,
    assert_stored_clean,
    hostile_line,
)

pytestmark = pytest.mark.slow  # every test here drives the whole app: about a second or more each

SIZE = (120, 40)
_SCREEN_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# The whole corpus, ten pieces at a time: opening a form costs almost half a second, so the big
# forms get these few samples; the quick-add also gets the markup pieces on their own (they must show
# literally) and texts that clean to nothing.
CHUNKS = tuple(" ".join(HOSTILE[start : start + 10]) for start in range(0, len(HOSTILE), 10))
FORM_SAMPLES = (*CHUNKS, "[bold]x[/] [TODO] [@click=app.quit]z[/] $var")
LINES = (*FORM_SAMPLES, *MARKUP[:6], " \x00 \x1b[2J \x07 ", "")
BLOCK = "first [bold]line[/]\n\tsecond \x1b]0;t\x07line \x9b2J\r\nthird\x00 line [TODO]\n\n"


def screen_text(app: CompanionApp) -> str:
    """What the terminal would show, as text, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def leave_form(pilot: Pilot[str]) -> None:
    """Escape a form with typing in it: it asks first (what was typed is not dropped silently), y leaves."""
    await pilot.press("escape")
    await pilot.pause()
    if isinstance(pilot.app.screen, Confirm):
        await pilot.press("y")
        await pilot.pause()


def static_text(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def assert_text_safe(text: str) -> None:
    found = _SCREEN_UNSAFE.search(text)
    assert found is None, f"{found.group()!r} reached the screen in {text!r}"


def assert_screen_safe(app: CompanionApp) -> None:
    """Nothing companion shows carries a control character. Fields still holding what was typed are
    emptied first: what a field itself shows while typing has its own test (a pasted escape sequence)."""
    for field in app.screen.query(Input):
        field.value = ""
    for area in app.screen.query(TextArea):
        area.text = ""
    assert_text_safe(screen_text(app))


async def test_an_escape_sequence_pasted_into_a_field_never_reaches_the_terminal(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        app.screen.query_one("#win-text", Input).post_message(events.Paste("\x1b]0;pwned\x07\x1b[2J win"))
        await pilot.pause()
        assert_text_safe(screen_text(app))


# -- quick-add win --------------------------------------------------------------------------------


async def _add_wins(app: CompanionApp, pilot: Pilot[str], texts: list[str]) -> None:
    """Type each text into the quick-add dialog; check it was saved as cleaned, or refused with a reason."""
    store = app.context.store
    for text in texts:
        await pilot.press("w")
        assert isinstance(app.screen, WinForm)
        app.screen.query_one("#win-text", Input).value = text
        before = {record["id"] for record in store.all(wins.TABLE)}
        await pilot.press("enter")
        await pilot.pause()
        cleaned = clean_line(text)
        if not cleaned or len(cleaned) > wins.MAX_TEXT:
            assert isinstance(app.screen, WinForm), text
            reason = static_text(app, "#win-error")
            assert ("a few words" in reason) if not cleaned else (str(wins.MAX_TEXT) in reason), reason
            assert {record["id"] for record in store.all(wins.TABLE)} == before
            assert_text_safe(reason)
            await leave_form(pilot)
            assert_screen_safe(app)
            continue
        assert not isinstance(app.screen, WinForm), text
        (added,) = [record for record in store.all(wins.TABLE) if record["id"] not in before]
        assert added["text"] == cleaned
        assert_stored_clean(added["text"])
        toast = list(app._notifications)[-1]
        assert toast.message == f"Saved: {cleaned}" and not toast.markup
        assert_screen_safe(app)


async def test_quick_add_saves_each_hostile_text_as_cleaned(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await _add_wins(app, pilot, [*LINES, "y" * (wins.MAX_TEXT + 1)])
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        shown = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert sorted(shown) == sorted(w.text for w in wins.all_wins(context.store))
        assert_screen_safe(app)
        on_screen = screen_text(app)
        for literal in ("[bold]x[/]", "[TODO]", "[link=https://x]y[/link]", "$var", "[/]"):
            assert literal in on_screen, literal
        await pilot.press("t")
        await pilot.pause()
        assert_screen_safe(app)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(hostile_line, min_size=2, max_size=5))
def test_quick_add_with_generated_text(texts: list[str], context: Context) -> None:
    async def session() -> None:
        app = CompanionApp(context)
        async with app.run_test(size=SIZE) as pilot:
            await _add_wins(app, pilot, texts)

    asyncio.run(session())


async def test_pasting_more_than_the_limit_says_so(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        field = app.screen.query_one("#win-text", Input)
        field.post_message(events.Paste("z" * 600))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == "z" * 600 or str(wins.MAX_TEXT) in static_text(app, "#win-error")


async def test_typing_past_the_limit_is_not_cut_silently(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        app.screen.query_one("#win-text", Input).value = "k" * (wins.MAX_TEXT - 2)
        app.screen.query_one("#win-text", Input).cursor_position = wins.MAX_TEXT - 2
        await pilot.press(*"kkkkkkkk")  # 506 characters typed in all
        await pilot.press("enter")
        await pilot.pause()
        saved = [w.text for w in wins.all_wins(context.store)]
        assert saved == [] and str(wins.MAX_TEXT) in static_text(app, "#win-error"), saved


async def test_a_multi_line_paste_keeps_every_line(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        field = app.screen.query_one("#win-text", Input)
        field.post_message(events.Paste("Got a call back\nfrom Acme for Tuesday"))
        await pilot.pause()
        assert "from Acme for Tuesday" in field.value


PASTES = {  # pasted text -> what the field holds afterwards
    "hello": "hello",
    "Got a call back\nfrom Acme": "Got a call back from Acme",
    "\x1b]0;pwned\x07[bold]x[/] \x9b2J漢字": "[bold]x[/] 漢字",
    "z" * 600: "z" * 600,
}


async def test_a_paste_lands_once_exactly_as_cleaned(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        field = app.screen.query_one("#win-text", Input)
        for pasted, expected in PASTES.items():
            field.value = ""
            field.post_message(events.Paste(pasted))
            await pilot.pause()
            assert field.value == expected, (pasted, field.value)
        field.value = ""
        field.post_message(events.Paste("hello"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [w.text for w in wins.all_wins(context.store)] == ["hello"]


# -- application form -----------------------------------------------------------------------------

APP_FIELDS = ("#app-company", "#app-role", "#app-next", "#app-location", "#app-source", "#app-url")


async def test_application_form_stores_hostile_fields_as_cleaned(context: Context) -> None:
    app = CompanionApp(context)
    samples = FORM_SAMPLES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        for number, text in enumerate(samples):
            await pilot.press("a")
            form = app.screen
            assert isinstance(form, ApplicationForm)
            for selector in APP_FIELDS:
                form.query_one(selector, Input).value = f"{text} {number}"
            form.query_one("#app-notes", TextArea).text = BLOCK + text
            typed_notes = form.query_one("#app-notes", TextArea).text  # TextArea splits lines its own way (NEL, VT)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, ApplicationForm), (
                static_text(app, "#app-error") if app.screen.query("#app-error") else ""
            )
            saved = next(
                a for a in pipeline.all_applications(context.store) if a.role == clean_line(f"{text} {number}")
            )
            for value in (saved.company, saved.role, saved.next_action, saved.location, saved.source, saved.url):
                assert value == clean_line(f"{text} {number}")
                assert_stored_clean(value)
            assert saved.notes == clean_block(typed_notes)
            assert_stored_clean(saved.notes, multiline=True)
            assert_screen_safe(app)
        # Every card on the board shows the company and role as typed (cleaned), never as markup.
        prompts = [column.card_text(i) for column in app.screen.query(StageColumn) for i in range(column.option_count)]
        for application in pipeline.all_applications(context.store):
            assert any(application.company in prompt and application.role in prompt for prompt in prompts)
        assert "[bold]x[/]" in screen_text(app) or any("[bold]x[/]" in p for p in prompts)


@pytest.mark.parametrize("field", ["#app-applied", "#app-follow-up"])
async def test_application_form_refuses_impossible_dates_in_the_dialog(field: str, context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "a")
        form = app.screen
        form.query_one("#app-company", Input).value = "Acme"
        form.query_one("#app-role", Input).value = "Engineer"
        for value in ("2026-02-30", "99999-01-01", "0000-01-01", "-1", "[bold]fri[/]"):
            form.query_one(field, Input).value = value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ApplicationForm), value
            message = static_text(app, "#app-error")
            assert "date" in message and clean_line(value) in message, message
            assert pipeline.all_applications(context.store) == []
            assert form.query_one("#app-company", Input).value == "Acme"  # nothing typed is lost
        # The far future is a follow-up day; a day applied is in the past (a future one is questioned).
        form.query_one(field, Input).value = "9999-12-31" if field == "#app-follow-up" else "1999-12-31"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(pipeline.all_applications(context.store)) == 1
        assert_screen_safe(app)


async def test_a_date_typed_with_an_escape_sequence_keeps_only_its_text(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "a")
        form = app.screen
        form.query_one("#app-company", Input).value = "Acme"
        form.query_one("#app-role", Input).value = "Engineer"
        form.query_one("#app-follow-up", Input).value = "\x1b[31m2026-02-30\x07"
        assert form.query_one("#app-follow-up", Input).value == "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = static_text(app, "#app-error")
        assert "2026-02-30" in message and "not a real date" in message
        assert_text_safe(message)
        form.query_one("#app-follow-up", Input).value = "\x1b[31mfri\x1b[0m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = pipeline.all_applications(context.store)
        assert saved.follow_up is not None and saved.follow_up.weekday() == 4


# -- reframe: own card and thought record ---------------------------------------------------------


async def test_card_form_stores_hostile_fields_and_shows_them_literally(context: Context) -> None:
    app = CompanionApp(context)
    samples = FORM_SAMPLES
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        for number, text in enumerate(samples):
            await pilot.press("a")
            form = app.screen
            assert isinstance(form, CardForm)
            thought = f"{text} {number}"
            form.query_one("#card-thought", Input).value = thought
            form.query_one("#card-distortion").value = "labelling"
            for selector in ("#card-reframe", "#card-question", "#card-action"):
                form.query_one(selector, Input).value = f"{selector} {text}"
            await pilot.press("enter")
            await pilot.pause()
            if len(clean_line(thought)) > MAX_THOUGHT:
                assert isinstance(app.screen, CardForm) and str(MAX_THOUGHT) in static_text(app, "#card-error")
                await leave_form(pilot)
                continue
            assert not isinstance(app.screen, CardForm), static_text(app, "#card-error")
            card = next(c for c in card_store.my_cards(context.store) if c.thought == clean_line(thought))
            assert card.reframe == clean_line(f"#card-reframe {text}")
            assert card.question == clean_line(f"#card-question {text}")
            for value in (card.thought, card.reframe, card.question, card.action):
                assert_stored_clean(value)
            assert static_text(app, "#card-main") == card.thought  # the new card is shown, word for word
            assert_screen_safe(app)
            await pilot.press("space")  # the back of the card: reframe, question, action
            await pilot.pause()
            assert static_text(app, "#card-main") == card.reframe
            assert static_text(app, "#card-question") == card.question
            assert_screen_safe(app)
            await pilot.press("space")


async def test_thought_record_stores_hostile_text_as_cleaned(context: Context) -> None:
    wins.add_win(context.store, "[bold]a win[/] \x1b[31mwith colour", now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        for number, text in enumerate(FORM_SAMPLES):
            await pilot.press("r", "j")
            flow = app.screen
            assert isinstance(flow, ThoughtRecordFlow)
            flow.query_one("#thought-situation", TextArea).text = BLOCK + text
            flow.query_one("#thought-text", Input).value = f"{text} {number}"
            flow.query_one("#thought-mood", Input).value = text[:30]
            flow.query_one("#thought-before", Input).value = "80"
            flow.query_one("#thought-evidence-for", TextArea).text = text
            flow.query_one("#thought-evidence-against", TextArea).text = BLOCK
            flow.query_one("#thought-balanced", TextArea).text = f"{text}\n{text}"
            flow.query_one("#thought-after", Input).value = "40%"
            typed = {
                name: flow.query_one(f"#thought-{name}", TextArea).text
                for name in ("situation", "evidence-for", "evidence-against", "balanced")
            }
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, ThoughtRecordFlow), static_text(app, "#thought-error")
            record = card_store.thought_records(context.store)[-1]
            assert record.automatic_thought == clean_line(f"{text} {number}")
            assert record.mood == clean_line(text[:30])
            assert record.situation == clean_block(typed["situation"])
            assert record.evidence_for == clean_block(typed["evidence-for"])
            assert record.evidence_against.startswith(clean_block(typed["evidence-against"]))  # then the ticked wins
            assert record.balanced_thought == clean_block(typed["balanced"])
            assert (record.intensity_before, record.intensity_after) == (80, 40)
            for value in (record.automatic_thought, record.mood):
                assert_stored_clean(value)
            for value in (record.situation, record.evidence_for, record.evidence_against, record.balanced_thought):
                assert_stored_clean(value, multiline=True)
            assert_screen_safe(app)


INTENSITIES = ("101", "-5", "½", "٤٠", "4e1", "\x1b[31m500", "[bold]50[/]", "50.5", "1" * 60)


async def test_thought_record_refuses_intensities_that_are_not_0_to_100(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "j")
        flow = app.screen
        for value in INTENSITIES:
            flow.query_one("#thought-text", Input).value = "I'll never get hired"
            flow.query_one("#thought-before", Input).value = value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ThoughtRecordFlow)
            message = static_text(app, "#thought-error")
            assert "0 to 100" in message, (value, message)
            assert_text_safe(message)
            assert card_store.thought_records(context.store) == []
        assert_screen_safe(app)


# -- pipeline: debrief ----------------------------------------------------------------------------


async def test_debrief_stores_hostile_reflections_as_cleaned(context: Context) -> None:
    application = pipeline.add_application(
        context.store, pipeline.Details("[bold]Acme[/]", "\x1b[31mDev"), now=FIXED_NOW
    )
    text = "[bold]went[/] \x1b]0;t\x07well 漢字 👩\u200d💻 \u202eok $var"
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DebriefModal)
        assert "[bold]Acme[/]" in screen_text(app)
        await pilot.press("7", "enter")
        for selector in ("#debrief-went-well", "#debrief-to-improve", "#debrief-grown"):
            app.screen.query_one(selector, Input).value = f"{selector} {text}"
        app.screen.query_one("#debrief-grown", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert_screen_safe(app)
        (debrief,) = pipeline.debriefs_for(context.store, application.id)
        assert debrief.feeling == 7
        assert debrief.went_well == clean_block(f"#debrief-went-well {text}")
        assert debrief.grown == clean_block(f"#debrief-grown {text}")
        for value in (debrief.went_well, debrief.to_improve, debrief.grown):
            assert_stored_clean(value, multiline=True)


# -- breathing pattern, settings, search boxes ----------------------------------------------------


PATTERNS = (  # name, seconds (in, hold, out, hold), saved?
    ("[bold]Calm[/] \x1b[31mbox", ("4", "4", "4", "4"), True),
    ("漢字 👩\u200d💻", ("4,5", "0", "6", "0"), True),
    ("Arabic digits", ("٤", "٤", "٤", "٤"), True),
    ("\x1b[2J", ("4", "4", "4", "4"), False),  # nothing left of the name
    ("not a number", ("nan", "inf", "-0", "1e309"), False),
    ("x" * 41, ("4", "4", "4", "4"), False),
)


async def test_breathing_pattern_form_with_hostile_names_and_numbers(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        for name, seconds, saved in PATTERNS:
            await pilot.press("c")
            await pilot.pause()
            form = app.screen
            form.query_one("#pattern-name", Input).value = name
            for index, value in enumerate(seconds):
                form.query_one(f"#pattern-phase-{index}", Input).value = value
            form.query_one("#pattern-name", Input).focus()
            before = breath_log.custom_patterns(context.store)
            await pilot.press("enter")
            await pilot.pause()
            added = [p for p in breath_log.custom_patterns(context.store) if p not in before]
            if saved:
                (pattern,) = added
                assert pattern.name == clean_line(name)
                assert all(0 < phase.seconds <= 20 or phase.seconds == 0 for phase in pattern.phases)
                assert_stored_clean(pattern.name)
                continue
            assert added == [], name
            assert_text_safe(static_text(app, "#pattern-error"))
            assert static_text(app, "#pattern-error")
            await leave_form(pilot)
        assert_screen_safe(app)


async def test_settings_editor_refuses_hostile_values_and_names_the_setting(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        await pilot.press("enter")  # the first row: short break minutes
        await pilot.pause()
        assert static_text(app, ".dialog-title") == "Short break every"  # the dialog names it; the error says why
        for value in (
            "[bold]25[/]",
            "\x1b[31m2500",  # the field drops the escape: 2500 is what is left
            "25 minutes",
            "1e999",
            "-5",
            "99999999999999999999",
            "x" * 20_000,
            "",
            '"25"',
            "[25]",
            "{a = 1}",
        ):
            app.screen.query_one("#setting-value", Input).value = value
            await pilot.press("enter")
            await pilot.pause()
            message = static_text(app, "#setting-error")
            assert message == "Expected a whole number of minutes from 5 to 240", (value, message)
            assert_screen_safe(app)
        assert not context.config_path.exists()
        app.screen.query_one("#setting-value", Input).value = "30"
        await pilot.press("enter")
        await pilot.pause()
        assert "micro_break_minutes = 30" in context.config_path.read_text()


@pytest.mark.parametrize("area, key", [("l", "slash"), ("p", "slash")], ids=["wins", "pipeline"])
async def test_search_boxes_take_hostile_text(area: str, key: str, context: Context) -> None:
    wins.add_win(context.store, "Asked a [TODO] question", now=FIXED_NOW)
    pipeline.add_application(context.store, pipeline.Details("Acme [bold]x[/]", "Dev"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(area)
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        box = app.screen.query_one(Input)
        for text in (*MARKUP, *ESCAPES, *UNICODE, "x" * 20_000, "[TODO]", "[bold]x[/]"):
            box.value = text
            await pilot.pause()
            assert_screen_safe(app)
        box.value = "[TODO]" if area == "l" else "[bold]x[/]"
        await pilot.pause()
        assert ("[TODO]" if area == "l" else "[bold]x[/]") in screen_text(app)

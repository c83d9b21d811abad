"""Forms never write: the opener's `save` does the one write, and a refused one keeps what was typed.

First each form is opened with a `save` that only records what it is given: Enter hands over the
cleaned entry, the form closes with what `save` returned, and the store sees no commit at all. Then
each form is opened the way a person opens it, on a data dir its owner made read-only (chmod 500,
which the store honours even for root): the form stays open, the typing in place, the reason under
the fields, and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, ContentSwitcher, Input, Select, Static

from companion import people, pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.application_follow_up import FollowUpEntry, FollowUpForm
from companion.tui.modals.application_form import ApplicationEntry, ApplicationForm
from companion.tui.modals.breath_pattern_form import PatternEntry, PatternForm
from companion.tui.modals.card_form import CardEntry, CardForm
from companion.tui.modals.debrief import DebriefModal
from companion.tui.modals.interview_form import InterviewEntry, InterviewForm
from companion.tui.modals.person_form import PersonEntry, PersonForm
from companion.tui.modals.thought_record import ThoughtRecordFlow
from companion.tui.modals.win_form import WinEntry, WinForm
from tests.conftest import FIXED_NOW

SIZE = (120, 40)
TYPED = "Typed [b]here[/b] [TODO]"


def commits(context: Context) -> list[None]:
    """Every commit the store makes from now on, one entry each."""
    seen: list[None] = []
    context.store.subscribe(lambda: seen.append(None))
    return seen


def fill(screen: Screen[object], values: dict[str, str]) -> None:
    for selector, value in values.items():
        screen.query_one(selector, Input).value = value


# -- a form hands what was entered to `save` and writes nothing itself ---------------------------------


async def test_each_form_hands_the_entry_to_save_and_closes_with_what_save_returned(context: Context) -> None:
    application = pipeline.add_application(context.store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    given: list[object] = []

    def recording(result: object) -> Callable[[object], object]:
        def save(entry: object) -> object:
            given.append(entry)
            return result

        return save

    returned = {
        "win": object(),
        "card": object(),
        "pattern": object(),
        "app": object(),
        "follow": object(),
        "person": object(),
        "interview": object(),
    }
    forms: list[tuple[Screen[object], dict[str, str], str]] = [
        (WinForm(recording(returned["win"])), {"#win-text": f"{TYPED} #shipped", "#win-tags": "a, b"}, "win"),
        (CardForm(recording(returned["card"])), {"#card-thought": "I always fail", "#card-reframe": "One no"}, "card"),
        (PatternForm(recording(returned["pattern"])), {"#pattern-name": "Before calls"}, "pattern"),
        (ApplicationForm(recording(returned["app"])), {"#app-company": "Globex", "#app-role": "SRE"}, "app"),
        (FollowUpForm(recording(returned["follow"]), application), {"#follow-up-date": "+7d"}, "follow"),
        (PersonForm(recording(returned["person"])), {"#person-name": "Ana"}, "person"),
        (
            InterviewForm(recording(returned["interview"]), application),
            {"#interview-when": "tomorrow 9:30"},
            "interview",
        ),
    ]
    written = commits(context)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        for form, values, name in forms:
            closed: list[object] = []
            await app.push_screen(form, closed.append)
            await pilot.pause()
            fill(form, values)
            if isinstance(form, CardForm):
                form.query_one("#card-distortion", Select).value = "overgeneralisation"
            form.query_one(Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            assert closed == [returned[name]], name
    assert written == [], "no form writes to the store"
    win, card, pattern, application_entry, follow_up, person, interview = given
    assert win == WinEntry(f"{TYPED} #shipped", ["a", "b", "shipped"])
    assert card == CardEntry("I always fail", "overgeneralisation", "One no", "", "")
    assert pattern == PatternEntry("Before calls", ["4", "0", "6", "0"])
    assert isinstance(application_entry, ApplicationEntry) and application_entry.details.company == "Globex"
    assert application_entry.stage == "applied" and not application_entry.overwrite
    assert follow_up == FollowUpEntry(FIXED_NOW.date().fromordinal(FIXED_NOW.toordinal() + 7), False)
    assert isinstance(person, PersonEntry) and person.details.name == "Ana"
    assert isinstance(interview, InterviewEntry) and interview.plan.when == "tomorrow 9:30" and not interview.past


async def test_a_form_checks_the_typing_before_save_is_ever_called(context: Context) -> None:
    called: list[WinEntry] = []
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        form = WinForm(lambda entry: called.append(entry) or wins.Win(text="never"))  # type: ignore[func-returns-value]
        await app.push_screen(form)
        await pilot.pause()
        form.query_one("#win-text", Input).value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and called == []
        assert "a few words" in str(form.query_one("#win-error", Static).render())


# -- a refused write keeps the typing in every form ----------------------------------------------------


@pytest.fixture
def read_only_dir(context: Context) -> Iterator[Context]:
    """Data to open forms on, then the data dir made read-only by its owner (chmod 500)."""
    store = context.store
    wins.add_win(store, "Already here", now=FIXED_NOW)
    applied = pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Umbrella", "QA"), stage="rejected", now=FIXED_NOW)
    people.add_person(store, people.Details(name="Ana"), now=FIXED_NOW)
    assert applied.stage == "applied"
    before = {path.name: path.read_bytes() for path in context.data_dir.iterdir() if path.is_file()}
    os.chmod(context.data_dir, 0o500)
    try:
        yield context
    finally:
        os.chmod(context.data_dir, 0o700)
    after = {path.name: path.read_bytes() for path in context.data_dir.iterdir() if path.is_file()}
    assert {n: b for n, b in after.items() if not n.endswith(".lock")} == {
        n: b for n, b in before.items() if not n.endswith(".lock")
    }, "nothing was written"


Scenario = Callable[[CompanionApp, Pilot[None]], Awaitable[tuple[type[Screen[object]], dict[str, str]]]]


async def _win(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("w")
    return WinForm, {"#win-text": TYPED, "#win-tags": "tag"}


async def _card(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("r", "a")
    await pilot.pause()
    app.screen.query_one("#card-distortion", Select).value = "labelling"
    return CardForm, {"#card-thought": TYPED, "#card-reframe": "One no is one decision"}


async def _pattern(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("b", "c")
    return PatternForm, {"#pattern-name": TYPED}


async def _pattern_from_the_list(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("b", "o", "c")
    return PatternForm, {"#pattern-name": TYPED}


async def _application(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("p", "a")
    return ApplicationForm, {"#app-company": TYPED, "#app-role": "SRE"}


async def _application_edit(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("enter")
    return ApplicationForm, {"#app-next": TYPED}


async def _follow_up(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("f")
    return FollowUpForm, {"#follow-up-date": "+7d"}


async def _interview(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("i")
    return InterviewForm, {"#interview-when": "tomorrow 9:30", "#interview-with": TYPED}


async def _person(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("h", "a")
    return PersonForm, {"#person-name": TYPED}


async def _thought_record(app: CompanionApp, pilot: Pilot[None]) -> tuple[type[Screen[object]], dict[str, str]]:
    await pilot.press("r", "j")
    return ThoughtRecordFlow, {"#thought-text": TYPED, "#thought-before": "70"}


SCENARIOS: dict[str, Scenario] = {
    "win": _win,
    "card": _card,
    "pattern": _pattern,
    "pattern from the list": _pattern_from_the_list,
    "application": _application,
    "application edit": _application_edit,
    "follow-up": _follow_up,
    "interview": _interview,
    "person": _person,
    "thought record": _thought_record,
}


@pytest.mark.parametrize("name", SCENARIOS)
async def test_a_refused_save_keeps_the_typing_in_the_form_and_says_why(read_only_dir: Context, name: str) -> None:
    app = CompanionApp(read_only_dir)
    async with app.run_test(size=SIZE) as pilot:
        form_type, values = await SCENARIOS[name](app, pilot)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, form_type)
        fill(form, values)
        if isinstance(form, FollowUpForm):
            form.query_one("#follow-up-done", Checkbox).value = True
        if isinstance(form, ThoughtRecordFlow):
            await pilot.press("ctrl+s")  # save now, from any step
        else:
            form.query_one(next(iter(values)), Input).focus()
            await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form stays open so the typing can be saved later"
        assert {selector: form.query_one(selector, Input).value for selector in values} == values
        error = form.query_one(".form-error", Static)
        assert error.display and "read-only" in str(error.render())


async def test_a_refused_debrief_step_stays_with_its_answers(read_only_dir: Context) -> None:
    app = CompanionApp(read_only_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "right")  # to the closed column: Umbrella, rejected
        await pilot.press("x")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefModal)
        await pilot.press("4", "enter", *"on time", "enter", *"practice", "enter", *"calmer", "enter")
        await pilot.pause()
        assert app.screen is debrief and debrief.query_one(ContentSwitcher).current == "debrief-reflection"
        assert debrief.query_one("#debrief-went-well", Input).value == "on time"
        assert "read-only" in str(debrief.query_one("#debrief-error", Static).render())


def test_forms_import_nothing_that_writes() -> None:
    """A guard on the rule itself: no form module names a core write."""
    forms = Path(__file__).parents[2] / "companion" / "tui" / "modals"
    writes = (
        "add_win",
        "update_win",
        "add_card",
        "edit_card",
        "save_thought_record",
        "save_debrief",
        "request_feedback",
        "mark_name_asked",
        "add_pattern",
        "update_pattern",
        "delete_pattern",
        "add_application",
        "edit_application",
        "set_follow_up",
        "add_interview",
        "edit_interview",
        "add_person",
        "edit_person",
        "toggle_favourite",
        "data_changed",
    )
    found = {(path.name, word) for path in forms.glob("*.py") for word in writes if f".{word}(" in path.read_text()}
    assert found == set()

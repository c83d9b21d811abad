"""Pilot tests of the Reframe screen: cards, filters, favourites, own cards and the thought record."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import (
    Button,
    Input,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from companion import card_store, reframe, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.card_distortion import DistortionInfo
from companion.tui.modals.card_filter import CardFilter
from companion.tui.modals.card_form import CardForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.thought_record import ThoughtRecordFlow
from companion.tui.screens.reframe import ReframeScreen
from tests.conftest import FIXED_NOW

MARKUP = "[bold]x[/] [TODO] [/]"
DAILY = card_store.card_of_the_day_for(FIXED_NOW.date())


def text_of(app: CompanionApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def reframe_screen(app: CompanionApp) -> ReframeScreen:
    screen = app.screen
    assert isinstance(screen, ReframeScreen)
    return screen


def notes(app: CompanionApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def open_reframe(pilot: Pilot[None]) -> None:
    await pilot.press("r")
    await pilot.pause()


# -- the card on screen -------------------------------------------------------------------------


async def test_opens_on_the_card_of_the_day_face_up(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        assert reframe_screen(app).current_card() == DAILY
        assert "Card of the day" in text_of(app, "#card-label")
        assert text_of(app, "#card-heading") == "The thought"
        assert text_of(app, "#card-main") == DAILY.thought
        assert text_of(app, "#card-question") == ""  # the back is hidden
        assert text_of(app, "#reframe-status").startswith("All cards · card ")


async def test_space_flips_to_the_reframe_question_action_and_trap_and_back(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("space")
        trap = reframe.find_distortion(DAILY.distortion)
        assert trap is not None
        assert text_of(app, "#card-heading") == "Another way to see it"
        assert text_of(app, "#card-main") == DAILY.reframe
        assert text_of(app, "#card-question") == DAILY.question
        assert text_of(app, "#card-action") == DAILY.action
        assert trap.name in text_of(app, "#card-trap")
        await pilot.press("space")
        assert text_of(app, "#card-main") == DAILY.thought


async def test_next_and_previous_move_through_the_cards_face_up(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        deck = list(reframe.load_deck())
        following = reframe.next_card(deck, DAILY.id)
        await pilot.press("space", "n")
        assert reframe_screen(app).current_card() == following
        assert text_of(app, "#card-main") == following.thought
        assert "Card of the day" not in text_of(app, "#card-label")
        await pilot.press("N")
        assert reframe_screen(app).current_card() == DAILY
        await pilot.press("right", "right", "left")
        assert reframe_screen(app).current_card() == following
        await pilot.press("c")
        assert reframe_screen(app).current_card() == DAILY


async def test_filter_by_distortion_shows_only_that_trap(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("f")
        assert isinstance(app.screen, CardFilter)
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("catastrophising")
        await pilot.press("enter")
        await pilot.pause()
        screen = reframe_screen(app)
        assert text_of(app, "#reframe-status").startswith("Catastrophising · card 1 of ")
        seen = set()
        for _ in range(10):
            card = screen.current_card()
            assert card is not None and card.distortion == "catastrophising"
            seen.add(card.id)
            await pilot.press("n")
        assert seen == {c.id for c in reframe.filter_by_distortion(reframe.load_deck(), "catastrophising")}
        await pilot.press("f", "escape")  # closing the chooser keeps the view
        assert screen.current_card().distortion == "catastrophising"  # type: ignore[union-attr]
        await pilot.press("f")
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#reframe-status").startswith("All cards")


async def test_i_explains_the_trap_and_can_show_only_its_cards(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("i")
        assert isinstance(app.screen, DistortionInfo)
        trap = reframe.find_distortion(DAILY.distortion)
        assert trap is not None
        assert trap.explanation in [str(s.render()) for s in app.screen.query(Static)]
        await pilot.press("f")
        await pilot.pause()
        assert text_of(app, "#reframe-status").startswith(f"{trap.name} · card ")
        assert reframe_screen(app).current_card() == DAILY


async def test_star_keeps_a_favourite_and_the_favourites_view_shows_it(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("n", "s")
        await pilot.pause()
        starred = reframe_screen(app).current_card()
        assert starred is not None
        assert card_store.favourite_ids(context.store) == {starred.id}
        assert "★ favourite" in text_of(app, "#card-label")
        await pilot.press("f")
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(card_store.VIEW_FAVOURITES)
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#reframe-status") == "Your favourites · card 1 of 1"
        assert reframe_screen(app).current_card() == starred
        await pilot.press("s")  # unstar: the view empties and says what to do, kindly
        await pilot.pause()
        assert card_store.favourite_ids(context.store) == set()
        assert reframe_screen(app).current_card() is None
        assert "No favourites yet" in text_of(app, "#card-main")
        await pilot.press("space", "n", "s", "e", "d", "i")  # nothing to act on: nothing breaks
        assert isinstance(app.screen, ReframeScreen)


# -- the person's own cards ---------------------------------------------------------------------


async def test_add_shows_every_problem_in_the_dialog_then_saves(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, CardForm)
        await pilot.press("enter")
        await pilot.pause()
        error = text_of(app, "#card-error")
        assert "Write the thought" in error and "Pick the thinking trap" in error and "kinder, truer" in error
        assert card_store.my_cards(context.store) == []

        thought = f"I'm such a failure {MARKUP}"
        await type_text(pilot, thought)
        assert app.screen.query_one("#card-distortion", Select).value == "labelling"  # guessed from the thought
        app.screen.query_one("#card-reframe", Input).focus()
        await type_text(pilot, f"One no is one decision {MARKUP}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        [mine] = card_store.my_cards(context.store)
        expected = (thought, "labelling", f"One no is one decision {MARKUP}")
        assert (mine.thought, mine.distortion, mine.reframe) == expected
        assert reframe_screen(app).current_card() == mine
        assert text_of(app, "#card-main") == thought  # shown literally, not as markup
        assert "Your own card" in text_of(app, "#card-label")
        await pilot.press("space")
        assert text_of(app, "#card-main") == f"One no is one decision {MARKUP}"


async def test_enter_on_the_trap_list_saves_and_space_opens_it(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("a")
        await type_text(pilot, "I'm such a failure")
        app.screen.query_one("#card-reframe", Input).value = "One no is one decision"
        app.screen.query_one("#card-distortion", Select).focus()
        await pilot.press("space")  # opens the list, as a Select does
        assert app.screen.query_one("#card-distortion", Select).expanded
        await pilot.press("escape", "enter")  # closed again: Enter saves, as the hint says
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        assert [card.thought for card in card_store.my_cards(context.store)] == ["I'm such a failure"]


async def test_a_chosen_trap_is_not_overridden_by_the_guess(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("a")
        app.screen.query_one("#card-distortion", Select).value = "blaming"
        await pilot.pause()
        await type_text(pilot, "I always fail")
        assert app.screen.query_one("#card-distortion", Select).value == "blaming"
        await pilot.press("escape", "y")  # Escape asks before dropping what was typed
        assert isinstance(app.screen, ReframeScreen)
        assert card_store.my_cards(context.store) == []


async def test_edit_and_delete_own_cards_while_deck_cards_stay(context: Context) -> None:
    mine = card_store.add_card(context.store, "They hate me", "mind-reading", "I can't read minds.", now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("e")  # the card of the day is a deck card
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        assert any("bundled deck stay as they are" in note for note in notes(app))
        assert any("bundled deck stay" in note and "favourites" in note for note in notes(app))

        await pilot.press("f")
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(card_store.VIEW_MINE)
        await pilot.press("enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        reframe_input = app.screen.query_one("#card-reframe", Input)
        assert reframe_input.value == "I can't read minds."
        reframe_input.value = ""
        reframe_input.focus()
        await type_text(pilot, "Silence is not a verdict.")
        await pilot.press("enter")
        await pilot.pause()
        [edited] = card_store.my_cards(context.store)
        assert (edited.id, edited.reframe, edited.distortion) == (mine.id, "Silence is not a verdict.", "mind-reading")

        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep it
        assert card_store.my_cards(context.store) == [edited]
        await pilot.press("d", "y")
        await pilot.pause()
        assert card_store.my_cards(context.store) == []
        assert "No cards of your own yet" in text_of(app, "#card-main")


# -- the thought record -------------------------------------------------------------------------


async def test_a_whole_thought_record(context: Context) -> None:
    win = wins.add_win(context.store, f"Sent two applications {MARKUP}", now=FIXED_NOW - timedelta(days=2))
    wins.add_win(context.store, "An old win", now=FIXED_NOW - timedelta(days=60))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("j")
        flow = app.screen
        assert isinstance(flow, ThoughtRecordFlow)
        assert "step 1 of 8 · What happened" in text_of(app, "#thought-progress")
        await type_text(pilot, f"Rejection from {MARKUP} after the final round")
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")  # the thought cannot be skipped
        assert "Write down the thought" in text_of(app, "#thought-error")
        assert flow.query_one("#thought-skip", Button).disabled
        await type_text(pilot, "I'll never get hired, I'm such a failure")
        await pilot.press("enter")
        await type_text(pilot, "anxious")
        await pilot.press("enter")  # to the number
        await type_text(pilot, "180")
        await pilot.press("enter")
        assert "whole number from 0 to 100" in text_of(app, "#thought-error")
        flow.query_one("#thought-before", Input).value = "80"
        await pilot.press("enter")
        await pilot.pause()

        traps = flow.query_one("#thought-traps", SelectionList)
        guessed = reframe.guess_distortions("I'll never get hired, I'm such a failure")
        assert sorted(traps.selected) == sorted(guessed) and "labelling" in guessed
        assert "All-or-nothing thinking:" in text_of(app, "#thought-trap-explanation")
        await pilot.press("down")
        assert "Overgeneralisation:" in text_of(app, "#thought-trap-explanation")
        traps.deselect("labelling")
        await pilot.press("ctrl+n")
        await type_text(pilot, "They chose someone else")
        await pilot.press("ctrl+n")

        await type_text(pilot, "I reached the final round")
        offered = flow.query_one("#thought-wins", SelectionList)
        assert offered.option_count == 1  # only recent wins are offered
        offered.focus()
        await pilot.press("space", "ctrl+n")
        await pilot.pause()

        balanced = flow.query_one("#thought-balanced", TextArea)
        suggestion = reframe.suggest_balanced_thought(
            "I'll never get hired, I'm such a failure", card_store.all_cards(context.store)
        )
        assert balanced.text == suggestion
        balanced.text = "One no is one decision."
        await pilot.press("ctrl+n")
        assert "Before, it was 80" in text_of(app, "#thought-after-question")
        assert str(flow.query_one("#thought-next", Button).label) == "Save"
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ReframeScreen)
        [record] = card_store.thought_records(context.store)
        assert record.situation == f"Rejection from {MARKUP} after the final round"
        assert record.automatic_thought == "I'll never get hired, I'm such a failure"
        assert (record.mood, record.intensity_before, record.intensity_after) == ("anxious", 80, 30)
        assert sorted(record.distortions) == sorted(set(guessed) - {"labelling"})
        assert record.evidence_for == "They chose someone else"
        assert record.evidence_against == f"I reached the final round\n- {win.text}"
        assert record.balanced_thought == "One no is one decision."
        assert record.application_id is None
        assert "80→30" in text_of(app, "#reframe-relief")
        assert "The feeling went from 80 to 30" in " ".join(notes(app))


async def test_skipped_steps_stay_empty_and_ctrl_s_saves_early(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("j")
        await type_text(pilot, "typed, then skipped")
        await pilot.click("#thought-skip")
        await type_text(pilot, "Nobody replies")
        await pilot.press("ctrl+s")  # the number is still missing: taken to it, told why
        await pilot.pause()
        assert "step 3 of 8" in text_of(app, "#thought-progress")
        assert "How strong is the feeling before" in text_of(app, "#thought-error")
        app.screen.query_one("#thought-before", Input).value = "60"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [record] = card_store.thought_records(context.store)
        assert (record.situation, record.automatic_thought, record.intensity_before) == ("", "Nobody replies", 60)
        assert record.intensity_after is None and record.balanced_thought == ""
        assert "fill in 'after' next time" in text_of(app, "#reframe-relief")


async def test_started_from_an_application_with_the_situation_filled_in(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        save = partial(card_store.save_thought_record, context.store)  # the opener writes (the flow never does)
        await app.push_screen(ThoughtRecordFlow.for_application(save, "Acme [TODO]", "Backend engineer", "app-123"))
        await pilot.pause()
        situation = app.screen.query_one("#thought-situation", TextArea)
        assert situation.text == "Heard back from Acme [TODO] about Backend engineer"
        await pilot.press("ctrl+n")
        await type_text(pilot, "I'm not good enough")
        await pilot.press("enter", "enter")
        await type_text(pilot, "70")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [record] = card_store.thought_records(context.store)
        assert record.application_id == "app-123"
        assert record.situation == "Heard back from Acme [TODO] about Backend engineer"


async def test_escape_asks_before_dropping_a_written_thought(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reframe(pilot)
        await pilot.press("j", "escape")  # nothing written yet: it just closes
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        await pilot.press("j", "ctrl+n")
        await type_text(pilot, "I blew it")
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # stay
        assert isinstance(app.screen, ThoughtRecordFlow)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        assert card_store.thought_records(context.store) == []


async def test_each_hint_says_what_enter_does_and_enter_goes_on_from_the_traps(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reframe(pilot)
        await pilot.press("j")
        await pilot.pause()
        flow = app.screen
        assert text_of(app, ".dialog-hint").startswith("ctrl+n: next · Enter: new line")
        await type_text(pilot, "A no")
        await pilot.press("enter", *"after the final round")  # a new line in the box, as the hint says
        assert flow.query_one("#thought-situation", TextArea).text == "A no\nafter the final round"
        assert "step 1 of 8" in text_of(app, "#thought-progress")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert text_of(app, ".dialog-hint").startswith("Enter or ctrl+n: next")
        await type_text(pilot, "I always fail")
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, ".dialog-hint").startswith("Enter: to the strength")
        await pilot.press(*"sad", "enter")
        await pilot.pause()
        assert text_of(app, ".dialog-hint").startswith("Enter or ctrl+n: next")
        await pilot.press(*"70", "enter")
        await pilot.pause()

        traps = flow.query_one("#thought-traps", SelectionList)
        assert app.focused is traps
        assert text_of(app, ".dialog-hint").startswith("Space ticks · Enter or ctrl+n: next")
        guessed = list(traps.selected)
        await pilot.press("space")  # ticks the highlighted trap
        ticked = list(traps.selected)
        assert ticked != guessed
        await pilot.press("enter")  # goes on, and leaves the ticks as they are
        await pilot.pause()
        assert "step 5 of 8" in text_of(app, "#thought-progress")
        assert traps.selected == ticked
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert text_of(app, ".dialog-hint") == "Enter or ctrl+n: save · Escape: leave"  # the last step saves


async def test_staying_puts_the_focus_back_in_the_field_not_on_a_button(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reframe(pilot)
        await pilot.press("j", "ctrl+n", *"I blew it", "enter", "enter", *"60", "enter", "ctrl+n")
        await pilot.pause()
        assert "step 5 of 8" in text_of(app, "#thought-progress")
        flow = app.screen
        evidence = flow.query_one("#thought-evidence-for", TextArea)
        await type_text(pilot, "They said no")
        await pilot.press("tab", "tab")
        assert app.focused is flow.query_one("#thought-skip", Button)
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is flow and app.focused is evidence
        await pilot.press("enter")  # a new line in the field, never a skipped step
        await pilot.pause()
        assert "step 5 of 8" in text_of(app, "#thought-progress")
        assert evidence.text == "They said no\n"
        await pilot.press("tab", "tab")
        assert text_of(app, ".dialog-hint").startswith("Enter: skip · ctrl+n: next")  # on a button, Enter presses it


# -- keys ---------------------------------------------------------------------------------------


def test_every_key_is_described_has_an_id_and_leaves_the_global_keys_alone() -> None:
    global_keys = {key for b in CompanionApp.BINDINGS if isinstance(b, Binding) for key in b.key.split(",")}
    keys: list[str] = []
    for binding in ReframeScreen.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.description and binding.id and binding.id.startswith("reframe.")
        keys += binding.key.split(",")
    assert not set(keys) & global_keys
    assert len(keys) == len(set(keys))
    assert {"space", "n", "a", "j"} <= set(keys)  # DESIGN §5


def test_reframe_snapshot(snap_compare, context: Context) -> None:  # type: ignore[no-untyped-def]
    """The back of the card of the day (fixed clock), with one thought record in the trend."""
    record = reframe.make_thought_record("I always get rejected", 80, 35, now=FIXED_NOW)
    card_store.save_thought_record(context.store, record)
    assert snap_compare(CompanionApp(context), press=["r", "space"], terminal_size=(100, 30))

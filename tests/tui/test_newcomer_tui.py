"""What a newcomer tripped over (issue 20), in the app: forms keep typing, keys listed once, undo, Breathe's memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from companion import breath_log, pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.application_form import ApplicationForm
from companion.tui.modals.card_form import CardForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.help import HelpModal
from companion.tui.modals.path_prompt import PathPrompt, unused_name
from companion.tui.modals.win_form import WinForm
from companion.tui.screens.breathe import BreatheScreen
from tests.conftest import FIXED_NOW

SIZES = [(120, 40), (80, 24), (60, 20)]


def notes(app: CompanionApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def on_screen(app: CompanionApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static) if widget.display)


# -- forms keep what was typed ----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_escape_on_a_form_with_typing_asks_and_stay_keeps_it(context: Context, size: tuple[int, int]) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=size) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WinForm)
        await pilot.press("escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, WinForm | Confirm)
        await pilot.press("w", *"[TODO] [/] got a reply", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Close without saving?" in on_screen(app)
        await pilot.press("n")  # Stay
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WinForm)
        assert form.query_one("#win-text", Input).value == "[TODO] [/] got a reply"
        assert form.focused is form.query_one("#win-text", Input)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, WinForm | Confirm)
    assert context.store.all(wins.TABLE) == []


async def test_an_edit_form_left_unchanged_closes_at_once(context: Context) -> None:
    pipeline.add_application(context.store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationForm)
        await pilot.press("escape")  # what it opened with is still there: nothing to lose
        await pilot.pause()
        assert not isinstance(app.screen, ApplicationForm | Confirm)


async def test_the_trap_guess_follows_the_thought_as_it_is_now(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardForm)
        trap = form.query_one("#card-distortion", Select)
        await pilot.press(*"They went quiet, so I must")
        assert trap.value == "should-statements"  # the guess for "I must"...
        await pilot.press(*" have blown it")
        await pilot.pause()
        assert trap.value is Select.NULL  # ...goes once the thought reads otherwise
        assert not form.query_one("#card-trap-explanation", Static).display


# -- a second application to the same role ------------------------------------------------------------


async def test_the_form_warns_about_a_double_and_a_second_enter_adds_it(context: Context) -> None:
    pipeline.add_application(context.store, pipeline.Details("Acme [TODO]", "Dev"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("a", *"acme [todo]", "tab", *"DEV", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationForm)
        assert "Acme [TODO] — Dev is already in your pipeline (applied). Press Enter again" in on_screen(app)
        assert len(pipeline.all_applications(context.store)) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ApplicationForm)
    assert len(pipeline.all_applications(context.store)) == 2


async def test_a_future_applied_date_is_questioned_in_the_form(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("a", *"Acme", "tab", *"Dev")
        app.screen.query_one("#app-applied", Input).value = "+2w"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationForm)
        assert "Date applied: Fri 11 Dec is still to come" in on_screen(app)
        app.screen.query_one("#app-applied", Input).value = "mon"
        await pilot.press("enter")
        await pilot.pause()
    [added] = pipeline.all_applications(context.store)
    assert added.applied_on == "2026-11-23"  # the latest Monday, not next week's


# -- keys ------------------------------------------------------------------------------------------------


async def test_help_lists_each_key_once_and_all_of_them(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_modal = app.screen
        assert isinstance(help_modal, HelpModal)
        keys = [key for key, _ in help_modal.screen_keys]
        assert len(keys) == len(set(keys))
        rows = dict(help_modal.screen_keys)
        assert rows["left"] == "Previous pattern" and rows["right"] == "Next pattern"
        assert rows["+/="] == "Longer" and rows["-"] == "Shorter"
        assert rows["space"] == "Start / Pause / Resume"
        assert "←→" not in keys and "+-" not in keys
        await pilot.press("escape", "r")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        rows = dict(app.screen.screen_keys)  # type: ignore[attr-defined]
        assert rows["n/right"] == "Next" and rows["N/left"] == "Previous"


async def test_ctrl_c_names_companions_own_quit_key(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert notes(app)[-1] == "Press q to quit companion (in a text field, leave the field first)."


async def test_home_and_end_move_the_row_cursor_in_the_wins_log(context: Context) -> None:
    for number in range(30):
        wins.add_win(context.store, f"win {number}", now=FIXED_NOW.replace(minute=number))
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        await pilot.press("end")
        await pilot.pause()
        assert screen._current_win().text == "win 0"  # type: ignore[attr-defined]  # oldest, last row
        await pilot.press("home")
        await pilot.pause()
        assert screen._current_win().text == "win 29"  # type: ignore[attr-defined]


# -- undo right after a delete ----------------------------------------------------------------------------


async def test_undo_brings_a_deleted_win_back_with_its_id(context: Context) -> None:
    kept = wins.add_win(context.store, "Asked a great question [b]", ["interview"], now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("d", "y")
        await pilot.pause()
        assert context.store.all(wins.TABLE) == []
        assert notes(app)[-1] == "Deleted that win. Press u to undo."
        await pilot.press("u")
        await pilot.pause()
        assert notes(app)[-1] == "Back again: that win."
        [back] = context.store.all(wins.TABLE)
        assert (back["id"], back["text"], back["tags"]) == (kept.id, kept.text, kept.tags)
        await pilot.press("u")
        await pilot.pause()
        assert notes(app)[-1].startswith("Nothing to undo")
    assert len(context.store.all(wins.TABLE)) == 1


async def test_undo_brings_a_deleted_application_back(context: Context) -> None:
    made = pipeline.add_application(context.store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert pipeline.all_applications(context.store) == []
        assert notes(app)[-1] == "Deleted Acme — Dev. Press u to undo."
        await pilot.press("u")
        await pilot.pause()
    [back] = pipeline.all_applications(context.store)
    assert (back.id, back.history) == (made.id, made.history)


# -- Breathe ------------------------------------------------------------------------------------------------


async def test_breathe_opens_on_the_pattern_and_length_breathed_last(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("right", "right", "plus", "plus")
        screen = app.screen
        assert isinstance(screen, BreatheScreen)
        chosen = screen.selected_pattern
        await pilot.press("space", "escape")
        await pilot.pause()
    assert breath_log.last_choice(context.store) == breath_log.BreathChoice(chosen.id, 10, 10, False)  # type: ignore[union-attr]
    again = CompanionApp(context)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, BreatheScreen)
        assert screen.selected_pattern == chosen
        assert "10 minutes" in str(screen.query_one("#breathe-length", Static).render())


async def test_e_on_a_built_in_pattern_explains_itself(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)
        assert "The built-in patterns stay as they are. c makes one of your own" in notes(app)[-1]


# -- the brag document never overwrites silently ---------------------------------------------------------


def test_a_free_name_is_found_beside_taken_ones(tmp_path: Path) -> None:
    wanted = tmp_path / "brag.md"
    assert unused_name(wanted) == wanted
    wanted.write_text("mine")
    (tmp_path / "brag-2.md").write_text("mine too")
    assert unused_name(wanted) == tmp_path / "brag-3.md"


async def test_the_export_asks_before_replacing_and_keeping_offers_a_new_name(
    context: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    wins.add_win(context.store, "Shipped it", now=FIXED_NOW)
    taken = tmp_path / f"companion-brag-{FIXED_NOW.date().isoformat()}.md"
    taken.write_text("last week's, by hand")
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        field = prompt.query_one("#path", Input)
        assert field.value == str(taken.with_name(taken.stem + "-2.md"))  # a free name is offered
        field.value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert app.screen is prompt and field.value.endswith("-2.md")
        assert taken.read_text() == "last week's, by hand"
        await pilot.press("enter")
        await pilot.pause()
    assert "Shipped it" in taken.with_name(taken.stem + "-2.md").read_text()
    assert taken.read_text() == "last week's, by hand"

"""Pilot tests of the app shell, the global keys, the wins log and the quick-add modal."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from companion import wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.keys import key_clashes
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.help import HelpModal
from companion.tui.modals.recover import RecoverScreen
from companion.tui.modals.win_form import WinForm
from companion.tui.widgets.virtual_table import VirtualTable
from tests.conftest import FIXED_NOW


def static_text(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_lands_on_today_without_focus_in_an_input(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)):
        assert app.current_mode == "today"
        assert not isinstance(app.focused, Input)
        assert "Friday 27 November 2026" in static_text(app, "#today-greeting")


async def test_global_keys_switch_areas(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, mode in [("p", "pipeline"), ("l", "wins"), ("b", "breathe"), ("r", "reframe"), ("t", "today")]:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_quick_win_from_any_screen(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("t", "l", "p"):
            await pilot.press(key, "w")
            assert isinstance(app.screen, WinForm)
            await pilot.press(*f"win on {key}")
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, WinForm)
        assert sorted(w.text for w in wins.all_wins(context.store)) == ["win on l", "win on p", "win on t"]


async def test_quick_win_refuses_empty_and_escape_cancels(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w", "space", "enter")
        assert isinstance(app.screen, WinForm)
        assert "even a tiny one counts" in static_text(app, "#win-error")
        await pilot.press("x", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, WinForm)
        assert wins.all_wins(context.store) == []


async def test_markup_text_is_shown_literally_in_list_and_toast(context: Context) -> None:
    app = CompanionApp(context)
    hostile = "[bold]big[/] [TODO] [/] [link=x]y[/link]"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        app.screen.query_one("#win-text", Input).value = hostile
        await pilot.press("enter")
        await pilot.pause()
        assert hostile in static_text(app, "#today-wins")
        assert any(n.message == f"Saved: {hostile}" and not n.markup for n in app._notifications)
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert str(table.get_row_at(0)[1]) == hostile


async def test_help_lists_screen_and_global_keys(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "question_mark")
        assert isinstance(app.screen, HelpModal)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        for expected in ("Brag doc", "Search", "Delete", "Today", "Pipeline", "Breathe", "Reframe", "Quit"):
            assert expected in text
        await pilot.press("t")  # area keys do nothing under a dialog
        assert app.current_mode == "wins"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpModal)


async def test_command_palette_reaches_areas_and_actions(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in (
            "Go to Today",
            "Go to Pipeline",
            "Go to Wins",
            "Go to Breathe",
            "Go to Reframe",
            "Add a win",
            "Brag doc",
            "Delete",
        ):
            assert expected in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"go to breathe")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "breathe"


async def test_wins_search_edit_delete(context: Context) -> None:
    for n, text in enumerate(["Solved a graph problem #dsa", "Met a mentor", "Refactored my portfolio #code"]):
        wins.add_win(context.store, text, now=FIXED_NOW - timedelta(hours=n))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == 3
        await pilot.press("slash", *"#dsa")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("escape")
        assert table.row_count == 3
        await pilot.press("down", "enter")
        assert isinstance(app.screen, WinForm)
        app.screen.query_one("#win-text", Input).value = "Met a mentor for coffee"
        await pilot.press("enter")
        await pilot.pause()
        assert "Met a mentor for coffee" in [w.text for w in wins.all_wins(context.store)]
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert len(wins.all_wins(context.store)) == 3
        await pilot.press("d", "y")
        await pilot.pause()
        assert [w.text for w in wins.all_wins(context.store)] == [
            "Solved a graph problem #dsa",
            "Refactored my portfolio #code",
        ]
        assert table.row_count == 2


async def test_brag_export_writes_the_file(context: Context, tmp_path) -> None:
    wins.add_win(context.store, "Gave a lightning talk", ["speaking"], now=FIXED_NOW)
    app = CompanionApp(context)
    target = tmp_path / "brag.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "e")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert "### speaking\n\n- 2026-11-27: Gave a lightning talk" in target.read_text()


async def test_outside_writes_appear_and_are_kept(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        other = type(context.store)(context.data_dir)  # another process's view of the same file
        wins.add_win(other, "from the shell", now=FIXED_NOW)
        app.poll_data_file()
        await pilot.pause()
        assert app.screen.query_one(VirtualTable).row_count == 1
        await pilot.press("w", *"from the app", "enter")
        await pilot.pause()
    assert sorted(w.text for w in wins.all_wins(context.store)) == ["from the app", "from the shell"]


async def test_ten_thousand_wins_load_in_the_log(context: Context) -> None:
    stamps = [(FIXED_NOW - timedelta(minutes=n)).isoformat() for n in range(10_000)]
    with context.store.transaction() as tx:
        tx.insert_many(
            "wins", [{"text": f"win {n}", "tags": [], "created_at": s, "updated_at": s} for n, s in enumerate(stamps)]
        )
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == 10_000
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == 9_999


async def test_corrupt_file_offers_recovery(context: Context) -> None:
    context.data_dir.mkdir(parents=True)
    context.store.path.write_bytes(b"\x00garbage")
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen)
        await pilot.click("#empty")
        await pilot.pause()
        assert not isinstance(app.screen, RecoverScreen)
    aside = [p for p in context.data_dir.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00garbage"


async def test_rebound_key_works_and_help_shows_it(context: Context) -> None:

    context.config = context.config.replace(keys={"quick_win": "ctrl+w", "wins.search": "f"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "question_mark")
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "ctrl+w  Win" in text and "f  Search" in text
        await pilot.press("escape", "ctrl+w")
        assert isinstance(app.screen, WinForm)


async def test_a_punctuation_key_from_the_file_works_and_a_made_up_one_is_reported(context: Context) -> None:
    context.config = context.config.replace(keys={"quick_win": "!", "wins.search": "ctrl+foo"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("l", "question_mark")
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "!  Win" in text and "/  Search" in text  # the made-up key leaves the default in place
        messages = [str(n.message) for n in app._notifications]
        assert any("keys.wins.search: 'ctrl+foo' is not a key name" in m for m in messages), messages
        await pilot.press("escape", "exclamation_mark")
        assert isinstance(app.screen, WinForm)


async def test_a_key_given_to_two_actions_is_told_once_and_the_persons_choice_answers(context: Context) -> None:
    context.config = context.config.replace(keys={"quick_win": "q"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, WinForm)  # nothing quits by surprise
        await pilot.press("escape", "l", "t")
        messages = [str(n.message) for n in app._notifications]
        told = [m for m in messages if m.startswith("Your keys give q to ") and "“Quit”" in m and "“Win”" in m]
        assert len(told) == 1, messages


async def test_the_apps_words_name_the_persons_own_keys(context: Context) -> None:
    context.config = context.config.replace(keys={"quick_win": "!", "pipeline": "f6", "pipeline.add": "ctrl+a"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Next step (!): No win logged today yet: press ! and write" in static_text(app, "#today-next")
        assert static_text(app, "#today-pipeline-title") == "Pipeline · f6"
        assert "Press ! to log the first one." in static_text(app, "#today-wins")
        await pilot.press("f6")
        await pilot.pause()
        assert "press ctrl+a to add the first one" in static_text(app, "#pipeline-detail")
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert type(app.screen).__name__ == "ApplicationForm"


async def test_a_dialog_leaves_the_screen_behind_visible_in_an_ansi_theme(context: Context) -> None:
    context.config = context.config.replace(theme="ansi-light")
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WinForm)
        assert app.screen.styles.background.a == 0  # 60% of an ANSI colour is opaque: it blanked Today


def test_key_clashes_name_only_keys_the_person_chose() -> None:
    assert key_clashes(CompanionApp, {}) == []
    assert key_clashes(CompanionApp, {"quick_win": "ctrl+w"}) == []
    [clash] = key_clashes(CompanionApp, {"wins.search": "question_mark"})
    assert clash.startswith("Your keys give ? to “Keys”, “Search”:")  # shown as typed, not as Textual's name
    [clash] = key_clashes(CompanionApp, {"quick_win": "x,f2"})
    assert "“Rejected”" in clash and "“Win”" in clash and "f2" not in clash


async def test_today_shows_the_suggestion_for_its_state(context: Context) -> None:
    from companion import pipeline

    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "press w" in static_text(app, "#today-next")  # nothing logged today yet
        wins.add_win(context.store, "a small thing", now=FIXED_NOW)
        app.poll_data_file()
        await pilot.pause()
        assert "press p, then a" in static_text(app, "#today-next")  # below the breadth target
        application = pipeline.add_application(context.store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
        pipeline.move(context.store, application.id, "rejected", now=FIXED_NOW)
        app.poll_data_file()
        await pilot.pause()
        assert "press b" in static_text(app, "#today-next")  # a no landed today: care first
        await pilot.press("b")
        assert app.current_mode == "breathe"

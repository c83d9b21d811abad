"""The key bar: the current screen's keys on one line, drawn in the first frame, clickable."""

from __future__ import annotations

from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.win_form import WinForm
from companion.tui.widgets.key_bar import KeyBar


def bar_text(app: CompanionApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_shows_the_screens_keys_then_the_global_ones_and_the_palette(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        text = bar_text(app)
        assert text.startswith(" t Today  p Pipeline  l Wins ") and text.rstrip().endswith("^p palette")
        await pilot.press("l")
        text = bar_text(app)
        assert text.startswith(" a Add  ⏎ Edit  / Search  e Brag doc  d Delete  t Today ")


async def test_follows_focus_and_the_persons_own_keys(context: Context) -> None:
    context.config = context.config.replace(keys={"quick_win": "ctrl+w"})
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        assert " ^w Win " in bar_text(app)
        await pilot.press("l", "slash")  # typing in the search box: the one-letter keys are not active
        assert "t Today" not in bar_text(app) and "Search" in bar_text(app)


async def test_clicking_a_key_presses_it(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        offset = bar_text(app).index(" w Win ") + 2
        await pilot.click(KeyBar, offset=(offset, 0))
        await pilot.pause()
        assert isinstance(app.screen, WinForm)
        await pilot.press("escape")
        assert bar.is_mounted


async def test_a_narrow_bar_keeps_the_key_that_lists_them_all(context: Context) -> None:
    from companion.tui.modals.help import HelpModal

    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        text = bar_text(app)
        assert text.startswith(" a Add ") and text.rstrip().endswith(" …  ? Keys")  # the rest is one key away
        assert "q Quit" not in text and len(text.rstrip()) <= 80
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(bar_text(app).index(" ? Keys") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        await pilot.press("escape", "t")
        assert " … " in bar_text(app)
        await pilot.resize_terminal(120, 40)  # Today's keys all fit again: nothing is left out
        await pilot.pause()
        assert " … " not in bar_text(app) and "q Quit" in bar_text(app) and bar.is_mounted

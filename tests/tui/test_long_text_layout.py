"""Long text and small terminals: everything stays reachable by keyboard and on one screen's width."""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList, Static

from companion import pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.card_filter import CardFilter
from companion.tui.widgets.virtual_table import VirtualTable
from tests.conftest import FIXED_NOW

LONG_WIN = ("[TODO] " + "Finished the take-home and explained every trade-off " * 10)[:500]  # the longest a win may be
WIDE_WIN = "面接で落ち着いて話せた🎉" * 30  # wide characters: two cells each


def shown_lines(widget: Widget) -> list[str]:
    """The widget's lines as drawn on the screen."""
    return [widget.render_line(y).text for y in range(widget.region.height)]


def seed_wins(context: Context, *texts: str) -> list[wins.Win]:
    return [wins.add_win(context.store, text, now=FIXED_NOW - timedelta(minutes=n)) for n, text in enumerate(texts)]


async def test_today_scrolls_by_keyboard_and_the_letter_keys_still_answer(context: Context) -> None:
    pipeline.add_application(
        context.store, pipeline.Details("Acme", "Backend engineer", follow_up_on=FIXED_NOW.date()), now=FIXED_NOW
    )
    seed_wins(context, "Solved a graph problem", "Met a mentor", "Sent two applications")
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        today = app.screen.query_one("#today", VerticalScroll)
        calm = app.screen.query_one("#today-calm", Static)
        assert today.max_scroll_y > 0  # more than one screen: the keys below must reach the rest
        assert app.focused is None
        await pilot.press("end")
        assert today.scroll_y == today.max_scroll_y
        assert today.region.contains_region(calm.region)  # the last section is on screen
        await pilot.press("home")
        assert today.scroll_y == 0
        await pilot.press("down")
        assert today.scroll_y == 1
        await pilot.press("up")
        assert today.scroll_y == 0
        await pilot.press("pagedown")
        assert today.scroll_y == min(today.max_scroll_y, today.scrollable_content_region.height)
        await pilot.press("pageup")
        assert today.scroll_y == 0
        assert app.focused is None
        await pilot.press("l")
        assert app.current_mode == "wins"


async def test_today_shows_each_win_on_one_line_cut_by_cell_width(context: Context) -> None:
    seed_wins(context, LONG_WIN, WIDE_WIN, "Met a mentor")
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)):
        latest = app.screen.query_one("#today-wins", Static)
        lines = shown_lines(latest)
        assert len(lines) == 3
        width = latest.content_region.width
        assert lines[0].startswith("• [TODO] Finished the take-home") and lines[0].rstrip().endswith("…")
        assert lines[1].startswith("• 面接で落ち着いて") and lines[1].rstrip().endswith("…")
        assert all(cell_len(line.rstrip()) <= width for line in lines)
        assert lines[2].rstrip() == "• Met a mentor"
        assert "this week" in str(app.screen.query_one("#today-week", Static).render())


def win_table_fits(table: VirtualTable) -> list[str]:
    """When, Win and Tags side by side within the table, with no sideways scrolling: its lines as drawn."""
    assert table.virtual_size.width <= table.scrollable_content_region.width
    assert table.max_scroll_x == 0
    lines = shown_lines(table)
    assert all(cell_len(line.rstrip()) <= table.scrollable_content_region.width for line in lines)
    return lines


def win_column_width(table: VirtualTable) -> int:
    """Cells of the Win column, read from where the header puts "Tags"."""
    header = shown_lines(table)[0]
    return header.index("Tags") - header.index("Win") - 2 * table.cell_padding


async def test_wins_log_keeps_every_column_on_screen_and_gives_width_back(context: Context) -> None:
    long_win, *_ = seed_wins(context, LONG_WIN, WIDE_WIN)
    wins.add_win(context.store, "Met a mentor", ["people", "network"], now=FIXED_NOW - timedelta(hours=1))
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        lines = win_table_fits(table)
        assert "…" in lines[1] and "…" in lines[2]  # the long and the wide win, cut
        assert "#people #network" in lines[3]
        narrow_width = win_column_width(table)

        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "#people #network" in win_table_fits(table)[3]
        assert win_column_width(table) > narrow_width

        wins.delete_win(context.store, long_win.id)
        wins.update_win(context.store, _id_of(context, WIDE_WIN), "Short now", [], now=FIXED_NOW)
        app.data_changed()
        await pilot.pause()
        win_table_fits(table)
        assert win_column_width(table) == len("Met a mentor")


def _id_of(context: Context, text: str) -> str:
    return next(win.id for win in wins.all_wins(context.store) if win.text == text)


async def test_card_filter_shows_every_option_and_the_hint_at_80x24(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "f")
        await pilot.pause()
        assert isinstance(app.screen, CardFilter)
        dialog = app.screen.query_one("#card-filter")
        options = app.screen.query_one(OptionList)
        hint = app.screen.query_one(".dialog-hint", Static)
        assert app.screen.region.contains_region(dialog.region)
        assert dialog.content_region.contains_region(options.region)
        assert dialog.content_region.contains_region(hint.region)
        assert "Enter shows them" in shown_lines(hint)[0]
        await pilot.press("end")
        await pilot.pause()
        assert options.highlighted == options.option_count - 1
        assert_highlight_shown(options, "Blaming")
        await pilot.press("enter", "f")  # opened again on the last trap: it shows at once
        await pilot.pause()
        assert_highlight_shown(app.screen.query_one(OptionList), "Blaming")


def assert_highlight_shown(options: OptionList, text: str) -> None:
    """The highlighted option (one line each) is among the list's visible lines and reads `text`."""
    assert options.highlighted is not None
    line = options.highlighted - round(options.scroll_y)
    assert 0 <= line < options.content_region.height
    assert text in options.render_line(line).text


async def test_today_at_80_columns_shows_every_section_effort_included(context: Context) -> None:
    seed_wins(context, "Met a mentor")
    app = CompanionApp(context)
    async with app.run_test(size=(80, 60)) as pilot:
        effort = app.screen.query_one("#today-effort", Static)
        today = app.screen.query_one("#today", VerticalScroll)
        assert effort.display and today.region.contains_region(effort.region)  # tall enough: no scrolling
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("end")
        assert effort.display and today.region.contains_region(effort.region)
        assert "Effort" in shown_lines(app.screen.query_one("#today-effort-title", Static))[0]

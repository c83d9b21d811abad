"""A big store at every size: the wins log makes only the rows it shows, searches find the same wins as
the core, and the board draws whole cards with their counts at 60x20, 80x24 and 120x40."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from companion import pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.widgets.pipeline_column import StageColumn
from companion.tui.widgets.virtual_table import VirtualTable
from tests.conftest import FIXED_NOW

MANY = 10_000


def seed_many_wins(context: Context, count: int = MANY) -> None:
    stamps = [(FIXED_NOW - timedelta(hours=n)).astimezone().isoformat() for n in range(count)]
    tags = ["interview", "learning", "code"]
    with context.store.transaction() as tx:
        tx.insert_many(
            "wins",
            [
                {"text": f"win {n} [TODO]", "tags": [tags[n % 3]], "created_at": stamp, "updated_at": stamp}
                for n, stamp in enumerate(stamps)
            ],
        )


def drawn(widget: StageColumn | VirtualTable) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.content_region.height)]


async def test_wins_log_makes_only_the_rows_it_shows_and_end_reaches_the_last(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_many_wins(context)
    made: list[int] = []
    real = wins.WinLog.win
    monkeypatch.setattr(wins.WinLog, "win", lambda log, position: made.append(position) or real(log, position))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == MANY
        assert 0 < len(set(made)) < 100  # the rows on screen (and the cursor's), not ten thousand
        assert "win 0 [TODO]" in drawn(table)[1]
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == MANY - 1
        assert f"win {MANY - 1} [TODO]" in drawn(table)[-1]
        assert len(set(made)) < 200
        await pilot.press("home", "pagedown")
        assert table.cursor_row == table.scrollable_content_region.height - 1  # a page of rows under the header


async def test_search_in_a_long_log_finds_what_the_core_finds(context: Context) -> None:
    seed_many_wins(context)
    query = "#code win 1"
    expected = [win.text for win in wins.filter_wins(wins.all_wins(context.store), query=query)]
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "slash", *query)
        await app.workers.wait_for_complete()  # past 2,000 wins the search runs in a worker
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == len(expected) > 0
        assert [table.get_row_at(n)[1] for n in (0, len(expected) - 1)] == [expected[0], expected[-1]]
        await pilot.press(*"zzz")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 0
        assert str(app.screen.query_one("#wins-empty", Static).render()) == "Nothing matches that search."
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == MANY
        await pilot.press("slash", *query, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "escape")  # the second match, then every win again: the cursor stays on it
        await pilot.pause()
        assert table.get_row_at(table.cursor_row)[1] == expected[1]
        assert expected[1] in drawn(table)[table.cursor_row - int(table.scroll_y) + 1]


def seed_long_column(context: Context, count: int = 40) -> None:
    for n in range(count):
        pipeline.add_application(
            context.store,
            pipeline.Details(
                f"Company with a long name {n}", "Senior platform engineer, payments", follow_up_on=FIXED_NOW.date()
            ),
            now=FIXED_NOW - timedelta(minutes=n),
        )
    pipeline.add_application(context.store, pipeline.Details("Quietco", "Dev"), stage="no_response", now=FIXED_NOW)


def assert_whole_cards(column: StageColumn) -> None:
    """Every drawn card has all its lines, each ends in a divider, and nothing is cut at the bottom."""
    lines = drawn(column)
    divider = "─" * column.content_region.width
    groups: list[list[str]] = [[]]
    for line in lines:
        if line == divider:
            groups.append([])
        else:
            groups[-1].append(line)
    *cards, rest = groups
    assert cards and all(not line.strip() for line in rest)  # under the last whole card: blank lines
    first = column._top  # which card is first in sight
    for offset, card_lines in enumerate(cards):
        whole = column.card_text(first + offset).split("\n")
        assert len(card_lines) == len(whole)
        assert card_lines[0].rstrip("… ") and whole[0].startswith(card_lines[0].rstrip().rstrip("…"))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_board_shows_whole_cards_and_every_count_at_each_size(size: tuple[int, int], context: Context) -> None:
    seed_long_column(context)
    app = CompanionApp(context)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p")
        await pilot.pause()
        applied = app.screen.query_one("#column-applied", StageColumn)
        assert app.focused is applied
        assert_whole_cards(applied)
        assert "40" in f"{applied.border_title} {applied.border_subtitle}"
        assert "↓" in applied.border_subtitle  # more below, and the border says so
        for _ in range(25):
            await pilot.press("down")
        await pilot.pause()
        assert_whole_cards(applied)
        assert applied.highlighted == 25
        assert "↑" in applied.border_subtitle or "↕" in applied.border_subtitle
        await pilot.press("end")
        await pilot.pause()
        assert_whole_cards(applied)
        assert applied.highlighted == 39 and "↓" not in applied.border_subtitle
        closed = app.screen.query_one("#column-closed", StageColumn)
        assert "no response" in closed.card_text(0)  # the stage's own words, never split over two lines
        assert any(line.startswith("no res") for line in drawn(closed))
        for column in app.screen.query(StageColumn):
            title = f"{column.border_title} {column.border_subtitle}"
            assert str(column.option_count) in title
            assert len(column.border_title) <= column.size.width - 4  # shortened, never cut with "…"


async def test_a_filter_that_matches_nothing_says_so(context: Context) -> None:
    seed_long_column(context, count=3)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "slash", *"zzz")
        await pilot.pause()
        assert app.screen.query_one("#pipeline-filter", Input).value == "zzz"
        assert str(app.screen.query_one("#pipeline-detail", Static).render()) == "Nothing matches that filter."
        assert all(column.option_count == 0 for column in app.screen.query(StageColumn))


async def test_a_win_just_logged_is_shown_wherever_the_cursor_was(context: Context) -> None:
    seed_many_wins(context, 300)
    app = CompanionApp(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "end")
        await pilot.pause()
        await pilot.press("w", *"Shipped the [TODO] fix", "enter")
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert table.cursor_row == 0 and table.scroll_y == 0
        assert "Shipped the [TODO] fix" in drawn(table)[1]

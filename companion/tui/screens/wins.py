"""The wins log: every small win, newest first, with search, edit, delete and the brag document.

Built to cost the same at 100 wins or 100,000: the table draws only the rows on screen, a search
runs over words lower-cased once per read of the data (in a worker when the log is long), and a
resize only sizes the columns again.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from companion import wins
from companion.dates import week_start
from companion.textsafe import clean_line
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.path_prompt import PathPrompt
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.undo import delete_with_undo
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.safe_input import SafeInput
from companion.tui.widgets.virtual_table import VirtualTable
from companion.tui.win_saves import open_win_form

WHEN_WIDTH = len("2026-11-27 10:30")
LABELS = ("When", "Win", "Tags")
# Up to this many wins a search runs at once (well under a millisecond); past it, in a worker.
SEARCH_AT_ONCE = 2_000


def column_widths(widest_text: int, widest_tags: int, room: int) -> tuple[int, int, int]:
    """When, Win and Tags widths that fit side by side in `room` cells; longer text is cut with "…".

    Tags take up to a third of what When leaves, the Win the rest (no more than the longest win needs).
    """
    room -= WHEN_WIDTH
    tags = max(len("Tags"), min(widest_tags, room // 3))
    text = max(len("Win"), min(widest_text, room - tags))
    return WHEN_WIDTH, text, tags


def cells_width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


class WinsScreen(DataScreen):
    TITLE = "Wins"
    CSS_PATH = stylesheet("wins")
    BINDINGS = [
        Binding("a", "add", "Add", id="wins.add"),
        Binding("enter", "edit", "Edit", id="wins.edit"),
        Binding("slash", "search", "Search", key_display="/", id="wins.search"),
        Binding("e", "export", "Brag doc", id="wins.export"),
        Binding("d", "delete", "Delete", id="wins.delete"),
        Binding("escape", "clear_search", "Clear search", show=False, id="wins.clear_search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._log = wins.WinLog([])
        self._shown: Sequence[int] | None = None  # positions in the log that match the search; None: all

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="wins-summary", markup=False)
        yield SafeInput(
            placeholder=self.companion.with_keys(
                "search words or #tag; Enter keeps it, {key:wins.clear_search} clears"
            ),
            id="wins-search",
        )
        yield VirtualTable(id="wins-table")
        yield Static("", id="wins-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#wins-search", Input).display = False
        self.query_one(VirtualTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._size_columns()  # the Win column takes the width there is, no more; the rows stay

    # -- data ------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        keep = self._current_win()
        before, newest_before = len(self._log), self._log.newest(1)
        self._log = wins.WinLog.read(self.context.store)
        if newest_before and len(self._log) > before and self._log.win(0).id != newest_before[0].id:
            keep = self._log.win(0)  # a win just logged (here, with w, or from the shell): show it
        today = self.context.now().date()
        week = wins.week_summary(self._log.since(week_start(today)), today)
        self.query_one("#wins-summary", Static).update(
            f"{week.line(streaks=self.context.config.streaks)}  ·  {len(self._log)} in all"
        )
        self._size_columns()
        position = None if keep is None else self._log.position_of(keep.id)
        self._search(self._query(), keep=position)

    def _query(self) -> str:
        return self.query_one("#wins-search", Input).value

    def _size_columns(self) -> None:
        table = self.query_one(VirtualTable)
        padding = 2 * table.cell_padding * len(LABELS)
        room = self.size.width - table.styles.scrollbar_size_vertical - padding
        table.set_columns(LABELS, column_widths(*self._log.widest(cells_width), room))

    def _search(self, query: str, keep: int | None) -> None:
        """Show the wins that match `query`, the cursor staying on the win at log position `keep`."""
        if not query:
            self._show(self._log, query, None, keep)
        elif len(self._log) <= SEARCH_AT_ONCE:
            self._show(self._log, query, self._log.search(query), keep)
        else:
            self._search_in_worker(self._log, query, keep)

    @work(thread=True, exclusive=True, group="wins-search")
    def _search_in_worker(self, log: wins.WinLog, query: str, keep: int | None) -> None:
        if get_current_worker().is_cancelled:
            return  # keys typed in a burst: only the last one's search is worth running
        found = log.search(query)
        if not get_current_worker().is_cancelled:  # a newer keystroke has its own search running
            self.app.call_from_thread(self._show, log, query, found, keep)

    def _show(self, log: wins.WinLog, query: str, found: Sequence[int] | None, keep: int | None) -> None:
        if log is not self._log or query != self._query():
            return  # the data or the search changed while this one ran
        self._shown = found
        count = len(log) if found is None else len(found)
        row = 0
        if keep is not None:
            row = keep if found is None else bisect_left(found, keep)
            if found is not None and (row >= len(found) or found[row] != keep):
                row = 0
        self.query_one(VirtualTable).set_rows(count, self._cells, cursor_row=row)
        empty = self.query_one("#wins-empty", Static)
        empty.display = count == 0
        empty.update(
            "Nothing matches that search."
            if query
            else self.companion.with_keys(
                "No wins yet. Press {key:wins.add} (or {key:quick_win} anywhere) to log the first one."
            )
        )

    def _position(self, row: int) -> int:
        return row if self._shown is None else self._shown[row]

    def _cells(self, row: int) -> tuple[str, str, str]:
        """One row as shown, made only when it is on screen; a hand-edited text is shown clean."""
        win = self._log.win(self._position(row))
        return win.created_at[:WHEN_WIDTH].replace("T", " "), clean_line(win.text), clean_line(wins.tag_line(win.tags))

    def _current_position(self) -> int | None:
        """Where the win under the cursor is in the log (None when nothing is shown)."""
        table = self.query_one(VirtualTable)
        return self._position(table.cursor_row) if 0 <= table.cursor_row < table.row_count else None

    def _current_win(self) -> wins.Win | None:
        position = self._current_position()
        return None if position is None else self._log.win(position)

    # -- actions ---------------------------------------------------------------------------

    def action_add(self) -> None:
        open_win_form(self.companion)

    def action_edit(self) -> None:
        win = self._current_win()
        if win is not None:
            open_win_form(self.companion, win)

    def action_search(self) -> None:
        search = self.query_one("#wins-search", Input)
        search.display = True
        search.focus()
        if len(self._log) > SEARCH_AT_ONCE:
            self._prepare_search_in_worker(self._log)

    @work(thread=True, group="wins-search-index")
    def _prepare_search_in_worker(self, log: wins.WinLog) -> None:
        log.prepare_search()  # while the person starts typing

    @on(VirtualTable.RowClicked)
    def row_chosen(self) -> None:
        self.action_edit()

    @on(Input.Changed, "#wins-search")
    def search_changed(self) -> None:
        self._search(self._query(), keep=self._current_position())

    @on(Input.Submitted, "#wins-search")
    def search_done(self) -> None:
        self.query_one(VirtualTable).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#wins-search", Input)
        search.value = ""
        search.display = False
        self.query_one(VirtualTable).focus()

    def action_delete(self) -> None:
        win = self._current_win()
        if win is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                delete = partial(wins.delete_win, self.context.store, win.id)
                delete_with_undo(self.companion, wins.TABLE, win.id, "that win", delete)

        self.app.push_screen(Confirm("Delete this win?", win.text), answered)

    def action_export(self) -> None:
        default = Path.home() / f"companion-brag-{self.context.now().date().isoformat()}.md"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Brag document written to {path}", title="Exported", markup=False)

        document = wins.brag_document(self._log, now=self.context.now())
        self.app.push_screen(PathPrompt("Save the brag document as", default, document), chosen)

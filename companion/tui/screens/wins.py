"""The wins log: every small win, newest first, with search, edit, delete and the brag document."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from companion import wins
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.path_prompt import PathPrompt
from companion.tui.modals.win_form import WinForm
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.safe_input import SafeInput

WHEN_WIDTH = len("2026-11-27 10:30")
COLUMNS = (("When", "when"), ("Win", "text"), ("Tags", "tags"))


def column_widths(rows: Sequence[tuple[str, str, str]], room: int) -> tuple[int, int, int]:
    """When, Win and Tags widths that fit side by side in `room` cells; longer text is cut with "…".

    Tags take up to a third of what When leaves, the Win the rest (no more than the longest win needs).
    """
    room -= WHEN_WIDTH
    tags = max(len("Tags"), min(max((cell_len(row[2]) for row in rows), default=0), room // 3))
    text = max(len("Win"), min(max((cell_len(row[1]) for row in rows), default=0), room - tags))
    return WHEN_WIDTH, text, tags


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
        self._wins: list[wins.Win] = []
        self._shown: list[wins.Win] = []
        self._filled_width = 0  # the screen width the columns were last sized for

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="wins-summary", markup=False)
        yield SafeInput(placeholder="search words or #tag; Enter keeps it, Escape clears", id="wins-search")
        yield DataTable(id="wins-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="wins-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#wins-search", Input).display = False
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._filled_width:
            self._fill_table()  # the Win column takes the width there is, no more

    # -- data ------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        self._wins = wins.all_wins(self.context.store)
        self.query_one("#wins-summary", Static).update(
            f"{wins.week_summary(self._wins, self.context.now().date()).line(streaks=self.context.config.streaks)}  ·  {len(self._wins)} in all"
        )
        self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        keep = self._current_win()
        query = self.query_one("#wins-search", Input).value
        self._shown = wins.filter_wins(self._wins, query=query) if query else self._wins
        rows = [
            (win.created_at[:WHEN_WIDTH].replace("T", " "), win.text, " ".join("#" + t for t in win.tags))
            for win in self._shown
        ]
        # Columns are made again each time: a table keeps an auto-sized column as wide as the
        # widest text it ever held, even after that win is deleted.
        table.clear(columns=True)
        self._filled_width = self.size.width
        padding = 2 * table.cell_padding * len(COLUMNS)
        room = self._filled_width - table.styles.scrollbar_size_vertical - padding
        for (label, key), width in zip(COLUMNS, column_widths(rows, room)):
            table.add_column(label, key=key, width=width)
        table.add_rows(
            [Text(cell, overflow="ellipsis", no_wrap=True) for cell in row]  # too long: cut with "…"
            for row in rows
        )
        ids = [win.id for win in self._shown]
        if keep is not None and keep.id in ids:
            table.move_cursor(row=ids.index(keep.id), animate=False)
        empty = self.query_one("#wins-empty", Static)
        empty.update(
            (
                "Nothing matches that search."
                if query
                else self.companion.with_keys(
                    "No wins yet. Press {key:wins.add} (or {key:quick_win} anywhere) to log the first one."
                )
            )
            if not self._shown
            else ""
        )

    def _current_win(self) -> wins.Win | None:
        table = self.query_one(DataTable)
        if not self._shown or table.cursor_row is None or not 0 <= table.cursor_row < len(self._shown):
            return None
        return self._shown[table.cursor_row]

    # -- actions ---------------------------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(WinForm())

    def action_edit(self) -> None:
        win = self._current_win()
        if win is not None:
            self.app.push_screen(WinForm(win))

    def action_search(self) -> None:
        search = self.query_one("#wins-search", Input)
        search.display = True
        search.focus()

    @on(DataTable.RowSelected)
    def row_chosen(self) -> None:
        self.action_edit()

    @on(Input.Changed, "#wins-search")
    def search_changed(self) -> None:
        self._fill_table()

    @on(Input.Submitted, "#wins-search")
    def search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#wins-search", Input)
        search.value = ""
        search.display = False
        self.query_one(DataTable).focus()

    def action_delete(self) -> None:
        win = self._current_win()
        if win is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                wins.delete_win(self.context.store, win.id)
                self.companion.data_changed()
                self.notify("Deleted that win.", markup=False)

        self.app.push_screen(Confirm("Delete this win?", win.text), answered)

    def action_export(self) -> None:
        default = Path.home() / f"companion-brag-{self.context.now().date().isoformat()}.md"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Brag document written to {path}", title="Exported", markup=False)

        document = wins.brag_document(self._wins, now=self.context.now())
        self.app.push_screen(PathPrompt("Save the brag document as", default, document), chosen)

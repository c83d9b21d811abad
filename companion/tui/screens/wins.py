"""The wins log: every small win, newest first, with search, edit, delete and the brag document."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="wins-summary", markup=False)
        yield SafeInput(placeholder="search words or #tag; Enter keeps it, Escape clears", id="wins-search")
        yield DataTable(id="wins-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="wins-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("When", key="when", width=16)
        table.add_column("Win", key="text")
        table.add_column("Tags", key="tags")
        self.query_one("#wins-search", Input).display = False
        table.focus()

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
        table.clear()
        table.add_rows(
            (
                Text(win.created_at[:16].replace("T", " ")),
                Text(win.text, overflow="ellipsis", no_wrap=True),
                Text(" ".join("#" + t for t in win.tags)),
            )
            for win in self._shown
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

"""The journal: every debrief, thought record and piece of feedback, newest first, to read back and search.

`n` puts a debrief's "what to try next" on next week's plan, `g` makes it a learning goal (either
key again takes it off); the week in review lists them. Pushed from Insights or the palette.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from companion import journal
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.safe_input import SafeInput


class JournalScreen(DataScreen):
    TITLE = "Journal"
    CSS_PATH = stylesheet("journal")
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/", id="journal.search"),
        Binding("n", "plan('plan')", "Plan it", id="journal.plan"),
        Binding("g", "plan('learning')", "Learning goal", id="journal.goal"),
        Binding("escape", "back", "Back", id="journal.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[journal.Entry] = []
        self._shown: list[journal.Entry] = []
        self._planned: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="journal-summary", markup=False)
        yield SafeInput(
            placeholder=self.companion.with_keys("search words; Enter keeps it, {key:journal.back} clears"),
            id="journal-search",
        )
        yield OptionList(id="journal-list")
        with VerticalScroll(id="journal-detail", can_focus=False):
            yield Static(id="journal-detail-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#journal-search", Input).display = False
        self.set_focus(self.query_one("#journal-list", OptionList))

    def refresh_data(self) -> None:
        self._entries = journal.entries(self.context.store)
        self._planned = {item.text.casefold() for item in journal.plan_items(self.context.store)}
        self._fill()

    def _fill(self) -> None:
        query = self.query_one("#journal-search", Input).value
        self._shown = journal.search(self._entries, query) if query else self._entries
        listing = self.query_one("#journal-list", OptionList)
        keep = listing.highlighted
        listing.set_options(Option(Content(entry.summary()), id=entry.id) for entry in self._shown)
        if self._shown:
            listing.highlighted = min(keep or 0, len(self._shown) - 1)
        count = len(self._entries)
        summary = (
            f"{count} {'entry' if count == 1 else 'entries'}: what you went through, and what you took from it."
            if count
            else ""
        )
        if query:
            summary = f"{len(self._shown)} of {count} match \u201c{query}\u201d."
        self.query_one("#journal-summary", Static).update(summary)
        self._show_detail()

    def selected(self) -> journal.Entry | None:
        index = self.query_one("#journal-list", OptionList).highlighted
        return self._shown[index] if index is not None and index < len(self._shown) else None

    def _show_detail(self) -> None:
        entry = self.selected()
        detail = self.query_one("#journal-detail-text", Static)
        if entry is None:
            detail.update(journal.empty_line(searching=bool(self._entries)))
            return
        lines = entry.lines()
        if entry.to_try:
            planned = entry.to_try.casefold().strip() in self._planned
            lines += [
                "",
                self.companion.with_keys(
                    "On next week's plan ({key:journal.plan} takes it off)."
                    if planned
                    else "{key:journal.plan} puts \u201cwhat to try next\u201d on next week's plan, "
                    "{key:journal.goal} makes it a learning goal."
                ),
            ]
        detail.update("\n".join(lines))

    @on(OptionList.OptionHighlighted, "#journal-list")
    def highlighted(self) -> None:
        self._show_detail()

    def action_search(self) -> None:
        search = self.query_one("#journal-search", Input)
        search.display = True
        self.set_focus(search)

    @on(Input.Changed, "#journal-search")
    def search_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#journal-search")
    def search_done(self) -> None:
        self.set_focus(self.query_one("#journal-list", OptionList))

    def action_back(self) -> None:
        search = self.query_one("#journal-search", Input)
        if search.display:
            search.value = ""
            search.display = False
            self.set_focus(self.query_one("#journal-list", OptionList))
            return
        self.dismiss()

    def action_plan(self, kind: str) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            item, added = journal.toggle_plan(self.context.store, entry, kind, now=self.context.now())
        except (InputError, StoreError) as exc:
            self.notify(str(exc).capitalize(), markup=False)
            return
        label = journal.PLAN_LABELS[item.kind]
        self.notify(
            f"Added to next week's plan as a {label}." if added else "Taken off next week's plan.", markup=False
        )

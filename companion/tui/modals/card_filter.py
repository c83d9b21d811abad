"""Choose which cards the Reframe screen shows: all, favourites, your own, or one thinking trap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion import card_store, reframe
from companion.tui.styles import stylesheet

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

VIEW_NAMES = {
    card_store.VIEW_ALL: "All cards",
    card_store.VIEW_FAVOURITES: "Your favourites",
    card_store.VIEW_MINE: "Your own cards",
}


def view_name(view: str) -> str:
    """How a view is named on screen: 'All cards', or the thinking trap's name."""
    distortion = reframe.find_distortion(view)
    return VIEW_NAMES.get(view) or (distortion.name if distortion else view)


def all_views() -> list[str]:
    return [*VIEW_NAMES, *(d.id for d in reframe.load_distortions())]


class CardFilter(ModalScreen[str | None]):
    """Dismisses with the chosen view, or None when closed without choosing."""

    CSS_PATH = stylesheet("reframe")
    # Title and hint keep their place; the list between them scrolls when the dialog is too short.
    DEFAULT_CSS = """
    #card-filter .dialog-title {
        dock: top;
    }
    #card-filter .dialog-hint {
        dock: bottom;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="reframe.filter.cancel")]

    def __init__(self, current: str, counts: Mapping[str, int]) -> None:
        super().__init__()
        self.current, self.counts = current, counts

    def compose(self) -> ComposeResult:
        with Vertical(id="card-filter", classes="dialog"):
            yield Label("Show which cards?", classes="dialog-title")
            yield OptionList(
                *(Option(Content(f"{view_name(view)} ({self.counts.get(view, 0)})"), id=view) for view in all_views()),
                id="card-filter-list",
            )
            yield Static(
                cast("CompanionApp", self.app).with_keys(
                    "Enter shows them · {key:reframe.filter.cancel} keeps the current view"
                ),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = all_views().index(self.current) if self.current in all_views() else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

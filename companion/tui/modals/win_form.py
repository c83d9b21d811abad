"""Add or edit a win: one line of text and optional tags. Enter saves, Escape cancels."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion import wins
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class WinForm(AsksBeforeDiscarding, ModalScreen[wins.Win | None]):
    """Writes through the core itself, so a failed save keeps the text on screen to try again."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, existing: wins.Win | None = None) -> None:
        super().__init__()
        self.existing = existing

    def compose(self) -> ComposeResult:
        heading = "Edit this win" if self.existing else "A small win (even a tiny one counts)"
        with Vertical(id="win-form", classes="dialog"):
            yield Label(heading, classes="dialog-title")
            yield SafeInput(
                value=self.existing.text if self.existing else "",
                placeholder="e.g. Asked a great question in the screening call",
                id="win-text",
            )
            yield SafeInput(
                value=" ".join(self.existing.tags) if self.existing else "",
                placeholder="tags, optional: interview, learning",
                id="win-tags",
            )
            yield Static("", id="win-error", classes="form-error", markup=False)
            yield Static("Enter saves · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#win-text", Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        app = cast("CompanionApp", self.app)
        text = self.query_one("#win-text", Input).value
        tags = self.query_one("#win-tags", Input).value.replace(",", " ").split()
        try:
            if self.existing is None:
                win = wins.add_win(app.context.store, text, tags, now=app.context.now())
            else:
                win = wins.update_win(app.context.store, self.existing.id, text, tags, now=app.context.now())
        except (InputError, StoreError) as exc:
            self.query_one("#win-error", Static).update(str(exc))
            return
        app.data_changed()
        app.notify(f"Saved: {win.text}", title="Win logged" if self.existing is None else "Win updated", markup=False)
        self.dismiss(win)

"""Add or edit a win: one line of text and optional tags. Enter saves, Escape cancels.

The form cleans what was typed and hands it to the opener's `save` (companion.tui.win_saves):
a refused write keeps the text on screen to try again.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from companion import wins
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.widgets.safe_input import SafeInput


class WinEntry(NamedTuple):
    """A win as typed, cleaned: its text and its tags (hashtags in the text among them)."""

    text: str
    tags: list[str]


class WinForm(SavingForm[WinEntry, wins.Win]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True, id="win_form.cancel")]

    def __init__(self, save: Save[WinEntry, wins.Win], existing: wins.Win | None = None) -> None:
        super().__init__(save)
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
            yield Static(
                self.companion.with_keys("Enter saves · {key:win_form.cancel} cancels"),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#win-text", Input).focus()

    def entered(self) -> WinEntry:
        tags = self.query_one("#win-tags", Input).value.replace(",", " ").split()
        return WinEntry(*wins.prepare(self.query_one("#win-text", Input).value, tags))

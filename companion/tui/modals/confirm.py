"""Yes or no, by key or button: before anything is deleted or left (yes in red), or for a win offered (green)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("n,escape", "answer(False)", "Keep it", id="confirm.no"),  # n first: the button names it
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "Delete", no: str = "Keep", offer: bool = False
    ) -> None:
        """`offer`: yes is a kindness (log a win), not a loss, so its button is not in a warning's red."""
        super().__init__()
        self.question, self.detail, self.yes, self.no, self.offer = question, detail, yes, no, offer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                words = cast("CompanionApp", self.app).with_keys
                yield Button(
                    f"{self.no} ({words('{key:confirm.no}')})", id="no", variant="default" if self.offer else "primary"
                )
                yield Button(
                    f"{self.yes} ({words('{key:confirm.yes}')})", id="yes", variant="success" if self.offer else "error"
                )

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

"""A thinking trap explained in plain words, reachable from any card (key i on Reframe)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from companion.reframe import Distortion
from companion.tui.styles import stylesheet

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class DistortionInfo(ModalScreen[bool]):
    """Dismisses with True when the person asks to see only this trap's cards."""

    CSS_PATH = stylesheet("reframe")
    BINDINGS = [
        Binding("escape", "close(False)", "Close", id="reframe.explain.close"),
        Binding("f", "close(True)", "Only these cards", id="reframe.explain.filter"),
    ]

    def __init__(self, distortion: Distortion, card_count: int) -> None:
        super().__init__()
        self.distortion, self.card_count = distortion, card_count

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card-distortion-info", classes="dialog", can_focus=False):
            yield Label(self.distortion.name, classes="dialog-title", markup=False)
            yield Static(self.distortion.explanation, classes="dialog-detail", markup=False)
            cards = "card shows" if self.card_count == 1 else "cards show"
            yield Static(f"{self.card_count} {cards} this thinking trap.", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                words = cast("CompanionApp", self.app).with_keys
                yield Button(words("Close ({key:reframe.explain.close})"), id="close", variant="primary")
                yield Button(words("Only these cards ({key:reframe.explain.filter})"), id="filter")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "filter")

    def action_close(self, only_these: bool) -> None:
        self.dismiss(only_these)

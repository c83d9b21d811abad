"""Asked once, the first time companion writes a message for the person: the name to sign it with."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion.textsafe import clean_line
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class YourNamePrompt(ModalScreen[str | None]):
    """Returns the name typed, "" when left empty (not asked again), None on Escape (skipped for now)."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="your_name.skip")]

    def compose(self) -> ComposeResult:
        with Vertical(id="your-name", classes="dialog"):
            yield Label("How should your messages be signed?", classes="dialog-title")
            yield Static(
                "companion writes short e-mails for you to send (a feedback request, a thank-you). "
                "With your name they are ready as they are. Settings can change it any time.",
                classes="dialog-detail",
            )
            yield SafeInput(placeholder="e.g. Ada Lovelace", id="your-name-input")
            yield Static(
                cast("CompanionApp", self.app).with_keys("Enter saves (empty: no name) · {key:your_name.skip} skips"),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def given(self, event: Input.Submitted) -> None:
        self.dismiss(clean_line(event.value)[:80])

    def action_skip(self) -> None:
        self.dismiss(None)

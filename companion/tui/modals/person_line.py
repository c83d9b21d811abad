"""One line about a person: a touchpoint ("coffee chat") or the day to get in touch again.

The line is checked by the core as it is typed in (`check` raises InputError with what would work),
so a mistake is explained in the dialog; the dialog returns the line and the screen writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion.errors import InputError
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class PersonLine(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="person_line.cancel")]

    def __init__(
        self, title: str, hint: str, check: Callable[[str], object], *, value: str = "", placeholder: str = ""
    ) -> None:
        super().__init__()
        self.title_text, self.hint, self.check = title, hint, check
        self.value, self.placeholder = value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield SafeInput(self.value, placeholder=self.placeholder, id="person-line")
            yield Static("", id="person-line-error", classes="form-error", markup=False)
            yield Static(cast("CompanionApp", self.app).with_keys(self.hint), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#person-line", Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        text = self.query_one("#person-line", Input).value
        try:
            self.check(text)
        except InputError as exc:
            self.query_one("#person-line-error", Static).update(str(exc))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""`?`: every key that works right now, the screen's own first, then the global ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

KeyRow = tuple[str, str]


class HelpModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss_help", "Close", id="help.close")]

    def __init__(self, screen_title: str, screen_keys: list[KeyRow], global_keys: list[KeyRow]) -> None:
        super().__init__()
        self.screen_title, self.screen_keys, self.global_keys = screen_title, screen_keys, global_keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys", classes="dialog-title")
            for heading, rows in ((f"On {self.screen_title}", self.screen_keys), ("Everywhere", self.global_keys)):
                if rows:
                    yield Label(heading, classes="help-heading", markup=False)
                    yield Static("\n".join(f"{key:>10}  {what}" for key, what in rows), markup=False)
            yield Static(
                cast("CompanionApp", self.app).with_keys("{key:help.close} closes · ctrl+p searches every command"),
                classes="dialog-hint",
                markup=False,
            )

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

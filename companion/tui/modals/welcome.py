"""The first-run welcome: the five areas, their keys, and an offer to explore demo data."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from companion.first_run import AREAS

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

START, DEMO = "start", "demo"


class WelcomeModal(ModalScreen[str]):
    BINDINGS = [
        Binding("enter,escape", "choose('start')", "Start", show=False, id="welcome.start"),  # the button names Enter
        Binding("d", "choose('demo')", "Demo data", show=False, id="welcome.demo"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="welcome"):
            yield Label("Welcome to companion", classes="dialog-title")
            yield Static(
                "A calm place for a long job search. Rejection is feedback, not a verdict: keep several "
                "applications in play, note small wins, breathe, be kind to yourself.",
                classes="dialog-detail",
            )
            words = cast("CompanionApp", self.app).with_keys
            yield Static(
                words("\n".join(f" {{key:{area}}}  {name}: {what}" for area, name, what in AREAS)), markup=False
            )
            yield Static(words(" {key:help}  keys of any screen · ctrl+p any command · {key:quit} quit"), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(words("Start ({key:welcome.start})"), id=START, variant="primary")
                yield Button(words("Explore demo data ({key:welcome.demo})"), id=DEMO)
            yield Static("The demo runs on a throw-away copy; your own data stays untouched.", classes="dialog-hint")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or START)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

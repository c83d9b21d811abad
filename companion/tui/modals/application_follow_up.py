"""`f`: plan the next follow-up, and count one sent today (effort counts, whatever the reply).

The opener's `save` writes what was entered (companion.tui.modals.saving).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from companion import pipeline
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

FIELD_HINT = "Enter saves · Tab reaches the checkbox · {key:follow_up.cancel} cancels"
CHECKBOX_HINT = "Enter saves · Space ticks or unticks · {key:follow_up.cancel} cancels"


class _DoneToday(Checkbox):
    """Space ticks the box; Enter saves the dialog, as it does in the date field."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class FollowUpEntry(NamedTuple):
    """The next follow-up day (None: none planned), and whether one was sent today."""

    day: date | None
    done_today: bool


class FollowUpForm(SavingForm[FollowUpEntry, pipeline.Application]):
    CSS_PATH = stylesheet("pipeline")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="follow_up.cancel"),
        Binding("ctrl+s", "save", "Save", id="follow_up.save"),
    ]

    def __init__(self, save: Save[FollowUpEntry, pipeline.Application], application: pipeline.Application) -> None:
        super().__init__(save)
        self.application = application

    def compose(self) -> ComposeResult:
        today = self.companion.context.now().date()
        due = self.application.follow_up is not None and self.application.follow_up <= today
        with Vertical(id="follow-up-form", classes="dialog"):
            yield Label(f"Follow up: {self.application.title}", classes="dialog-title", markup=False)
            yield Label("Next follow-up on", classes="field-label")
            yield SafeInput(
                self.application.follow_up_on,
                placeholder="YYYY-MM-DD, +7d, fri; empty: no follow-up planned",
                id="follow-up-date",
            )
            yield _DoneToday("I followed up today", value=due, id="follow-up-done")
            yield Static("", id="follow-up-error", classes="form-error", markup=False)
            yield Static(self.companion.with_keys(FIELD_HINT), id="follow-up-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#follow-up-date", Input))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """On the checkbox, Space is what ticks it: say so, since Enter saves there too."""
        hint = CHECKBOX_HINT if isinstance(event.widget, Checkbox) else FIELD_HINT
        self.query_one("#follow-up-hint", Static).update(self.companion.with_keys(hint))

    def entered(self) -> FollowUpEntry:
        today = self.companion.context.now().date()
        day = pipeline.parse_optional_date(self.query_one("#follow-up-date", Input).value, today, "Follow up on")
        return FollowUpEntry(day, self.query_one("#follow-up-done", Checkbox).value)

"""`f`: plan the next follow-up, and count one sent today (effort counts, whatever the reply)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from companion import pipeline
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


FIELD_HINT = "Enter saves · Tab reaches the checkbox · Escape cancels"
CHECKBOX_HINT = "Enter saves · Space ticks or unticks · Escape cancels"


class _DoneToday(Checkbox):
    """Space ticks the box; Enter saves the dialog, as it does in the date field."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class FollowUpForm(AsksBeforeDiscarding, ModalScreen[pipeline.Application | None]):
    CSS_PATH = stylesheet("pipeline")
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, application: pipeline.Application) -> None:
        super().__init__()
        self.application = application

    def compose(self) -> ComposeResult:
        app = cast("CompanionApp", self.app)
        today = app.context.now().date()
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
            yield Static(FIELD_HINT, id="follow-up-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#follow-up-date", Input))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """On the checkbox, Space is what ticks it: say so, since Enter saves there too."""
        hint = CHECKBOX_HINT if isinstance(event.widget, Checkbox) else FIELD_HINT
        self.query_one("#follow-up-hint", Static).update(hint)

    @on(Input.Submitted)
    def action_save(self) -> None:
        app = cast("CompanionApp", self.app)
        now = app.context.now()
        done = self.query_one("#follow-up-done", Checkbox).value
        try:
            day = pipeline.parse_optional_date(self.query_one("#follow-up-date", Input).value, now.date(), "Follow up on")
            saved = pipeline.set_follow_up(app.context.store, self.application.id, day, done_today=done, now=now)
        except (InputError, StoreError) as exc:
            self.query_one("#follow-up-error", Static).update(str(exc))
            return
        if done:
            message = "Follow-up sent: that's effort that counts, whatever the reply."
        else:
            planned = pipeline.describe_follow_up(saved, now.date())  # "follow up Fri 4 Dec": the day keeps its capital
            message = planned[:1].upper() + planned[1:] or "No follow-up planned."
        app.notify(message, title=saved.company, markup=False)
        self.dismiss(saved)

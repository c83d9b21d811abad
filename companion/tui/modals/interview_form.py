"""`i` on the Pipeline: plan (or change) an interview, with the same words as `companion interview add`.

The form checks what was typed (so a time that does not read is explained in place) and hands the
plan to the screen's `save` (companion.tui.modals.saving): a refused write keeps the typing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from companion import interviews, pipeline
from companion.dates import DATETIME_FORMS
from companion.errors import InputError
from companion.interviews import Added, Interview, InterviewError, PastTimeError, Plan
from companion.store import StoreError
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.form_select import FormSelect
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

HINT = "Enter saves · Tab: next field · Space opens the Kind list · {key:interview_form.cancel} cancels"


class InterviewEntry:
    """What the form returns: the plan as typed, and whether a time that has passed is meant (logging one)."""

    __slots__ = ("past", "plan")

    def __init__(self, plan: Plan, past: bool) -> None:
        self.plan = plan
        self.past = past


class _Ticked(Checkbox):
    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class InterviewForm(SavingForm[InterviewEntry, Added]):
    CSS_PATH = stylesheet("interviews")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="interview_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="interview_form.save"),
    ]

    def __init__(
        self, save: Save[InterviewEntry, Added], application: pipeline.Application, existing: Interview | None = None
    ) -> None:
        super().__init__(save)
        self.application = application
        self.existing = existing

    def compose(self) -> ComposeResult:
        found = self.existing
        title = f"{'Interview' if found is None else 'Change the interview'}: {self.application.title}"
        with Vertical(id="interview-form", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"):
                yield Label("When *", classes="field-label")
                when = f"{found.starts_at:%Y-%m-%d %H:%M}" if found else ""
                yield SafeInput(when, placeholder="tomorrow 9:30, fri 14:00, 2026-12-04 10:00", id="interview-when")
                yield Label("Minutes", classes="field-label")
                minutes = str(found.minutes) if found else ""
                yield SafeInput(
                    minutes, placeholder=str(interviews.DEFAULT_MINUTES), restrict=r"\d{0,3}", id="interview-minutes"
                )
                yield Label("Kind", classes="field-label")
                yield FormSelect(
                    [(interviews.kind_label(kind), kind) for kind in interviews.KINDS],
                    value=found.kind if found else interviews.DEFAULT_KIND,
                    allow_blank=False,
                    id="interview-kind",
                )
                yield Label("With", classes="field-label")
                yield SafeInput(found.with_whom if found else "", placeholder="who you meet", id="interview-with")
                yield Label("Where", classes="field-label")
                yield SafeInput(found.where if found else "", placeholder="a place or a link", id="interview-where")
                yield Label("Notes", classes="field-label")
                yield SafeInput(found.notes if found else "", placeholder="anything to remember", id="interview-notes")
                yield _Ticked("It already happened (log it)", id="interview-past")
            yield Static("", id="interview-error", classes="form-error", markup=False)
            yield Static(self.companion.with_keys(HINT), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.show_error("")
        self.set_focus(self.query_one("#interview-when", Input), scroll_visible=False)

    def _value(self, name: str) -> str:
        return self.query_one(f"#interview-{name}", Input).value

    def entered(self) -> InterviewEntry:
        kind = str(self.query_one("#interview-kind", FormSelect).value)
        plan = Plan(
            when=self._value("when"),
            minutes=self._value("minutes"),
            kind=kind,
            with_whom=self._value("with"),
            where=self._value("where"),
            notes=self._value("notes"),
        )
        past = self.query_one("#interview-past", Checkbox).value
        if not plan.when:
            raise InterviewError(f"When: {DATETIME_FORMS}")
        plan.changes(self.companion.context.now(), past=past)  # checked here, so the message names the field
        return InterviewEntry(plan, past)

    def refused(self, error: InputError | StoreError) -> None:
        if isinstance(error, PastTimeError):
            self.show_error(
                f"{interviews.day_and_time(error.starts_at)} has passed: tick 'It already happened' to log it"
            )
            return
        super().refused(error)


class ThankYouNote(ModalScreen[None]):
    """After an interview: a thank-you note on the clipboard and on screen to select by hand."""

    CSS_PATH = stylesheet("interviews")
    BINDINGS = [
        Binding("escape", "close", "Close", id="thank_you.close"),
        Binding("enter", "close", "Close", show=False, id="thank_you.done"),
        Binding("c", "copy", "Copy again", id="thank_you.copy"),
    ]

    def __init__(self, application: pipeline.Application, interview: Interview, name: str = "") -> None:
        super().__init__()
        self.message = interviews.thank_you_message(application, interview, name)
        self.title_text = f"Thank-you note: {application.title}"

    def compose(self) -> ComposeResult:
        with Vertical(id="thank-you", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(
                "A short thank-you keeps the conversation warm. This note is on your clipboard; "
                "if your terminal did not take it, select it below.",
                classes="dialog-detail",
            )
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message, id="thank-you-message", markup=False)
            keys = cast("CompanionApp", self.app).with_keys(
                "{key:thank_you.copy} copies it again · {key:thank_you.done} or {key:thank_you.close} closes"
            )
            yield Static(keys, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.app.copy_to_clipboard(self.message)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.message)
        self.notify("Copied the note again.", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

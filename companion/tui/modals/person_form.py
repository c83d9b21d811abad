"""Add or edit a person. Only the name is required; a mistyped-looking email or link is a warning:
Enter once more keeps it as typed.

Enter saves from a one-line field and from the closed list, ctrl+s from anywhere (the notes take
Enter as a new line), Escape cancels (asking first when something was typed). The screen's `save`
writes what was entered (companion.tui.modals.saving); a refused write keeps the typing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from companion import people
from companion.errors import InputError
from companion.records import Record, field
from companion.store import StoreError
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.form_select import FormSelect
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

DATE_HINT = "YYYY-MM-DD, +2w, fri; empty: none"
NOT_SAID = ""


class PersonEntry(Record, frozen=True):
    """What the form hands back: the details as typed, and whether a warning was overridden."""

    details: people.Details = field()
    insist: bool = field(default=False)


class PersonForm(SavingForm[PersonEntry, people.Person]):
    CSS_PATH = stylesheet("people")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="person_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="person_form.save"),
    ]

    def __init__(self, save: Save[PersonEntry, people.Person], existing: people.Person | None = None) -> None:
        super().__init__(save)
        self.existing = existing
        self._warned: people.Details | None = None  # the details the last warning was about

    def compose(self) -> ComposeResult:
        person = self.existing
        with Vertical(id="person-form", classes="dialog"):
            yield Label(
                f"Edit: {person.name}" if person else "Someone in your network", classes="dialog-title", markup=False
            )
            with VerticalScroll(classes="dialog-body"):
                yield from self._field("Name *", SafeInput(person.name if person else "", id="person-name"))
                yield from self._field("Company", SafeInput(person.company if person else "", id="person-company"))
                yield from self._field("Role or title", SafeInput(person.role if person else "", id="person-role"))
                yield from self._field(
                    "How you know them",
                    FormSelect(
                        [("not said", NOT_SAID)] + [(people.how_met_label(kind), kind) for kind in people.HOW_MET],
                        value=person.how_met if person else NOT_SAID,
                        allow_blank=False,
                        id="person-how-met",
                    ),
                )
                yield from self._field("Email", SafeInput(person.email if person else "", id="person-email"))
                yield from self._field(
                    "Link",
                    SafeInput(
                        person.url if person else "", placeholder="https://… (LinkedIn or other)", id="person-url"
                    ),
                )
                yield from self._field(
                    "Get in touch on",
                    SafeInput(person.follow_up_on if person else "", placeholder=DATE_HINT, id="person-follow-up"),
                )
                yield from self._field(
                    "Notes", TextArea(person.notes if person else "", id="person-notes", soft_wrap=True)
                )
            yield Static("", id="person-error", classes="form-error", markup=False)
            words = cast("CompanionApp", self.app).with_keys
            yield Static(
                words("Enter saves · {key:person_form.save} saves from the notes · {key:person_form.cancel} cancels"),
                classes="dialog-hint",
                markup=False,
            )

    def _field(self, label: str, widget: Input | Select[str] | TextArea) -> ComposeResult:
        yield Label(label, classes="field-label", markup=False)
        yield widget

    def on_mount(self) -> None:
        self.show_error("")
        self.set_focus(self.query_one("#person-name", Input), scroll_visible=False)

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _details(self) -> people.Details:
        planned = self.existing.follow_up_on if self.existing else ""
        how_met = self.query_one("#person-how-met", Select).value
        return people.Details(
            name=self._value("#person-name"),
            company=self._value("#person-company"),
            role=self._value("#person-role"),
            how_met=how_met if isinstance(how_met, str) else NOT_SAID,
            email=self._value("#person-email"),
            url=self._value("#person-url"),
            notes=self.query_one("#person-notes", TextArea).text,
            follow_up_on=people.parse_follow_up(
                self._value("#person-follow-up"), self.companion.context.now().date(), "Get in touch on", keep=planned
            ),
        )

    def entered(self) -> PersonEntry:
        details = self._details()
        insist = self._warned == details
        try:
            details.checked(insist=insist)
        except people.PersonWarning:
            self._warned = details
            raise
        return PersonEntry(details, insist)

    def refused(self, error: InputError | StoreError) -> None:
        if isinstance(error, people.PersonWarning):
            self.show_error(f"{error}. Enter again keeps it as typed; or change it.")
            return
        super().refused(error)

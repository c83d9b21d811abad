"""Add or edit an application. Company and role are required; dates are read as people type them.

Enter saves from a one-line field and from the closed Stage list (Space or the arrows open it),
ctrl+s saves from anywhere (the notes take Enter as a new line), Escape cancels. Errors stay in
the dialog, so nothing typed is lost: the opener's `save` writes (companion.tui.modals.saving).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from companion import pipeline
from companion.errors import InputError
from companion.records import Field, form_fields
from companion.store import StoreError
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.form_select import FormSelect
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

# The form's rows: each typed field of Application and its widget's id; the label, the placeholder and the
# kind of box (one line, several, a date) come from the field's declaration (companion.pipeline.model).
FIELD_IDS = {
    "company": "app-company",
    "role": "app-role",
    "applied_on": "app-applied",
    "follow_up_on": "app-follow-up",
    "next_action": "app-next",
    "location": "app-location",
    "source": "app-source",
    "url": "app-url",
    "notes": "app-notes",
}


def _hint(label: str, kind: type[Widget]) -> str:
    """What Enter does in this kind of field: it saves, except in a text box, where it starts a new line."""
    if issubclass(kind, TextArea):
        return (
            f"{label} · Enter: new line · {{key:application_form.save}} saves · {{key:application_form.cancel}} cancels"
        )
    if issubclass(kind, Select):
        return f"{label} · Enter saves · Space opens the list · {{key:application_form.cancel}} cancels"
    return (
        f"{label} · Enter saves · {{key:application_form.save}} saves from the notes · "
        "{key:application_form.cancel} cancels"
    )


class ApplicationEntry(NamedTuple):
    """What the form entered; `overwrite` once the person saw that a field they changed was changed elsewhere too."""

    details: pipeline.Details
    stage: str
    feedback: str
    overwrite: bool


class ApplicationForm(SavingForm[ApplicationEntry, pipeline.Application]):
    """Returns the saved application (None when cancelled)."""

    CSS_PATH = stylesheet("pipeline")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="application_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="application_form.save"),
    ]

    def __init__(
        self, save: Save[ApplicationEntry, pipeline.Application], existing: pipeline.Application | None = None
    ) -> None:
        super().__init__(save)
        self.existing = existing
        self._labels: dict[str, str] = {}
        self._warned_about: tuple[str, str] | None = None
        self._conflict_shown = False  # a change made elsewhere was named; Enter again overwrites it

    def compose(self) -> ComposeResult:
        app = self.existing
        with Vertical(id="application-form", classes="dialog"):
            yield Label(f"Edit: {app.title}" if app else "A new application", classes="dialog-title", markup=False)
            yield from self._fields()
            yield Static("", id="app-error", classes="form-error", markup=False)
            yield Static(self._words(_hint("Company", Input)), id="app-hint", classes="dialog-hint", markup=False)

    def _fields(self) -> ComposeResult:
        app = self.existing
        with VerticalScroll(classes="dialog-body"):
            for declared in form_fields(pipeline.Application):
                yield from self._field(declared.form + (" *" if declared.required else ""), self._box(declared))
                if declared.name == "role":
                    yield from self._field(
                        "Stage",
                        FormSelect(
                            [(pipeline.stage_label(stage), stage) for stage in pipeline.STAGES],
                            value=app.stage if app else "applied",
                            allow_blank=False,
                            id="app-stage",
                        ),
                    )
            if app is not None:
                yield from self._field(
                    "Feedback they gave (when it arrives)",
                    TextArea(app.feedback.text, id="app-feedback", soft_wrap=True),
                )

    def _box(self, declared: Field) -> Input | TextArea:
        """The box a declared field is typed in, holding what is stored (empty for a new application)."""
        value = str(getattr(self.existing, declared.name, "") or "")
        if declared.kind == "block":
            return TextArea(value, id=FIELD_IDS[declared.name], soft_wrap=True)
        return SafeInput(value, placeholder=declared.hint, id=FIELD_IDS[declared.name])

    def _field(self, label: str, widget: Input | Select[str] | TextArea) -> ComposeResult:
        self._labels[widget.id or ""] = label.rstrip(" *")
        yield Label(label, classes="field-label", markup=False)
        yield widget

    def on_mount(self) -> None:
        self.show_error("")
        # Not scrolled to the input: the form reads from its top, the "Company *" label in sight.
        self.set_focus(self.query_one("#app-company", Input), scroll_visible=False)

    def _words(self, text: str) -> str:
        return cast("CompanionApp", self.app).with_keys(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Name the field that has the focus and what Enter does there: not always obvious in a scrolled form."""
        widget = event.widget
        if isinstance(widget.parent, Select):  # the open Stage list: its Escape is Textual's own
            hint = f"{self._labels.get(widget.parent.id or '', 'Stage')} · Enter picks · Escape closes the list"
        elif label := self._labels.get(widget.id or ""):
            hint = self._words(_hint(label, type(widget)))
        else:
            return
        self.query_one("#app-hint", Static).update(hint)

    def entered(self) -> ApplicationEntry:
        today = self.companion.context.now().date()
        typed: dict[str, object] = {}
        for declared in form_fields(pipeline.Application):
            box = self.query_one(f"#{FIELD_IDS[declared.name]}")
            text = box.text if isinstance(box, TextArea) else cast(Input, box).value
            typed[declared.name] = (
                pipeline.parse_optional_date(text, today, declared.form, looking_back=declared.looking_back)
                if declared.kind == "day"
                else text
            )
        details = pipeline.Details(**typed)
        if self.existing is None:
            self._warn_once_if_double(details)
            feedback = ""
        else:
            feedback = self.query_one("#app-feedback", TextArea).text
        stage = str(self.query_one("#app-stage", Select).value)
        return ApplicationEntry(details, stage, feedback, overwrite=self._conflict_shown)

    def refused(self, error: InputError | StoreError) -> None:
        if isinstance(error, pipeline.EditConflict):
            self._conflict_shown = True  # the next Enter keeps what the person typed
        super().refused(error)

    def _warn_once_if_double(self, details: pipeline.Details) -> None:
        """Warn once when this company and role are in the pipeline already; Enter again adds it all the same."""
        typed = (details.company, details.role)
        already = pipeline.same_applications(self.companion.context.store, *typed)
        if not already or self._warned_about == typed:
            return
        self._warned_about = typed
        where = ", ".join(pipeline.stage_label(app.stage) for app in already[:3])
        raise pipeline.ApplicationError(
            f"{already[0].title} is already in your pipeline ({where}). Press Enter again to add it anyway."
        )

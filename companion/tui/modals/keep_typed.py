"""Forms keep what was typed: Escape closes an untouched form at once and asks before dropping typing.

Mix `AsksBeforeDiscarding` in front of `ModalScreen` and bind Escape to `cancel`:

    class PersonForm(AsksBeforeDiscarding, ModalScreen[Person | None]):
        BINDINGS = [Binding("escape", "cancel", "Cancel", id="person_form.cancel")]

What the fields held when the form opened is remembered on mount; Escape with anything changed since
asks "Close without saving?" (Stay puts the focus back where it was). A form with steps or its own
idea of "unsaved" overrides `has_unsaved_typing`; one whose Escape does more than close calls
`ask_before_leaving(leave)` itself.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from companion.tui.modals.confirm import Confirm

FieldValue = object


def field_value(widget: Widget) -> FieldValue:
    """What a person has entered in one form widget (None for widgets that hold no typing)."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, SelectionList):
        return tuple(widget.selected)
    return None


class AsksBeforeDiscarding:
    """A form mixin: Escape asks first when the fields differ from what the form opened with."""

    leave_question = "Close without saving?"
    leave_detail = "What you typed here will not be kept."
    _typed_at_start: dict[str, FieldValue] | None = None

    def _typed_now(self) -> dict[str, FieldValue]:
        screen = self._form_screen()
        values: dict[str, FieldValue] = {}
        for index, widget in enumerate(screen.query("Input, TextArea, Select, Checkbox, SelectionList")):
            values[widget.id or f"#{index}"] = field_value(widget)
        return values

    def _form_screen(self) -> ModalScreen[object]:
        assert isinstance(self, ModalScreen)
        return self

    def on_mount(self) -> None:
        # Textual runs on_mount of every class in the MRO: the form's own runs first, so what it sets
        # counts as the start.
        self._typed_at_start = self._typed_now()

    def has_unsaved_typing(self) -> bool:
        """True when any field differs from what the form opened with."""
        if self._typed_at_start is None:
            return False
        now = self._typed_now()
        return (
            any(now.get(key) != value for key, value in self._typed_at_start.items())
            or now.keys() != self._typed_at_start.keys()
        )

    def ask_before_leaving(self, leave: Callable[[], object]) -> None:
        """Run `leave` at once when nothing was typed, else after the person says so."""
        screen = self._form_screen()
        if not self.has_unsaved_typing():
            leave()
            return
        focused = screen.focused

        def answered(yes: bool | None) -> None:
            if yes:
                leave()
            elif focused is not None and focused.is_attached:
                focused.focus()

        screen.app.push_screen(Confirm(self.leave_question, self.leave_detail, yes="Close", no="Stay"), answered)

    def action_cancel(self) -> None:
        screen = self._form_screen()
        self.ask_before_leaving(lambda: screen.dismiss(None))

"""A Select inside a form: Enter saves the form, as in its one-line fields; Space or the arrows open the list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Select


class FormSelect(Select[str]):
    """The form's screen needs an `action_save`; while the list is open, Enter picks as usual."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]

"""Make or change a breathing pattern of your own: a name and four numbers (in, hold, out, hold).

The opener's `save` writes what was entered (companion.tui.modals.saving), so every problem is
listed in the dialog and what was typed stays there to fix. Enter saves, Escape cancels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from companion.breathing import CUSTOM_SHAPE, Pattern, field_name
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class PatternEntry(NamedTuple):
    """A pattern as typed: its name and the seconds of each phase (the core reads and checks them)."""

    name: str
    seconds: list[str]


STARTING_RHYTHM = ("4", "0", "6", "0")
"""A gentle first suggestion for a new pattern: a longer breath out than in."""


class PatternForm(SavingForm[PatternEntry, Pattern]):
    CSS_PATH = stylesheet("breathe")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="breathe.form.cancel")]

    def __init__(self, save: Save[PatternEntry, Pattern], existing: Pattern | None = None) -> None:
        super().__init__(save)
        self.existing = existing

    def _starting_values(self) -> list[str]:
        if self.existing is None:
            return list(STARTING_RHYTHM)
        seconds = [f"{phase.seconds:g}" for phase in self.existing.phases[: len(CUSTOM_SHAPE)]]
        return seconds + [""] * (len(CUSTOM_SHAPE) - len(seconds))

    def compose(self) -> ComposeResult:
        heading = "Change your pattern" if self.existing else "A breathing pattern of your own"
        with Vertical(id="breath-pattern-form", classes="dialog"):
            yield Label(heading, classes="dialog-title")
            with Horizontal(classes="breath-field"):
                yield Label("Name", classes="breath-field-label")
                yield SafeInput(
                    value=self.existing.name if self.existing else "",
                    placeholder="e.g. Before interviews",
                    compact=True,
                    id="pattern-name",
                )
            for index, value in enumerate(self._starting_values()):
                with Horizontal(classes="breath-field"):
                    yield Label(field_name(CUSTOM_SHAPE, index), classes="breath-field-label")
                    yield SafeInput(
                        value=value,
                        placeholder="0",
                        compact=True,
                        classes="pattern-seconds",
                        id=f"pattern-phase-{index}",
                    )
                    yield Label("seconds", classes="breath-field-unit")
            yield Static("", id="pattern-error", classes="form-error", markup=False)
            yield Static(
                cast("CompanionApp", self.app).with_keys(
                    "In and out: more than 0 s. Holds: 0 s or more. Each up to 20 s.\n"
                    "Tab moves between fields · Enter saves · {key:breathe.form.cancel} cancels"
                ),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#pattern-name", Input).focus()

    def entered(self) -> PatternEntry:
        seconds = [self.query_one(f"#pattern-phase-{index}", Input).value for index in range(len(CUSTOM_SHAPE))]
        return PatternEntry(self.query_one("#pattern-name", Input).value, seconds)

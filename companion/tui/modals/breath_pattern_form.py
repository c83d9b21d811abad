"""Make or change a breathing pattern of your own: a name and four numbers (in, hold, out, hold).

Writes through the core itself, so every problem is listed in the dialog and what was typed stays
there to fix. Enter saves, Escape cancels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion import breath_log
from companion.breathing import (
    CUSTOM_SHAPE,
    Pattern,
    PatternError,
    field_name,
)
from companion.store import StoreError
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

STARTING_RHYTHM = ("4", "0", "6", "0")
"""A gentle first suggestion for a new pattern: a longer breath out than in."""


class PatternForm(AsksBeforeDiscarding, ModalScreen[Pattern | None]):
    CSS_PATH = stylesheet("breathe")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="breathe.form.cancel")]

    def __init__(self, existing: Pattern | None = None) -> None:
        super().__init__()
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
                    yield SafeInput(value=value, placeholder="0", compact=True, classes="pattern-seconds", id=f"pattern-phase-{index}")
                    yield Label("seconds", classes="breath-field-unit")
            yield Static("", id="pattern-error", classes="form-error", markup=False)
            yield Static(
                "In and out: more than 0 s. Holds: 0 s or more. Each up to 20 s.\n"
                "Tab moves between fields · Enter saves · Escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#pattern-name", Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        app = cast("CompanionApp", self.app)
        name = self.query_one("#pattern-name", Input).value
        seconds = [self.query_one(f"#pattern-phase-{index}", Input).value for index in range(len(CUSTOM_SHAPE))]
        now = app.context.now()
        try:
            if self.existing is None:
                pattern = breath_log.add_pattern(app.context.store, name, seconds, now=now)
            else:
                pattern = breath_log.update_pattern(app.context.store, self.existing.id, name, seconds, now=now)
        except PatternError as exc:
            self.query_one("#pattern-error", Static).update("\n".join(exc.messages))
            return
        except StoreError as exc:
            self.query_one("#pattern-error", Static).update(str(exc))
            return
        app.data_changed()
        app.notify(f"{pattern.name} ({pattern.rhythm}) is ready to breathe.", title="Pattern saved", markup=False)
        self.dismiss(pattern)

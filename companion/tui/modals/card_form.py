"""Write or change a reframing card of your own. Enter saves, Escape cancels.

The thinking trap is chosen from the list; while the person has not chosen one, it follows the
matcher's best guess for the thought as it is typed. The opener's `save` writes what was entered
(companion.tui.modals.saving): every problem is listed in the dialog with what was typed still there to fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from companion import reframe
from companion.reframe import Card
from companion.tui.modals.saving import Save, SavingForm
from companion.tui.styles import stylesheet
from companion.tui.widgets.form_select import FormSelect
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class CardEntry(NamedTuple):
    """A card as typed, in the order `card_store.add_card` and `edit_card` take it."""

    thought: str
    distortion: str
    reframe: str
    question: str
    action: str


class CardForm(SavingForm[CardEntry, Card]):
    CSS_PATH = stylesheet("reframe")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reframe.card_form.cancel")]

    def __init__(self, save: Save[CardEntry, Card], existing: Card | None = None) -> None:
        super().__init__(save)
        self.existing = existing
        self._trap_chosen = existing is not None
        self._guess: object = Select.NULL  # the trap last set as a guess: any other value was chosen

    def compose(self) -> ComposeResult:
        card = self.existing
        heading = "Change your card" if card else "A card of your own"
        with VerticalScroll(id="card-form", classes="dialog", can_focus=False):
            yield Label(heading, classes="dialog-title")
            yield Label("The thought, the way it shows up", classes="field-label")
            yield SafeInput(
                value=card.thought if card else "",
                placeholder="e.g. They went quiet, so I must have blown it",
                compact=True,
                id="card-thought",
            )
            yield Label(
                "The thinking trap" if card else "The thinking trap (a guess follows what you type)",
                classes="field-label",
            )
            yield FormSelect(
                [(d.name, d.id) for d in reframe.load_distortions()],
                prompt="Choose a thinking trap",
                value=card.distortion if card and reframe.find_distortion(card.distortion) else Select.NULL,
                compact=True,
                id="card-distortion",
            )
            yield Static("", id="card-trap-explanation", classes="field-explanation", markup=False)
            yield Label("A kinder, truer way to see it", classes="field-label")
            yield SafeInput(value=card.reframe if card else "", compact=True, id="card-reframe")
            yield Label("A question to ask yourself (optional)", classes="field-label")
            yield SafeInput(value=card.question if card else "", compact=True, id="card-question")
            yield Label("One small step (optional)", classes="field-label")
            yield SafeInput(value=card.action if card else "", compact=True, id="card-action")
            yield Static("", id="card-error", classes="form-error", markup=False)
            yield Static(
                cast("CompanionApp", self.app).with_keys(
                    "Tab moves between fields · Enter saves · Space opens the list of traps · "
                    "{key:reframe.card_form.cancel} cancels"
                ),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._explain(self.query_one("#card-distortion", Select).value)
        self.query_one("#card-thought", Input).focus()

    # -- the thinking trap follows the thought until the person picks one ------------------

    @on(Input.Changed, "#card-thought")
    def thought_changed(self, event: Input.Changed) -> None:
        trap = self.query_one("#card-distortion", Select)
        if self._trap_chosen or trap.value != self._guess:  # chosen (its Changed may not have arrived yet)
            return
        # The guess follows the thought as it is now: a cue typed and then written past leaves no stale trap.
        guesses = reframe.guess_distortions(event.value)
        self._guess = guesses[0] if guesses else Select.NULL
        with self.prevent(Select.Changed):  # a guess is not the person's choice
            trap.value = self._guess
        self._explain(self._guess)

    @on(Select.Changed, "#card-distortion")
    def trap_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._trap_chosen = True
        self._explain(event.value)

    def _explain(self, value: object) -> None:
        distortion = reframe.find_distortion(value) if isinstance(value, str) else None
        explanation = self.query_one("#card-trap-explanation", Static)
        explanation.update(distortion.explanation if distortion else "")
        explanation.display = distortion is not None

    # -- saving ----------------------------------------------------------------------------

    def entered(self) -> CardEntry:
        trap = self.query_one("#card-distortion", Select).value
        return CardEntry(
            self.query_one("#card-thought", Input).value,
            trap if isinstance(trap, str) else "",
            self.query_one("#card-reframe", Input).value,
            self.query_one("#card-question", Input).value,
            self.query_one("#card-action", Input).value,
        )

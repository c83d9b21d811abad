"""How a form saves: it hands what was entered to its opener, and stays open when the write is refused.

The screen (or the app) that opens a form passes `save`: a callable that takes what the form
entered and does the one write through the core, with the store and the clock it owns. The form
collects and cleans the typing (`entered()`), calls `save` on Enter, and

- an InputError (what was typed cannot be used) or a StoreError (full disk, read-only folder, busy
  file) keeps it open with the typing in place and the message under the fields;
- success dismisses it with what `save` returned.

So no dialog writes to the store itself, and none refreshes a screen by hand: the store's commit
signal does (CompanionApp._store_committed). Dialogs with steps (the debrief, the thought record)
use `attempt` for each write the opener does for them.

    class WinForm(SavingForm[WinEntry, Win]):
        def entered(self) -> WinEntry: ...

    app.push_screen(WinForm(save), saved)  # save: the opener's write; saved: what follows it (companion.tui.win_saves)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.keep_typed import AsksBeforeDiscarding

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

T = TypeVar("T")
Entered = TypeVar("Entered")
Saved = TypeVar("Saved")
Result = TypeVar("Result")
Save = Callable[[Entered], Saved]
"""The opener's write: what a form entered in, what was saved out (raises InputError or StoreError)."""


class Refused:
    """What `attempt` returns for a write that did not happen: the form already says why."""


REFUSED = Refused()


def error_text(error: Exception) -> str:
    """One line per problem (a card or a pattern can have several), so a form shows all of them at once."""
    messages = getattr(error, "messages", None)
    return "\n".join(messages) if isinstance(messages, list) and messages else str(error)


class SavingScreen(ModalScreen[Result]):
    """A dialog whose writes its opener does: a refused one is told under the fields, nothing typed is lost."""

    @property
    def companion(self) -> CompanionApp:
        """The app, for the clock and for reading what a form offers to choose from (never for writing)."""
        return cast("CompanionApp", self.app)

    def show_error(self, text: str) -> None:
        error = self.query_one(".form-error", Static)
        error.update(text)
        error.display = bool(text)

    def refused(self, error: InputError | StoreError) -> None:
        """Say why the write did not happen; a form with a second chance (a warning) notes it here too."""
        self.show_error(error_text(error))

    def attempt(self, write: Callable[[], T]) -> T | Refused:
        """Run one write of the opener's; REFUSED (the message shown) when the input or the store said no."""
        try:
            return write()
        except (InputError, StoreError) as exc:
            self.refused(exc)
            return REFUSED


class SavingForm(AsksBeforeDiscarding, SavingScreen[Saved | None], Generic[Entered, Saved]):
    """A one-page form: Enter (or its save key) hands `entered()` to `save`; Escape asks before dropping typing."""

    def __init__(self, save: Save[Entered, Saved]) -> None:
        super().__init__()
        self._save = save

    def entered(self) -> Entered:
        """What was typed, collected and cleaned; raises InputError naming what to fix."""
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        saved = self.attempt(lambda: self._save(self.entered()))
        if not isinstance(saved, Refused):
            self.dismiss(saved)

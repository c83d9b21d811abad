"""Your own breathing patterns in one list: make a new one, change one, or let one go.

The list writes nothing itself: the Breathe screen hands it `PatternWrites`, its own writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion import breath_log
from companion.breathing import Pattern
from companion.store import StoreError
from companion.tui.modals.breath_pattern_form import PatternEntry, PatternForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.saving import Save
from companion.tui.styles import stylesheet

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class PatternWrites(NamedTuple):
    """The Breathe screen's writes for the dialogs that change patterns."""

    save: Callable[[Pattern | None], Save[PatternEntry, Pattern]]
    """The form's save for a new pattern (None) or for changing this one."""
    delete: Callable[[Pattern], object]
    """Delete this pattern through the core (raises StoreError when refused)."""


def delete_with_confirm(
    app: CompanionApp, pattern: Pattern, writes: PatternWrites, *, after: Callable[[], None]
) -> None:
    """Ask first (the Confirm dialog); on yes the screen's delete, guarded, then `after()`."""

    def answered(yes: bool | None) -> None:
        if not yes or app.guarded(lambda: writes.delete(pattern) or True, title="Not deleted") is None:
            return
        after()
        app.notify(f"Deleted {pattern.name}. Past sessions with it stay in your history.", markup=False)

    app.push_screen(Confirm(f"Delete the pattern {pattern.name}?", pattern.rhythm), answered)


class PatternList(ModalScreen[None]):
    CSS_PATH = stylesheet("breathe")
    BINDINGS = [
        Binding("c", "create", "New", id="breathe.list.create"),
        Binding("e", "edit", "Edit", id="breathe.list.edit"),
        Binding("d", "delete", "Delete", id="breathe.list.delete"),
        Binding("escape", "close", "Close", id="breathe.list.close"),
    ]

    def __init__(self, writes: PatternWrites) -> None:
        super().__init__()
        self.writes = writes
        self._patterns: list[Pattern] = []

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="breath-pattern-list", classes="dialog"):
            yield Label("Your breathing patterns", classes="dialog-title")
            yield OptionList(id="pattern-options")
            yield Static("", id="pattern-list-empty", markup=False)
            yield Static(
                self.companion.with_keys(
                    "{key:breathe.list.create} new · {key:breathe.list.edit} or Enter edit · "
                    "{key:breathe.list.delete} delete · {key:breathe.list.close} closes"
                ),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, select_id: str = "") -> None:
        options = self.query_one(OptionList)
        current = self._current()
        keep = select_id or (current.id if current else "")
        try:
            self._patterns = breath_log.custom_patterns(self.companion.context.store)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        options.clear_options()
        options.add_options(Option(Content(f"{p.name}  ·  {p.rhythm}"), id=p.id) for p in self._patterns)
        ids = [p.id for p in self._patterns]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self.query_one("#pattern-list-empty", Static).update(
            ""
            if ids
            else self.companion.with_keys("No patterns of your own yet. Press {key:breathe.list.create} to make one.")
        )
        self.refresh_bindings()

    def _current(self) -> Pattern | None:
        index = self.query_one(OptionList).highlighted
        return self._patterns[index] if index is not None and 0 <= index < len(self._patterns) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit", "delete"}:
            return self._current() is not None
        return True

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_edit()

    def _after_form(self, saved: Pattern | None) -> None:
        if saved is not None:
            self._fill(select_id=saved.id)

    def action_create(self) -> None:
        self.app.push_screen(PatternForm(self.writes.save(None)), self._after_form)

    def action_edit(self) -> None:
        pattern = self._current()
        if pattern is not None:
            self.app.push_screen(PatternForm(self.writes.save(pattern), pattern), self._after_form)

    def action_delete(self) -> None:
        pattern = self._current()
        if pattern is not None:
            delete_with_confirm(self.companion, pattern, self.writes, after=self._fill)

    def action_close(self) -> None:
        self.dismiss(None)

"""Shown when the data file cannot be read: explain, and go on only when the person chooses."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from companion.recovery import RecoveryOptions
from companion.store import CorruptDataError, Store, StoreError


class RecoverScreen(ModalScreen[bool]):
    """Dismisses True once the data is usable again, False when the person prefers to quit."""

    def __init__(self, store: Store, error: CorruptDataError, options: RecoveryOptions | None = None) -> None:
        super().__init__()
        self.store, self.error = store, error
        self.options = options or RecoveryOptions(store)

    def compose(self) -> ComposeResult:
        now = self.app.context.now()  # type: ignore[attr-defined]  # pushed by CompanionApp only
        with Vertical(classes="dialog", id="recover"):
            yield Label("Your data file could not be read", classes="dialog-title")
            yield Static(
                f"{self.error.path}\n{self.error.reason}\n\n"
                "Nothing has been changed or deleted. Whatever you choose, the unreadable file is kept "
                f"aside, byte for byte, so nothing is lost.\n\n{self.options.restore_line(now)}",
                markup=False,
                id="recover-offer",
            )
            with Horizontal(classes="dialog-buttons"):
                if self.options.anything:
                    yield Button("Restore", id="restore", variant="primary")
                yield Button("Start empty", id="empty")
                yield Button("Quit", id="quit")

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        if event.button.id == "quit":
            self.dismiss(False)
            return
        restore = event.button.id == "restore"
        try:
            aside, backup = self.store.recover(restore_backup=restore, salvage=restore)
        except StoreError as exc:
            self.app.notify(str(exc), title="Could not recover", severity="error", timeout=15, markup=False)
            return
        restored = f" and restored {backup.name}" if backup else ""
        self.app.notify(f"Kept the unreadable file as {aside.name}{restored}.", timeout=10, markup=False)
        self.dismiss(True)

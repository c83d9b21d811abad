"""Ask where to save a text, then write it atomically; errors stay in the dialog."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion.fileio import write_atomic
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.widgets.safe_input import SafeInput


class PathPrompt(AsksBeforeDiscarding, ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: Path, text: str) -> None:
        super().__init__()
        self.title_text, self.default, self.text = title, default, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield SafeInput(value=str(self.default), id="path")
            yield Static("", id="path-error", classes="form-error", markup=False)
            yield Static("Enter saves · Escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        raw = self.query_one(Input).value.strip()
        if not raw:
            self.query_one("#path-error", Static).update("Please give a file name.")
            return
        target = Path(raw).expanduser()
        try:
            write_atomic(target, self.text.encode("utf-8"), mode=0o600)
        except OSError as exc:
            self.query_one("#path-error", Static).update(f"Could not write {target}: {exc.strerror or exc}")
            return
        self.dismiss(target)

"""Ask where to save a text, then write it atomically; errors stay in the dialog.

Nothing is overwritten silently: the suggested name is one not taken yet, and a name typed that is
taken asks before its file is replaced (keeping it offers a free name instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from companion.fileio import write_atomic
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def _taken(path: Path) -> bool:
    """A file or folder is there (a path that cannot even be looked at is left to the write to explain)."""
    try:
        return path.exists()
    except OSError:
        return False


def unused_name(path: Path) -> Path:
    """`path`, or the first of `name-2.md`, `name-3.md`, ... that no file has taken."""
    candidate, number = path, 1
    while _taken(candidate):
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


class PathPrompt(AsksBeforeDiscarding, ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="path_prompt.cancel")]

    def __init__(self, title: str, default: Path, text: str) -> None:
        super().__init__()
        self.title_text, self.default, self.text = title, default, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield SafeInput(value=str(unused_name(self.default.expanduser())), id="path")
            yield Static("", id="path-error", classes="form-error", markup=False)
            yield Static(
                cast("CompanionApp", self.app).with_keys("Enter saves · {key:path_prompt.cancel} cancels"),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        raw = self.query_one(Input).value.strip()
        if not raw:
            self._error("Please give a file name.")
            return
        target = Path(raw).expanduser()
        if _taken(target) and target.is_dir():
            self._error(f"{target} is a folder; add a file name, e.g. {target / self.default.name}")
            return
        if _taken(target):
            self._ask_to_replace(target)
            return
        self._write(target)

    def _ask_to_replace(self, target: Path) -> None:
        def answered(replace: bool | None) -> None:
            if replace:
                self._write(target)
                return
            field = self.query_one(Input)
            field.value = str(unused_name(target))
            field.focus()
            self._error(f"{target.name} is kept as it is; Enter saves under this new name.")

        question = Confirm(
            f"Replace {target.name}?",
            f"{target} is there already; replacing it loses what it holds.",
            yes="Replace",
            no="Keep it",
        )
        self.app.push_screen(question, answered)

    def _error(self, text: str) -> None:
        self.query_one("#path-error", Static).update(text)

    def _write(self, target: Path) -> None:
        try:
            write_atomic(target, self.text.encode("utf-8"), mode=0o600)
        except OSError as exc:
            self._error(f"Could not write {target}: {exc.strerror or exc}")
            return
        self.dismiss(target)

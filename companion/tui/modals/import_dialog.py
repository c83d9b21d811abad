"""Bring a search in from another tool: a path, then what would be added (a dry run), then confirm.

The dialog only reads (the dry run writes nothing); it returns the file and the person's yes, and
`open_import_dialog`'s callback makes the one write, off the app's thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from companion import transfer
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

FORMATS_HINT = (
    "Huntr, LinkedIn (its export zip), JobSync, Simplify, Teal, jrnl, FreeCBT, a spreadsheet (CSV) "
    "or a companion backup: the file is recognised by what is in it."
)
TABLE_WIDTH = 96


class ImportDialog(ModalScreen[Path | None]):
    DEFAULT_CSS = """
    #import-dialog { width: 90%; max-width: 104; }
    #import-plan-box { height: auto; max-height: 25vh; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import_cancel")]

    def __init__(self) -> None:
        super().__init__()
        self.checked: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Label("Import from another tool", classes="dialog-title")
            yield Static(FORMATS_HINT, classes="dialog-detail", id="import-formats", markup=False)
            yield SafeInput(placeholder="~/Downloads/huntr-jobs.csv", id="import-path")
            yield Static("", id="import-error", classes="form-error", markup=False)
            with VerticalScroll(id="import-plan-box"):
                yield Static("", id="import-plan", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="import-no")
                yield Button("Import", id="import-yes", variant="primary", disabled=True)
            yield Static(
                cast("CompanionApp", self.app).with_keys(
                    "Enter shows what would be added · {key:import_cancel} cancels"
                ),
                id="import-hint",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Changed, "#import-path")
    def path_changed(self) -> None:
        """A new path needs a new look before it can be imported."""
        self.checked = None
        self.query_one("#import-yes", Button).disabled = True

    @on(Input.Submitted, "#import-path")
    def look(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self.query_one("#import-error", Static).update("Please give the file's path.")
            return
        self.query_one("#import-error", Static).update("Reading…")
        self.dry_run(Path(raw).expanduser())

    @work(thread=True, exclusive=True)
    def dry_run(self, path: Path) -> None:
        app: CompanionApp = self.app  # type: ignore[assignment]
        try:
            report = transfer.import_file(app.context.store, path, dry_run=True, now=app.context.now())
        except (InputError, StoreError) as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self.show_plan, path, report)

    def show_error(self, message: str) -> None:
        self.query_one("#import-error", Static).update(message)
        self.query_one("#import-plan", Static).update("")

    def show_plan(self, path: Path, report: transfer.ImportReport) -> None:
        summary = report.summary()
        width = self.query_one("#import-plan-box").size.width - 2 or TABLE_WIDTH  # one table row per line
        lines = [summary[0], "", *transfer.format_table(report.table(), max(40, width)), "", *summary[1:]]
        self.query_one("#import-formats").display = False  # room for the table on a small terminal
        self.query_one("#import-error", Static).update("")
        self.query_one("#import-plan", Static).update("\n".join(lines))
        outcome = report.outcome
        has_new = report.restored is not None or (
            outcome is not None and bool(outcome.count("add") or outcome.count("merge"))
        )
        self.checked = path if has_new else None
        button = self.query_one("#import-yes", Button)
        button.disabled = not has_new
        if has_new:
            button.focus()

    @on(Button.Pressed, "#import-yes")
    def confirm(self) -> None:
        if self.checked is not None:
            self.dismiss(self.checked)

    @on(Button.Pressed, "#import-no")
    def action_cancel(self) -> None:
        self.dismiss(None)


def open_import_dialog(app: CompanionApp) -> None:
    """The palette's "Import from another tool": the dialog, then the write the person confirmed,
    made on a worker thread: thousands of rows take seconds, and the app keeps answering meanwhile
    (the store tells the app of the commit, and the screen on show reloads)."""

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Importing {path.name}…", markup=False)
            app.run_worker(lambda: _import(app, path), thread=True, group="import", description=f"import {path}")

    app.push_screen(ImportDialog(), done)


def _import(app: CompanionApp, path: Path) -> None:
    """The write itself; what it says goes to the app's thread (never raised: a refusal is a message)."""
    try:
        report = transfer.import_file(app.context.store, path, dry_run=False, now=app.context.now())
    except (InputError, StoreError) as exc:  # the file changed since the dry run; the disk refused the write
        _tell(app, str(exc), title="Not imported", severity="error", timeout=10)
        return
    _tell(app, " ".join(report.summary()[1:2]), title=f"Imported {report.file}", timeout=8)


def _tell(app: CompanionApp, message: str, **options: Any) -> None:
    if app.is_running:  # not after the person has quit: the write is done (or refused) either way
        app.call_from_thread(app.notify, message, markup=False, **options)

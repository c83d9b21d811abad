"""Settings: every setting and every key with its value; Enter changes one, saved at once.

Switches flip with Enter, the theme opens Textual's theme list, everything else opens a one-line
dialog that keeps a wrong value on screen with the reason. Changes go through
`companion.settings.commit`, so the file is written atomically and the running app follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from companion.config import LISTED, SETTINGS, Config, Flag, LoadedConfig, SettingError
from companion.settings import (
    accepted_values,
    change_key,
    change_setting,
    check_config,
    commit,
    display_value,
    reset_setting,
)
from companion.tui.keys import apply_keymap, describe_key, key_clashes, known_bindings
from companion.tui.styles import stylesheet
from companion.tui.themes import apply_theme
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.context import Context
    from companion.tui.app import CompanionApp

_KEY_ROW = "key:"
WIDE_LAYOUT = 100  # columns from which each row also shows its description


@dataclass(frozen=True)
class _Row:
    """One line of the list: a setting (`name`) or the key of one action (`binding`)."""

    key: str
    label: str
    about: str
    binding: Binding | None = None

    @property
    def name(self) -> str:
        return self.key.removeprefix(_KEY_ROW)

    @property
    def file_key(self) -> str:
        """How messages about the file name it (`breaks.work_start`, `keys.quick_win`)."""
        return f"keys.{self.name}" if self.binding is not None else SETTINGS[self.name].key


class SettingEditor(ModalScreen[bool]):
    """One value in one line. `attempt` saves it or returns why not; the reason stays in the dialog."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="settings.editor.cancel")]

    def __init__(self, title: str, about: str, accepts: str, value: str, attempt: Callable[[str], str | None]) -> None:
        super().__init__()
        self.title_text, self.about, self.accepts, self.value, self.attempt = title, about, accepts, value, attempt

    def compose(self) -> ComposeResult:
        with Vertical(id="setting-editor", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.about, classes="dialog-detail", markup=False)
            yield SafeInput(value=self.value, id="setting-value")
            yield Static("", id="setting-error", classes="form-error", markup=False)
            cancel = cast("CompanionApp", self.app).with_keys("{key:settings.editor.cancel}")
            yield Static(
                f"Accepts {self.accepts}.\nEnter saves · {cancel} cancels", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#setting-value", Input).focus()

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        problem = self.attempt(event.value)
        if problem:
            self.query_one("#setting-error", Static).update(problem)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class SettingsScreen(ModalScreen[None]):
    """A full page over the current area: Escape goes back to where the person was."""

    CSS_PATH = stylesheet("settings")
    BINDINGS = [
        # priority: the table's own Enter would hide this one from the footer
        Binding("enter", "edit", "Change", id="settings.edit", priority=True),
        Binding("d", "default", "Default", id="settings.default"),
        Binding("escape", "close", "Close", id="settings.close"),
    ]

    class Changed(Message):
        """A setting changed and was applied here; the app may rebuild what depends on it (breaks)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[_Row] = []
        self._bindings_known: dict[str, Binding] = {}

    @property
    def context(self) -> Context:
        return cast("CompanionApp", self.app).context

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Label("Settings", id="settings-title")
            yield Static(id="settings-file", markup=False)
            yield Static(id="settings-problems", markup=False)
            yield DataTable(id="settings-table", cursor_type="row")
            yield Static(id="settings-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._bindings_known = known_bindings(type(self.app))
        self._rows = self._build_rows()
        context = self.context
        self.query_one("#settings-file", Static).update(
            "Demo: changes last until you quit; your own settings file is not touched."
            if context.demo
            else f"Saved at once in {context.config_path}"
        )
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self._refresh_all()
        self.query_one(DataTable).focus()

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._refresh_all)  # after remember_theme_choice has saved it

    def on_resize(self) -> None:
        self._fill_table()

    # -- what is shown -------------------------------------------------------------------------

    def _build_rows(self) -> list[_Row]:
        rows = [_Row(setting.name, setting.label, setting.help) for setting in LISTED]
        ordered = sorted(self._bindings_known.items(), key=lambda item: ("." in item[0], item[0]))
        for binding_id, binding in ordered:
            area = binding_id.split(".")[0].capitalize() if "." in binding_id else "Everywhere"
            what = binding.description or binding.action
            rows.append(_Row(_KEY_ROW + binding_id, f"Key · {area} · {what}", f"keys.{binding_id}", binding))
        return rows

    def _value(self, row: _Row) -> str:
        config = self.context.config
        if row.binding is None:
            return self.app.theme if row.name == "theme" else display_value(config, row.name)
        keys_in_use = cast("CompanionApp", self.app).keys_in_use
        shown = describe_key(row.binding, keys_in_use)
        return f"{shown} (yours)" if row.name in keys_in_use else shown

    def _refresh_all(self) -> None:
        self._fill_table()
        self._show_problems()
        self._show_detail()

    def _fill_table(self) -> None:
        """Three columns when there is room; on a narrow terminal the line below the list explains."""
        if not self._rows:
            return
        table = self.query_one(DataTable)
        keep = table.cursor_row
        width = self.size.width
        label_width, value_width = min(34, max(24, width // 3)), 24
        table.clear(columns=True)
        table.add_column("Setting", width=label_width)
        table.add_column("Value", width=value_width)
        wide = width >= WIDE_LAYOUT
        if wide:
            table.add_column("What it changes", width=width - label_width - value_width - 9)
        for row in self._rows:
            cells = [row.label, self._value(row), row.about] if wide else [row.label, self._value(row)]
            table.add_row(*(Text(cell, overflow="ellipsis", no_wrap=True) for cell in cells), key=row.key)
        table.move_cursor(row=min(keep, len(self._rows) - 1), animate=False)

    def _show_problems(self) -> None:
        context = self.context
        problems = check_config(LoadedConfig(context.config, context.problems), self._bindings_known).problems
        shared = key_clashes(type(self.app), cast("CompanionApp", self.app).keys_in_use)
        parts = [
            ("Not used from the settings file (defaults apply):", problems),
            ("Keys shared by two actions:", shared),
        ]
        widget = self.query_one("#settings-problems", Static)
        widget.display = bool(problems or shared)
        shown = (f"{title}\n" + "\n".join(f"  {line}" for line in lines) for title, lines in parts if lines)
        widget.update("\n".join(shown))

    def _show_detail(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.binding is None:
            where = f"In the file: {row.file_key} · accepts {accepted_values(row.name)}"
        else:
            where = f'In the file: [keys] "{row.name}" · default {describe_key(row.binding)}'
        self.query_one("#settings-detail", Static).update(f"{row.label}: {row.about}\n{where}")

    def _current(self) -> _Row | None:
        row = self.query_one(DataTable).cursor_row
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @on(DataTable.RowHighlighted)
    def highlighted(self) -> None:
        self._show_detail()

    # -- changing ------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.binding is not None:
            self._edit_key(row)
        elif row.name == "theme":
            self.app.search_themes()  # Textual's own list; the choice is saved by remember_theme_choice
        elif isinstance(SETTINGS[row.name].kind, Flag):
            flipped = "off" if getattr(self.context.config, row.name) else "on"
            self._try(row, lambda config: change_setting(config, row.name, flipped))
        else:
            self.app.push_screen(
                SettingEditor(
                    row.label,
                    row.about,
                    accepted_values(row.name),
                    display_value(self.context.config, row.name),
                    lambda text: self._try(row, lambda config: change_setting(config, row.name, text)),
                )
            )

    def _edit_key(self, row: _Row) -> None:
        assert row.binding is not None
        default = describe_key(row.binding)
        self.app.push_screen(
            SettingEditor(
                row.label,
                f"The key for this action ({row.about}); the default is {default}.",
                "key names like a, ?, f2, ctrl+w, several separated by commas; empty gives back the default",
                self.context.config.keys.get(row.name, ""),
                lambda text: self._try(row, lambda config: change_key(config, row.name, text, self._bindings_known)),
            )
        )

    def action_default(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.binding is not None:
            self._try(row, lambda config: change_key(config, row.name, "", self._bindings_known))
        else:
            self._try(row, lambda config: reset_setting(config, row.name))

    def _try(self, row: _Row, change: Callable[[Config], Config]) -> str | None:
        """Save one change and apply it to the running app; the reason if it cannot be saved."""
        try:
            config = commit(self.context, change)
        except SettingError as exc:
            # On screen the setting is named as the list names it; the file's name is for the file.
            reason = exc.reason if exc.key == row.file_key else str(exc)
            reason = reason[:1].upper() + reason[1:]
            if not isinstance(self.app.screen, SettingEditor):
                self.notify(f"{row.label}: {reason}", title="Not changed", severity="warning", markup=False)
            return reason
        self._apply(row, config)
        self._refresh_all()
        saved = "for this demo" if self.context.demo else "saved"
        self.notify(f"{row.label}: {self._value(row)} ({saved})", markup=False)
        self.post_message(self.Changed(row.name if row.binding is None else "keys"))
        return None

    def _apply(self, row: _Row, config: Config) -> None:
        app = cast("CompanionApp", self.app)
        if row.binding is not None:
            apply_keymap(app)
        elif row.name == "theme":
            apply_theme(app, config.theme)
        elif row.name == "backups_keep":
            self.context.store.backups_keep = config.backups_keep

    def action_close(self) -> None:
        self.dismiss(None)

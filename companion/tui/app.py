"""The App: wires the five areas (as modes), the global keys and the watch on the data file."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen

from companion.context import Context
from companion.first_run import mark_welcomed, needs_welcome
from companion.keynames import with_keys
from companion.store import CorruptDataError, StoreError
from companion.tui.break_reminders import BreakReminders
from companion.tui.keys import LazyScreen, apply_keymap, import_quietly, key_clashes, key_rows, screen_bindings
from companion.tui.palette import palette_commands
from companion.tui.screens.base import DataScreen
from companion.tui.screens.today import TodayScreen
from companion.tui.styles import KeptParses, stylesheet
from companion.tui.themes import register_themes, remember_theme_choice, start_with_theme

T = TypeVar("T")
AREAS = {
    "today": "Today",
    "pipeline": "Pipeline",
    "wins": "Wins",
    "breathe": "Breathe",
    "reframe": "Reframe",
    "people": "People",
}
POLL_SECONDS = 1.0
WARM_UP_SECONDS = 0.3  # after the first frame: while the person reads Today, the other areas are imported
WARMED_UP_TOO = ("companion.tui.win_saves", "companion.tui.modals.help")  # `w` and `?`, from anywhere
DEMO_SUBTITLE = "demo data (a throw-away copy)"


class CompanionApp(App[None]):
    TITLE = "companion"
    # Today's styles come with the app's: a screen's own CSS_PATH is read when it first shows,
    # which makes Textual parse every style once more before the first frame.
    CSS_PATH = [stylesheet("app"), stylesheet("today")]
    # Only Today is needed for the first frame; the other areas are imported when first opened.
    MODES = {
        "today": TodayScreen,
        "pipeline": LazyScreen("companion.tui.screens.pipeline", "PipelineScreen"),
        "wins": LazyScreen("companion.tui.screens.wins", "WinsScreen"),
        "breathe": LazyScreen("companion.tui.screens.breathe", "BreatheScreen"),
        "reframe": LazyScreen("companion.tui.screens.reframe", "ReframeScreen"),
        "people": LazyScreen("companion.tui.screens.people", "PeopleScreen"),
    }
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("t", "area('today')", "Today", id="today"),
        Binding("p", "area('pipeline')", "Pipeline", id="pipeline"),
        Binding("l", "area('wins')", "Wins", id="wins"),
        Binding("b", "area('breathe')", "Breathe", id="breathe"),
        Binding("r", "area('reframe')", "Reframe", id="reframe"),
        Binding("h", "area('people')", "People", id="people"),
        Binding("w", "quick_win", "Win", id="quick_win"),
        Binding("comma", "settings", "Settings", id="settings", key_display=","),
        Binding("question_mark", "help", "Keys", id="help", key_display="?"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("u", "undo", "Undo a delete", show=False, id="undo"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__()
        # The theme before the stylesheet: its variables are in every parse (a later change parses all again).
        register_themes(self)
        start_with_theme(self, context.config.theme)
        self.stylesheet = KeptParses(variables=self.get_css_variables())  # Textual's, parsing each source once
        self.context = context
        context.store.keep_bytes = False  # the app encodes with orjson already loaded: not worth 2.7 MB (Store)
        self.data_version = 0
        self._signature = context.store.signature()
        self._refresh_pending = False
        context.store.subscribe(self._store_committed)
        self.breaks = BreakReminders(self)
        self.keys_in_use: dict[str, str] = {}  # the person's key overrides that work, by binding id (keys.apply_keymap)
        self._cleanup = contextlib.ExitStack()

    def on_load(self) -> None:
        # Before the first screen composes: its words name the keys in use (CompanionApp.with_keys).
        self.context.problems.extend(apply_keymap(self))
        self.breaks.start()

    def on_mount(self) -> None:
        remember_theme_choice(self)
        self.set_interval(POLL_SECONDS, self.poll_data_file)
        self.breaks.run_on_interval()
        for problem in self.context.problems:
            self.notify(problem, title="A setting was not used", severity="warning", timeout=10, markup=False)
        for clash in key_clashes(type(self), self.keys_in_use):
            self.notify(clash, title="Two actions, one key", severity="warning", timeout=10, markup=False)
        try:
            self.context.store.check_readable()
        except CorruptDataError as exc:
            from companion.tui.modals.recover import RecoverScreen

            self.push_screen(RecoverScreen(self.context.store, exc), self._after_recover)
            return
        except StoreError as exc:  # a folder where the file should be, no permission: nothing to recover
            self.notify(str(exc), title="Your data cannot be read", severity="error", timeout=60, markup=False)
            return
        self.merge_conflict_copies()
        if self.context.demo:
            self.sub_title = DEMO_SUBTITLE
        elif self.context.welcome_first_run and needs_welcome(self.context.store):
            from companion.tui.modals.welcome import WelcomeModal

            self.push_screen(WelcomeModal(), self._after_welcome)

    def on_ready(self) -> None:
        """The first frame is drawn: garbage collection may run again (see companion.tui.run).

        Everything made so far lives as long as the app, so it is frozen out of future collections
        first; otherwise the first collection would scan it all (~25 ms) while the frame is still
        being written to the terminal.
        """
        if gc.isenabled():  # not started by run_app (a test's run_test): nothing to undo
            return
        gc.freeze()
        gc.enable()
        self.set_timer(WARM_UP_SECONDS, self.warm_up)

    def warm_up(self) -> None:
        """Import the areas not shown yet in a thread, so opening one for the first time costs what
        opening it again does (their imports are ~30-60 ms each); the interface stays responsive,
        as Python switches threads every few milliseconds."""
        threading.Thread(target=import_quietly, args=(self.warm_up_modules(),), name="warm-up", daemon=True).start()

    @classmethod
    def warm_up_modules(cls) -> list[str]:
        return [entry.module for entry in cls.MODES.values() if isinstance(entry, LazyScreen)] + [*WARMED_UP_TOO]

    def _after_welcome(self, choice: str | None) -> None:
        from companion.tui.modals.welcome import DEMO

        if choice == DEMO:
            self.show_demo()
            return
        mark_welcomed(self.context.store, self.context.now())
        self.data_changed()

    def show_demo(self) -> None:
        """Switch this running app to a seeded throw-away copy (restarting the App would lose keys)."""
        from companion.demo import demo_context

        self.context.store.unsubscribe(self._store_committed)
        self.context = self._cleanup.enter_context(demo_context(self.context))
        self.context.store.subscribe(self._store_committed)
        self.sub_title = DEMO_SUBTITLE
        self.data_changed()

    def on_unmount(self) -> None:
        self.breaks.stop()
        self._cleanup.close()

    def _after_recover(self, recovered: bool | None) -> None:
        if not recovered:
            self.exit()
            return
        self.data_changed()

    # -- data ------------------------------------------------------------------------------

    def poll_data_file(self) -> None:
        """Another process (`companion win`) or machine (a sync conflict copy) may have written."""
        self.merge_conflict_copies()
        if self.context.store.signature() != self._signature:
            self.data_changed()

    def merge_conflict_copies(self) -> None:
        """A sync tool's conflict copy appeared: merge it by record id and say so, once."""
        try:
            messages = self.context.store.merge_conflict_copies()
        except StoreError as exc:
            messages = [f"A copy from your other machine could not be merged yet: {exc}"]
        for message in messages:
            self.notify(message, title="Your two machines", timeout=12, markup=False)

    def _store_committed(self) -> None:
        """The store wrote (from any screen, dialog or worker): one refresh, on the app's thread."""
        if self._refresh_pending:
            return
        self._refresh_pending = True
        if threading.get_ident() == self._thread_id:
            self.call_later(self._refresh_after_commit)
        else:
            self.call_from_thread(self.call_later, self._refresh_after_commit)

    def _refresh_after_commit(self) -> None:
        self._refresh_pending = False
        if not self.is_running:  # a write while the app was closing: no screen left to refresh
            return
        if self.context.store.signature() != self._signature:
            self.data_changed()

    def data_changed(self) -> None:
        """Something was written: the visible data screen reloads, the others when next shown."""
        self._signature = self.context.store.signature()
        self.data_version += 1
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DataScreen):
                if screen.is_attached:
                    screen.reload()
                break

    def guarded(self, write: Callable[[], T], *, title: str = "Not saved") -> T | None:
        """Run a write; a refused one (full disk, busy, read-only) becomes a message, never a crash."""
        try:
            return write()
        except StoreError as exc:
            self.notify(str(exc), title=title, severity="error", timeout=10, markup=False)
            return None

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a dialog is open, its keys win: no switching areas underneath it.
        return not (action in {"area", "quick_win", "help", "settings"} and isinstance(self.screen, ModalScreen))

    async def action_area(self, mode: str) -> None:
        await self.switch_mode(mode)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):  # a natural pause counts as a break (tui/break_reminders.py)
            self.breaks.noticed_input()
        await super().on_event(event)

    def with_keys(self, text: str) -> str:
        """The app's own words with each `{key:id}` shown as the key in use (never for the person's text)."""
        return with_keys(text, self.keys_in_use)

    def action_help_quit(self) -> None:
        """ctrl+c: the key companion's own words name for quitting (Textual's text would name ctrl+q)."""
        self.notify(
            self.with_keys("Press {key:quit} to quit companion (in a text field, leave the field first)."),
            title="Do you want to quit?",
            markup=False,
        )

    def action_undo(self) -> None:
        from companion.tui.undo import undo_last_delete

        undo_last_delete(self)

    def action_quick_win(self) -> None:
        from companion.tui.win_saves import open_win_form

        open_win_form(self)

    def action_settings(self) -> None:
        from companion.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def on_settings_screen_changed(self, message: Message) -> None:
        """SettingsScreen.Changed: breaks and every screen follow the new settings."""
        self.breaks.settings_changed()
        self.data_changed()

    def action_help(self) -> None:
        from companion.tui.modals.help import HelpModal

        screen = self.screen
        keymap = self.keys_in_use
        self.push_screen(
            HelpModal(
                AREAS.get(self.current_mode, "this screen"),
                key_rows(screen_bindings(screen), keymap),
                key_rows(self.BINDINGS, keymap),  # type: ignore[arg-type]
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from palette_commands(self, screen, AREAS)
        yield from super().get_system_commands(screen)

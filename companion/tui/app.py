"""The App: wires the five areas (as modes), the global keys and the watch on the data file."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from companion.context import Context
from companion.store import CorruptDataError
from companion.tui.keys import describe_key, screen_bindings, screen_key_rows
from companion.tui.modals.help import HelpModal
from companion.tui.modals.recover import RecoverScreen
from companion.tui.modals.win_form import WinForm
from companion.tui.screens.base import DataScreen
from companion.tui.screens.breathe import BreatheScreen
from companion.tui.screens.pipeline import PipelineScreen
from companion.tui.screens.reframe import ReframeScreen
from companion.tui.screens.today import TodayScreen
from companion.tui.screens.wins import WinsScreen
from companion.tui.styles import stylesheet

AREAS = {"today": "Today", "pipeline": "Pipeline", "wins": "Wins", "breathe": "Breathe", "reframe": "Reframe"}
POLL_SECONDS = 1.0


class CompanionApp(App[None]):
    TITLE = "companion"
    CSS_PATH = stylesheet("app")
    MODES = {
        "today": TodayScreen,
        "pipeline": PipelineScreen,
        "wins": WinsScreen,
        "breathe": BreatheScreen,
        "reframe": ReframeScreen,
    }
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("t", "area('today')", "Today", id="today"),
        Binding("p", "area('pipeline')", "Pipeline", id="pipeline"),
        Binding("l", "area('wins')", "Wins", id="wins"),
        Binding("b", "area('breathe')", "Breathe", id="breathe"),
        Binding("r", "area('reframe')", "Reframe", id="reframe"),
        Binding("w", "quick_win", "Win", id="quick_win"),
        Binding("question_mark", "help", "Keys", id="help", key_display="?"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.data_version = 0
        self._signature = context.store.signature()

    def on_mount(self) -> None:
        if self.context.config.keys:
            self.set_keymap(self.context.config.keys)
        self.set_interval(POLL_SECONDS, self.poll_data_file)
        for problem in self.context.problems:
            self.notify(problem, title="A setting was not used", severity="warning", timeout=10, markup=False)
        try:
            self.context.store.all("meta")
        except CorruptDataError as exc:
            self.push_screen(RecoverScreen(self.context.store, exc), self._after_recover)

    def _after_recover(self, recovered: bool | None) -> None:
        if not recovered:
            self.exit()
            return
        self.data_changed()

    # -- data ------------------------------------------------------------------------------

    def poll_data_file(self) -> None:
        """Another process (`companion win`) may have written: one stat a second notices it."""
        if self.context.store.signature() != self._signature:
            self.data_changed()

    def data_changed(self) -> None:
        """Something was written: the visible data screen reloads, the others when next shown."""
        self._signature = self.context.store.signature()
        self.data_version += 1
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DataScreen):
                screen.reload()
                break

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a dialog is open, its keys win: no switching areas underneath it.
        if action in {"area", "quick_win", "help"} and isinstance(self.screen, ModalScreen):
            return False
        return True

    async def action_area(self, mode: str) -> None:
        await self.switch_mode(mode)

    def action_quick_win(self) -> None:
        self.push_screen(WinForm())

    def action_help(self) -> None:
        screen = self.screen
        global_rows = [(describe_key(b), b.description) for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpModal(AREAS.get(self.current_mode, "this screen"), screen_key_rows(screen), global_rows))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette reaches every area, every global action and every key of this screen."""
        for mode, title in AREAS.items():
            yield SystemCommand(f"Go to {title}", f"Open the {title} screen", lambda m=mode: self.run_action(f"area('{m}')"))
        yield SystemCommand("Add a win", "Log a small win", self.action_quick_win)
        yield SystemCommand("Show keys", "Every key of this screen and the global ones", self.action_help)
        for binding in screen_bindings(screen):
            yield SystemCommand(
                binding.description, f"{AREAS.get(self.current_mode, '')} · key {describe_key(binding)}",
                lambda action=binding.action, target=screen: target.run_action(action),
            )
        yield from super().get_system_commands(screen)


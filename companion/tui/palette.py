"""The command palette's own commands: every area, every global action, every key of this screen."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from companion.breaks import PAUSE_CHOICES, SNOOZE_CHOICES
from companion.tui.break_reminders import BreakReminders
from companion.tui.keys import describe_key, screen_bindings

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def palette_commands(app: CompanionApp, screen: Screen[object], areas: dict[str, str]) -> Iterable[SystemCommand]:
    for mode, title in areas.items():
        yield SystemCommand(f"Go to {title}", f"Open the {title} screen", partial(app.run_action, f"area('{mode}')"))
    yield SystemCommand("Add a win", "Log a small win", app.action_quick_win)
    yield SystemCommand("Show keys", "Every key of this screen and the global ones", app.action_help)
    yield SystemCommand("Settings", "Breaks, hours, targets, theme and keys", app.action_settings)
    yield SystemCommand(
        "Import from another tool",
        "Huntr, LinkedIn, JobSync, Simplify, Teal, jrnl, FreeCBT, a spreadsheet or a backup",
        partial(_open_import, app),
    )
    yield from insight_commands(app)
    yield from break_commands(app.breaks)
    where = areas.get(app.current_mode, "")
    for binding in screen_bindings(screen):
        yield SystemCommand(
            binding.description,
            f"{where} · key {describe_key(binding, app.keys_in_use)}",
            partial(screen.run_action, binding.action),
        )


def insight_commands(app: CompanionApp) -> Iterable[SystemCommand]:
    """Insights, the week in review and the journal: pushed screens, imported when chosen."""

    def insights(show_review: bool) -> None:
        from companion.tui.screens.insights import InsightsScreen

        app.push_screen(InsightsScreen(show_review=show_review))

    def journal() -> None:
        from companion.tui.screens.journal import JournalScreen

        app.push_screen(JournalScreen())

    yield SystemCommand("Insights", "Effort, funnel, sources, where applications stop", partial(insights, False))
    yield SystemCommand("Week in review", "Effort, wins, interviews, lessons, the plan", partial(insights, True))
    yield SystemCommand("Journal", "Your debriefs, thought records and feedback, to read and search", journal)


def _open_import(app: CompanionApp) -> None:
    from companion.tui.modals.import_dialog import open_import_dialog  # lazy: the first frame does not need it

    open_import_dialog(app)


def break_commands(breaks: BreakReminders) -> Iterable[SystemCommand]:
    status = breaks.status_line()
    for minutes in SNOOZE_CHOICES:
        yield SystemCommand(f"Snooze breaks {minutes} min", status, partial(breaks.snooze, minutes))
    yield SystemCommand("Skip the next break", status, breaks.skip_next)
    for hours in PAUSE_CHOICES:
        yield SystemCommand(f"Pause breaks for {hours} h", status, partial(breaks.pause, hours))
    yield SystemCommand("Pause breaks until tomorrow", status, breaks.pause_until_tomorrow)
    yield SystemCommand("Resume breaks", status, breaks.resume)

"""The win form's one write, for the app (w anywhere) and the Wins screen (add, edit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion import wins
from companion.tui.modals.win_form import WinEntry, WinForm

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def open_win_form(app: CompanionApp, existing: wins.Win | None = None) -> None:
    """Open the win form; what it enters is added (or changes `existing`) through the core, then said."""

    def save(entry: WinEntry) -> wins.Win:
        context = app.context  # as it is now: the demo may have started since the form opened
        if existing is None:
            return wins.add_win(context.store, entry.text, entry.tags, now=context.now())
        return wins.update_win(context.store, existing.id, entry.text, entry.tags, now=context.now())

    def saved(win: wins.Win | None) -> None:
        if win is not None:
            title = "Win logged" if existing is None else "Win updated"
            app.notify(f"Saved: {win.text}", title=title, markup=False)

    app.push_screen(WinForm(save, existing), saved)

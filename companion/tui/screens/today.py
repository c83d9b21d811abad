"""Today, the landing screen: where the search stands and one kind line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from companion import encouragement, wins
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet


class TodayScreen(DataScreen):
    TITLE = "Today"
    CSS_PATH = stylesheet("today")
    # No focusable widget here: the global one-letter keys work from the first frame.
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today", can_focus=False):
            yield Static(id="today-greeting", markup=False)
            yield Static(id="today-line", classes="encouragement", markup=False)
            yield Static("Wins", classes="section-title")
            yield Static(id="today-wins-summary", markup=False)
            yield Static(id="today-latest-wins", classes="latest", markup=False)
            yield Static("w logs a win · l opens the wins log · ? lists every key", classes="hint")
        yield Footer()

    def refresh_data(self) -> None:
        now = self.context.now()
        all_wins = wins.all_wins(self.context.store)
        self.query_one("#today-greeting", Static).update(
            f"{encouragement.greeting(now)}. It's {now:%A} {now.day} {now:%B %Y}."
        )
        self.query_one("#today-line", Static).update(encouragement.line_for(now.date()))
        self.query_one("#today-wins-summary", Static).update(wins.week_summary(all_wins, now.date()).line())
        latest = all_wins[:3]
        self.query_one("#today-latest-wins", Static).update(
            "\n".join(f"• {win.text}" for win in latest) if latest else "No wins logged yet: press w for the first one."
        )

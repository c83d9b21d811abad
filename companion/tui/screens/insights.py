"""Insights: effort first, then the funnel, sources, time in stage, where applications stopped and patterns;
`v` shows the week in review. Pushed from the Pipeline (or the palette), imported only when opened.

The bars are text (companion.charts), so they need no colour; `c` says every chart as sentences
instead, which is also how it starts with reduced motion on (screen readers read sentences well).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, Header, Markdown, Static

from companion import insights, review
from companion.store import StoreError
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.key_bar import KeyBar

FIGURES, REVIEW = "insights-figures", "insights-review"


class InsightsScreen(DataScreen):
    TITLE = "Insights"
    CSS_PATH = stylesheet("insights")
    BINDINGS = [
        Binding("v", "review", "Week in review", id="insights.review"),
        Binding("j", "journal", "Journal", id="insights.journal"),
        Binding("c", "charts", "Charts / sentences", id="insights.charts"),
        Binding("escape", "close", "Back", id="insights.close"),
    ]

    def __init__(self, *, show_review: bool = False) -> None:
        super().__init__()
        self._show_review = show_review
        self._drawn: bool | None = None  # None: follow the reduced-motion setting

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial=REVIEW if self._show_review else FIGURES, id="insights-views"):
            with VerticalScroll(id=FIGURES):
                yield Static(id="insights-text", markup=False)
            with VerticalScroll(id=REVIEW):
                yield Markdown(id="insights-review-page")
        yield KeyBar()

    def on_mount(self) -> None:
        if self._show_review:
            self._mark_seen()
        self._focus_view()

    @property
    def drawn(self) -> bool:
        return not self.context.config.reduced_motion if self._drawn is None else self._drawn

    def refresh_data(self) -> None:
        now = self.context.now()
        goal = self.context.config.weekly_goal
        found = insights.gather(self.context.store, today=now.date(), goal=goal)
        hint = self.companion.with_keys(
            "{key:insights.review} the week in review · {key:insights.journal} your journal · "
            "{key:insights.charts} charts or sentences"
        )
        lines = [*insights.text_lines(found, drawn=self.drawn), "", hint]
        self.query_one("#insights-text", Static).update("\n".join(lines))
        page = review.week_review(self.context.store, review.default_week(now.date()), now=now, goal=goal)
        self.query_one("#insights-review-page", Markdown).update(page)

    def _focus_view(self) -> None:
        self.set_focus(self.query_one(f"#{self.query_one(ContentSwitcher).current}", VerticalScroll))

    def _mark_seen(self) -> None:
        """Opening the review answers Today's Monday suggestion for this week (one write, that day only)."""
        try:
            if review.suggest_review(self.context.store, self.context.now().date()):
                review.mark_review_seen(self.context.store, self.context.now())
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def action_review(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = FIGURES if switcher.current == REVIEW else REVIEW
        if switcher.current == REVIEW:
            self._mark_seen()
        self._focus_view()

    def action_charts(self) -> None:
        self._drawn = not self.drawn
        self.reload()
        self.notify("Charts as bars." if self.drawn else "Charts as sentences.", markup=False)

    def action_journal(self) -> None:
        from companion.tui.screens.journal import JournalScreen

        self.app.push_screen(JournalScreen())

    def action_close(self) -> None:
        self.dismiss()

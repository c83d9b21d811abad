"""Today, the landing screen: where the search stands, one kind line and one next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from companion import breath_log, encouragement, pipeline, today
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet

REFRESH_SECONDS = 30.0
COLUMNS = (
    (("pipeline", "Pipeline · p"), ("wins", "Wins · l, w adds")),
    (("card", "Card of the day · r"), ("calm", "Calm · b"), ("effort", "Effort, the part you control · p then s")),
)


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
            yield Static(id="today-next", classes="next-step", markup=False)
            with Horizontal(id="today-columns"):
                for sections in COLUMNS:
                    with Vertical(classes="today-column"):
                        for name, title in sections:
                            yield Static(title, classes=f"section-title section-{name}", markup=False)
                            yield Static(id=f"today-{name}", classes=f"today-section section-{name}", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.reload)  # "next break 14:25" moves with the clock

    def on_resize(self) -> None:
        self.query_one("#today").set_class(self.size.width < 100, "narrow")

    def refresh_data(self) -> None:
        now = self.context.now()
        state = today.gather(self.context.store, self.context.config, now)
        step = today.next_step(state)
        self.query_one("#today-greeting", Static).update(
            f"{encouragement.greeting(now)}. It's {now:%A} {now.day} {now:%B %Y}."
        )
        self.query_one("#today-line", Static).update(encouragement.line_for(state.today))
        self.query_one("#today-next", Static).update(f"Next step ({step.key}): {step.text}")
        self.query_one("#today-pipeline", Static).update(self._pipeline_text(state))
        self.query_one("#today-card", Static).update(f"{state.card.thought}\n→ {state.card.reframe}")
        latest = "\n".join(f"• {win.text}" for win in state.latest_wins) or "Press w to log the first one."
        self.query_one("#today-wins", Static).update(f"{state.week.line(streaks=self.context.config.streaks)}\n{latest}")
        effort = pipeline.stats(state.applications, state.today).lines()[1:4]
        self.query_one("#today-effort", Static).update("\n".join(line.strip() for line in effort))
        self.query_one("#today-calm", Static).update(
            f"{breath_log.week_line(state.breathing_minutes)}\n{self.companion.breaks.status_line()}."
        )

    def _pipeline_text(self, state: today.TodayState) -> str:
        lines = [state.breadth.line()]
        lines += [f"• {app.title}: {pipeline.describe_follow_up(app, state.today)}" for app in state.follow_ups[:3]]
        if len(state.follow_ups) > 3:
            lines.append(f"  and {len(state.follow_ups) - 3} more follow-ups on the Pipeline")
        if state.no_response:
            lines.append(pipeline.no_response_line(state.no_response, self.context.config.no_response_days))
        return "\n".join(lines)

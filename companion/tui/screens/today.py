"""Today, the landing screen: where the search stands, one kind line and one next step."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from companion import breath_log, encouragement, interviews, people, pipeline, today
from companion.store import StoreError
from companion.tui.screens.base import DataScreen
from companion.tui.widgets.key_bar import KeyBar

REFRESH_SECONDS = 30.0
COLUMNS = (
    (("pipeline", "Pipeline · {key:pipeline}"), ("wins", "Wins · {key:wins}, {key:quick_win} adds")),
    (
        ("card", "Card of the day · {key:reframe}"),
        ("calm", "Calm · {key:breathe}"),
        ("effort", "Effort, the part you control · {key:pipeline} then {key:pipeline.stats}"),
    ),
)


class TodayScreen(DataScreen):
    _giving_back_unsaved = False  # a refused write of 'giving back was shown' is reported once
    TITLE = "Today"  # its styles load with the app's (see CompanionApp.CSS_PATH)
    # No focusable widget here: the global one-letter keys work from the first frame.
    AUTO_FOCUS = None
    # Nothing takes focus, so the screen's own keys scroll Today when it is taller than the terminal.
    BINDINGS = [
        Binding("down", "scroll_today('down')", "Scroll down", show=False, id="today.scroll_down"),
        Binding("up", "scroll_today('up')", "Scroll up", show=False, id="today.scroll_up"),
        Binding("pagedown", "scroll_today('page_down')", "Page down", show=False, id="today.page_down"),
        Binding("pageup", "scroll_today('page_up')", "Page up", show=False, id="today.page_up"),
        Binding("end", "scroll_today('end')", "To the end", show=False, id="today.scroll_end"),
        Binding("home", "scroll_today('home')", "To the top", show=False, id="today.scroll_home"),
    ]

    def compose(self) -> ComposeResult:
        # Composed with its text, so the first frame is complete: filling the widgets on mount
        # would show an empty frame first and lay everything out twice.
        texts = self.read_fresh(self._texts) or {}  # DataScreen.on_mount need not read again
        yield Header()
        with VerticalScroll(id="today", can_focus=False):
            yield Static(texts.get("today-greeting", ""), id="today-greeting", markup=False)
            yield Static(texts.get("today-line", ""), id="today-line", classes="encouragement", markup=False)
            yield Static(texts.get("today-next", ""), id="today-next", classes="next-step", markup=False)
            with Horizontal(id="today-columns"):
                for sections in COLUMNS:
                    with Vertical(classes="today-column"):
                        for name, title in sections:
                            yield Static(
                                self.companion.with_keys(title),
                                id=f"today-{name}-title",
                                classes=f"section-title section-{name}",
                                markup=False,
                            )
                            if name == "wins":  # the week's count wraps; each latest win keeps to one line
                                yield Static(texts.get("today-week", ""), id="today-week", markup=False)
                            yield Static(
                                texts.get(f"today-{name}", ""),
                                id=f"today-{name}",
                                classes=f"today-section section-{name}",
                                markup=False,
                            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.reload)  # "next break 14:25" moves with the clock

    def action_scroll_today(self, where: str) -> None:
        """Scroll Today by `where` (down, up, page_down, page_up, end, home), at once: no animation."""
        scroll = self.query_one("#today", VerticalScroll)
        getattr(scroll, f"scroll_{where}")(animate=False)

    def on_resize(self) -> None:
        self.query_one("#today").set_class(self.size.width < 100, "narrow")

    def refresh_data(self) -> None:
        for widget_id, text in self._texts().items():
            self.query_one(f"#{widget_id}", Static).update(text)

    def _texts(self) -> dict[str, str]:
        """Every data-dependent text of the screen, by widget id."""
        now = self.context.now()
        state = today.gather(self.context.store, self.context.config, now)
        step = today.next_step(state)
        calm = None if state.rejections_today else interviews.calm_minute_text(self.context.store, now)
        if calm:  # the day of an interview: a calm minute before it
            step = today.NextStep("breathe", calm)
        words = self.companion.with_keys  # only for the app's words: a win's text is shown as typed
        latest = "\n".join(f"• {win.text}" for win in state.latest_wins) or words(
            "Press {key:quick_win} to log the first one."
        )
        effort = pipeline.weekly_effort(state.applications, state.today).lines()[1:]
        return {
            "today-greeting": f"{encouragement.greeting(now)}. It's {now:%A} {now.day} {now:%B %Y}.",
            "today-line": encouragement.line_for(state.today),
            "today-next": words(f"Next step ({{key:{step.action}}}): {step.text}") + self._giving_back_text(state),
            "today-pipeline": self._pipeline_text(state),
            "today-card": f"{state.card.thought}\n→ {state.card.reframe}",
            "today-week": state.week.line(streaks=self.context.config.streaks),
            "today-wins": latest,
            "today-effort": "\n".join(line.strip() for line in effort),
            "today-calm": f"{breath_log.week_line(state.breathing_minutes)}\n{self.companion.breaks.status_line()}.",
            **{f"today-{name}-title": words(title) for sections in COLUMNS for name, title in sections},
        }

    def _pipeline_text(self, state: today.TodayState) -> str:
        by_id = {app.id: app for app in state.applications}
        now = self.context.now()
        lines = interviews.today_lines(self.context.store, now, by_id, self.companion.with_keys)
        lines.append(state.breadth.line())
        lines += [f"• {app.title}: {pipeline.describe_follow_up(app, state.today)}" for app in state.follow_ups[:3]]
        if len(state.follow_ups) > 3:
            lines.append(f"  and {len(state.follow_ups) - 3} more follow-ups on the Pipeline")
        lines += [f"• {p.title}: {people.describe_follow_up(p, state.today)}" for p in state.people_follow_ups[:3]]
        if len(state.people_follow_ups) > 3:
            lines.append(f"  and {len(state.people_follow_ups) - 3} more people to get in touch with on People")
        if state.no_response:
            lines.append(pipeline.no_response_line(state.no_response, self.context.config.no_response_days))
        return "\n".join(lines)

    def _giving_back_text(self, state: today.TodayState) -> str:
        """After an accepted offer, once: thanks and giving back; the day it first shows is remembered."""
        suggestion = state.giving_back
        if suggestion is None:
            return ""
        if not suggestion.first_shown:
            self.call_after_refresh(self._remember_giving_back, suggestion, state.today)
        return "\n\n" + suggestion.line()

    def _remember_giving_back(self, suggestion: people.GivingBack, day: date) -> None:
        try:
            people.mark_giving_back_shown(self.context.store, suggestion, day, now=self.context.now())
        except StoreError as exc:  # it shows again on the next refresh; say why once
            if not self._giving_back_unsaved:
                self._giving_back_unsaved = True
                self.notify(str(exc), title="Could not remember a suggestion", severity="warning", markup=False)

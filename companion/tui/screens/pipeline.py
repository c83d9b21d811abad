"""The Pipeline: every application on a board, a column per stage and one for closed ones.

Keys follow DESIGN §5: a add · enter open/edit · ] / [ move · x rejected (opens the debrief) ·
g no response · f follow-up · / filter; plus s for the stats and d to delete.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ContentSwitcher, Header, Input, Static

from companion import event_wins, interviews, people, pipeline
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.application_follow_up import FollowUpForm
from companion.tui.modals.application_form import ApplicationForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.debrief import DebriefModal
from companion.tui.modals.interview_form import InterviewForm, ThankYouNote
from companion.tui.screens.base import DataScreen
from companion.tui.screens.pipeline_saves import DebriefSaves, save_application, save_follow_up, save_interview
from companion.tui.styles import stylesheet
from companion.tui.undo import delete_with_undo
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.pipeline_column import COLUMNS, StageColumn, column_of
from companion.tui.widgets.safe_input import SafeInput
from companion.tui.win_offer import offer

DUE_NAMED = 3  # follow-ups named above the board; the cards show the rest


class PipelineScreen(DataScreen):
    TITLE = "Pipeline"
    CSS_PATH = stylesheet("pipeline")
    BINDINGS = [
        Binding("a", "add", "Add", id="pipeline.add"),
        Binding("enter", "open", "Open", id="pipeline.open"),
        Binding("right_square_bracket", "forward", "Next stage", key_display="]", id="pipeline.next"),
        Binding("left_square_bracket", "back", "Back a stage", key_display="[", id="pipeline.previous"),
        Binding("x", "reject", "Rejected", id="pipeline.rejected"),
        Binding("g", "no_response", "No response", id="pipeline.no_response"),
        Binding("f", "follow_up", "Follow-up", id="pipeline.follow_up"),
        Binding("i", "interview", "Interview", id="pipeline.interview"),
        Binding("I", "change_interview", "Change interview", show=False, id="pipeline.interview_edit"),
        Binding("n", "thank_you", "Thank-you note", show=False, id="pipeline.thank_you"),
        Binding("slash", "filter", "Filter", key_display="/", id="pipeline.filter"),
        Binding("s", "stats", "Stats", id="pipeline.stats"),
        Binding("o", "insights", "Insights", id="pipeline.insights"),
        Binding("d", "delete", "Delete", show=False, id="pipeline.delete"),
        Binding("left", "column(-1)", "Column left", show=False, id="pipeline.column_left"),
        Binding("right", "column(1)", "Column right", show=False, id="pipeline.column_right"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="pipeline.clear_filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._applications: list[pipeline.Application] = []
        self._column = "applied"
        self._selected: str | None = None
        self._shown_count = 0  # cards on the board with the filter as it is
        self._interviews: dict[str, interviews.Interview] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pipeline-breadth", markup=False)
        yield Static(id="pipeline-due", markup=False)
        yield Static(id="pipeline-quiet", markup=False)
        yield SafeInput(
            placeholder=self.companion.with_keys(
                "filter: words in company, role, notes; Enter keeps it, {key:pipeline.clear_filter} clears"
            ),
            id="pipeline-filter",
        )
        with ContentSwitcher(initial="pipeline-board", id="pipeline-views"):
            with Horizontal(id="pipeline-board"):
                for key in COLUMNS:
                    yield StageColumn(key)
            with VerticalScroll(id="pipeline-stats"):
                yield Static(id="pipeline-stats-text", markup=False)
        yield Static(id="pipeline-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#pipeline-filter", Input).display = False
        super().on_mount()
        filled = [app for app in self._applications if column_of(app) == self._column]
        if not filled and self._applications:
            self._column = min((column_of(app) for app in self._applications), key=COLUMNS.index)
        self._focus_column(self._column)

    # -- data ------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.context.now().date()

    def refresh_data(self) -> None:
        config = self.context.config
        self._applications = pipeline.all_applications(self.context.store)
        self._interviews = interviews.next_by_application(self.context.store, self.context.now())
        self.query_one("#pipeline-breadth", Static).update(
            pipeline.breadth(self._applications, config.breadth_target).line()
        )
        due = [
            f"{app.company} ({pipeline.describe_follow_up(app, self.today).removeprefix('follow up ')})"
            for app in pipeline.follow_ups_due(self._applications, self.today)
        ]
        more = f" and {len(due) - DUE_NAMED} more" if len(due) > DUE_NAMED else ""  # the board keeps its room
        self._show_line("#pipeline-due", f"Follow-ups due: {', '.join(due[:DUE_NAMED])}{more}" if due else "")
        quiet = pipeline.no_response_suggestions(self._applications, self.today, config.no_response_days)
        self._show_line("#pipeline-quiet", pipeline.no_response_line(quiet, config.no_response_days))
        if self.query_one(ContentSwitcher).current == "pipeline-stats":
            self._fill_stats()
        self._fill_board()

    def _fill_stats(self) -> None:
        """Worked out when the stats are shown, not on every change to the board."""
        self.query_one("#pipeline-stats-text", Static).update(
            "\n".join(pipeline.stats(self._applications, self.today).lines())
            + self.companion.with_keys("\n\n{key:pipeline.stats} goes back to the board.")
        )

    def _show_line(self, selector: str, text: str) -> None:
        line = self.query_one(selector, Static)
        line.update(text)
        line.display = bool(text)

    def _fill_board(self) -> None:
        query = self.query_one("#pipeline-filter", Input).value
        shown = [app for app in self._applications if not query or pipeline.matches_filter(app, query)]
        self._shown_count = len(shown)
        due = {app.id for app in pipeline.follow_ups_due(shown, self.today)}
        for column in self.query(StageColumn):
            cards = [app for app in shown if column_of(app) == column.key]
            # What needs attention first; closed ones newest first; otherwise the longest waiting first.
            cards.sort(key=lambda app: (app.id not in due, app.created_at))
            if column.key == "closed":
                cards.sort(key=lambda app: app.updated_at, reverse=True)
            column.show(cards, self.today, self._selected, extra=self._interview_lines())
        self._show_detail()

    def _show_detail(self) -> None:
        app = self.selected()
        detail = self.query_one("#pipeline-detail", Static)
        if app is None:
            detail.update(
                self.companion.with_keys("No applications yet: press {key:pipeline.add} to add the first one.")
                if not self._applications
                else "Nothing matches that filter."
                if not self._shown_count
                else self.companion.with_keys(
                    "Nothing selected here: {key:pipeline.column_left} {key:pipeline.column_right} choose a column."
                )
            )
            return
        parts = [app.title, pipeline.stage_label(app.stage)]
        if app.sent_on:
            parts.append(f"sent {app.sent_on}")
        follow_up = pipeline.describe_follow_up(app, self.today)
        if follow_up:
            parts.append(follow_up)
        if app.id in self._interviews:
            parts.append(interviews.card_line(self._interviews[app.id]))
        linked = people.application_people_line(self.context.store, app.id)  # the referrer, the recruiter, ...
        if linked:
            parts.append(linked)
        if app.next_action:
            parts.append(f"next: {app.next_action}")
        if app.location:
            parts.append(app.location)
        if app.feedback.received_on:
            parts.append("feedback received")
        elif app.feedback.requested_on:
            parts.append(f"feedback asked {app.feedback.requested_on}")
        if app.stage == "rejected":
            written = pipeline.debriefs_for(self.context.store, app.id)
            debrief = "debrief written" if written else "{key:pipeline.rejected}: a short debrief, when you're ready"
            parts.append(self.companion.with_keys(debrief))
        detail.update(" · ".join(parts))

    # -- selection -------------------------------------------------------------------------

    def _column_widget(self, key: str) -> StageColumn:
        return self.query_one(f"#column-{key}", StageColumn)

    def _focus_column(self, key: str) -> None:
        self._column = key
        self.set_focus(self._column_widget(key))

    def selected(self) -> pipeline.Application | None:
        """The highlighted card of the current column (None on the stats view or an empty column)."""
        if self.query_one(ContentSwitcher).current != "pipeline-board":
            return None
        chosen = self._column_widget(self._column).selected_id()
        return next((app for app in self._applications if app.id == chosen), None)

    def _select(self, application: pipeline.Application) -> None:
        """Follow an application wherever it went, so the next key acts on it again."""
        self._selected = application.id
        self._focus_column(column_of(application))

    @on(StageColumn.Highlighted)
    def highlighted(self, event: StageColumn.Highlighted) -> None:
        if event.column.has_focus:
            self._selected = event.column.selected_id()
            self._show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        column = event.widget
        if isinstance(column, StageColumn):
            self._column = column.key
            if column.highlighted is None and column.option_count:
                column.highlighted = 0
            self._selected = column.selected_id()
            self._show_detail()

    def action_column(self, step: int) -> None:
        index = COLUMNS.index(self._column)
        self._focus_column(COLUMNS[max(0, min(len(COLUMNS) - 1, index + step))])

    def _need_selection(self) -> pipeline.Application | None:
        app = self.selected()
        if app is None:
            self.notify("Choose an application on the board first (← → and ↑ ↓).", markup=False)
        return app

    # -- actions ---------------------------------------------------------------------------

    def action_add(self) -> None:
        self.app.push_screen(ApplicationForm(save_application(self.companion, None)), self._after_form)

    def action_open(self) -> None:
        app = self._need_selection()
        if app is not None:
            form = ApplicationForm(save_application(self.companion, app), app)
            self.app.push_screen(form, lambda saved: self._after_form(saved, before=app))

    @on(StageColumn.Selected)
    def card_chosen(self) -> None:
        self.action_open()

    def _after_form(self, saved: pipeline.Application | None, before: pipeline.Application | None = None) -> None:
        if saved is None:
            return
        self._select(saved)
        if before is not None:
            offer(self.companion, event_wins.between(before, saved))
        if before is not None and before.stage != "rejected" and saved.stage == "rejected":
            self.app.push_screen(DebriefModal(saved, DebriefSaves(self.companion, saved)))

    def _move(self, app: pipeline.Application, stage: str) -> pipeline.Move | None:
        try:
            result = pipeline.move(self.context.store, app.id, stage, now=self.context.now())
        except (InputError, StoreError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        self._select(result.application)
        offer(self.companion, event_wins.between(app, result.application))
        return result

    def action_forward(self) -> None:
        app = self._need_selection()
        if app is None:
            return
        stage = pipeline.next_stage(app)
        if stage is None:
            closed = self.companion.with_keys("This one is closed; {key:pipeline.previous} reopens it.")
            self.notify(closed, markup=False)
            return
        if self._move(app, stage):
            cheer = " Congratulations!" if stage in ("offer", "accepted") else ""
            self.notify(f"{app.company}: {pipeline.stage_label(stage)}.{cheer}", markup=False)

    def action_back(self) -> None:
        app = self._need_selection()
        if app is None:
            return
        stage = pipeline.previous_stage(app)
        if stage is None:
            self.notify("Already at the first stage.", markup=False)
            return
        result = self._move(app, stage)
        if result is not None:
            verb = "Reopened" if result.reopened else "Moved back"
            self.notify(f"{verb}: {app.company} is in {pipeline.stage_label(stage)}.", markup=False)

    def action_reject(self) -> None:
        app = self._need_selection()
        if app is None:
            return
        if app.stage != "rejected":
            result = self._move(app, "rejected")
            if result is None:
                return
            app = result.application
        self.app.push_screen(DebriefModal(app, DebriefSaves(self.companion, app)), lambda _: self._after_debrief(app))

    def action_no_response(self) -> None:
        app = self._need_selection()
        if app is None or app.stage == "no_response":
            return
        if self._move(app, "no_response"):
            self.notify(
                f"{app.company}: marked as no response. "  # the company as typed: only companion's words take keys
                + self.companion.with_keys("Their silence isn't a verdict on you; {key:pipeline.previous} reopens it."),
                markup=False,
            )

    def action_follow_up(self) -> None:
        app = self._need_selection()
        if app is not None:
            form = FollowUpForm(save_follow_up(self.companion, app), app)
            self.app.push_screen(form, lambda saved: self._after_form(saved, before=app))

    def action_filter(self) -> None:
        self.query_one(ContentSwitcher).current = "pipeline-board"
        search = self.query_one("#pipeline-filter", Input)
        search.display = True
        self.set_focus(search)

    @on(Input.Changed, "#pipeline-filter")
    def filter_changed(self) -> None:
        self._fill_board()

    @on(Input.Submitted, "#pipeline-filter")
    def filter_done(self) -> None:
        self._focus_column(self._column)

    def action_clear_filter(self) -> None:
        search = self.query_one("#pipeline-filter", Input)
        if search.value:
            search.value = ""
        search.display = False
        self._focus_column(self._column)

    def action_stats(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        showing_board = switcher.current == "pipeline-board"
        switcher.current = "pipeline-stats" if showing_board else "pipeline-board"
        if showing_board:
            self._fill_stats()
            self.set_focus(self.query_one("#pipeline-stats", VerticalScroll))
        else:
            self._focus_column(self._column)

    def action_insights(self) -> None:
        """The Insights screen (its module loads on first use, not with the board)."""
        from companion.tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())

    def action_delete(self) -> None:
        app = self._need_selection()
        if app is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                delete = partial(pipeline.delete_application, self.context.store, app.id)
                delete_with_undo(self.companion, pipeline.TABLE, app.id, app.title, delete)

        self.app.push_screen(Confirm("Delete this application?", app.title), answered)

    # -- interviews ------------------------------------------------------------------------

    def _interview_lines(self) -> dict[str, str]:
        return {app_id: interviews.card_line(interview) for app_id, interview in self._interviews.items()}

    def action_interview(self) -> None:
        app = self._need_selection()
        if app is not None:
            form = InterviewForm(save_interview(self.companion, app, None), app)
            self.app.push_screen(form, lambda added: self._interview_added(app, added))

    def action_change_interview(self) -> None:
        app = self._need_selection()
        if app is None:
            return
        upcoming = self._interviews.get(app.id)
        if upcoming is None:
            self.notify(
                self.companion.with_keys("No interview planned here: {key:pipeline.interview} adds one."), markup=False
            )
            return
        self.app.push_screen(InterviewForm(save_interview(self.companion, app, upcoming), app, upcoming))

    def _interview_added(self, app: pipeline.Application, added: interviews.Added | None) -> None:
        """A new interview: follow the application's move, and offer what it achieved as wins."""
        if added is None:
            return
        if added.move is not None:
            self._select(added.move.application)
        done = [event_wins.interview_win(app)] if added.interview.ends_at <= self.context.now() else []
        offer(self.companion, [*(event_wins.between(app, added.move.application) if added.move else []), *done])

    def action_thank_you(self) -> None:
        app = self._need_selection()
        if app is None:
            return
        now = self.context.now()
        done = [i for i in interviews.for_application(self.context.store, app.id) if i.starts_at <= now]
        if not done:
            self.notify("A thank-you note is for after an interview; none has happened here yet.", markup=False)
            return
        self.app.push_screen(ThankYouNote(app, done[-1], self.context.config.your_name))

    def _after_debrief(self, before: pipeline.Application) -> None:
        """A feedback request sent from the debrief is a win too (as the setting says)."""
        found = self.context.store.get(pipeline.TABLE, before.id)
        if found is not None:
            offer(self.companion, event_wins.between(before, pipeline.Application.from_record(found)))

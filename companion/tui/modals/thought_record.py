"""A thought record, one question at a time: from the harsh first thought to a more balanced one.

Steps: what happened, the automatic thought, the feeling and how strong it is (0-100), the
thinking traps (with their explanations), evidence for, evidence against (recent wins offered),
a balanced thought (suggested from the best matching card, editable) and how strong the feeling
is after. Every step can be skipped except the thought itself and the "before" number, which the
relief trend needs. The opener's `save` stores the finished record (card_store.save_thought_record);
a refused write keeps every answer on screen (companion.tui.modals.saving).

Other screens can start it about an application:
`app.push_screen(ThoughtRecordFlow.for_application(save, company, role, application_id))`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    Input,
    Label,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from companion import card_store, reframe, wins
from companion.reframe import ReframeError, ThoughtRecord
from companion.textsafe import clean_line
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.saving import Refused, Save, SavingScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

RECENT_WIN_DAYS = 14
MAX_WINS_OFFERED = 8

# (step id, short title, the widget that takes focus when the step opens)
STEPS: tuple[tuple[str, str, str], ...] = (
    ("situation", "What happened", "thought-situation"),
    ("thought", "The thought", "thought-text"),
    ("feeling", "The feeling", "thought-mood"),
    ("traps", "Thinking traps", "thought-traps"),
    ("evidence-for", "Evidence for", "thought-evidence-for"),
    ("evidence-against", "Evidence against", "thought-evidence-against"),
    ("balanced", "A balanced thought", "thought-balanced"),
    ("after", "The feeling now", "thought-after"),
)
REQUIRED_STEPS = {"thought", "feeling"}


class ThoughtRecordFlow(SavingScreen[ThoughtRecord | None]):
    """Dismisses with the saved record, or None when the person leaves without saving."""

    CSS_PATH = stylesheet("reframe")
    BINDINGS = [
        Binding("escape", "leave", "Leave", id="reframe.thought.leave"),
        Binding("ctrl+n", "next", "Next step", id="reframe.thought.next"),
        Binding("ctrl+s", "save", "Save now", id="reframe.thought.save"),
    ]

    def __init__(
        self, save: Save[ThoughtRecord, ThoughtRecord], situation: str = "", application_id: str | None = None
    ) -> None:
        super().__init__()
        self._save = save
        self.situation, self.application_id = situation, application_id
        self._step = 0
        self._traps_guessed_for: str | None = None
        self._suggested_balance = ""
        self._offered_wins: dict[str, str] = {}

    @classmethod
    def for_application(
        cls, save: Save[ThoughtRecord, ThoughtRecord], company: str, role: str, application_id: str
    ) -> ThoughtRecordFlow:
        """A thought record about hearing back from an application, its situation filled in."""
        return cls(save, card_store.situation_for_application(company, role), application_id)

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="thought-flow", classes="dialog"):
            yield Static(id="thought-progress", classes="dialog-title", markup=False)
            with ContentSwitcher(initial="step-situation", id="thought-steps"):
                yield from self._steps()
            yield Static("", id="thought-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Back", id="thought-back", compact=True)
                yield Button("Skip", id="thought-skip", compact=True)
                yield Button("Next", id="thought-next", variant="primary", compact=True)
            yield Static("", id="thought-hint", classes="dialog-hint", markup=False)

    def _steps(self) -> ComposeResult:
        with _Step("situation"):
            yield _question("What happened? A sentence is enough.")
            yield TextArea(self.situation, id="thought-situation", classes="thought-box")
        with _Step("thought"):
            yield _question("What went through your mind? Write the thought the way it showed up.")
            yield SafeInput(placeholder="e.g. I'll never get hired", id="thought-text")
        with _Step("feeling"):
            yield _question("How does it feel, and how strong is it right now, from 0 to 100?")
            with Horizontal(classes="thought-field"):
                yield Label("Feeling", classes="thought-field-label")
                yield SafeInput(placeholder="one word, e.g. anxious", compact=True, id="thought-mood")
            with Horizontal(classes="thought-field"):
                yield Label("Strength", classes="thought-field-label")
                yield SafeInput(placeholder="0 to 100", compact=True, id="thought-before")
            yield Static(
                "The number is the one thing needed here: it lets you see the relief later. A rough guess is fine.",
                classes="thought-note",
            )
        with _Step("traps"):
            yield _question("Which thinking traps might be at work? Space ticks one; likely ones are ticked.")
            with Horizontal(id="thought-traps-row"):
                yield _Choices(
                    *(Selection(Content(d.name), d.id) for d in reframe.load_distortions()), id="thought-traps"
                )
                yield Static("", id="thought-trap-explanation", markup=False)
        with _Step("evidence-for"):
            yield _question("What supports the thought? Facts you could show someone, not feelings.")
            yield TextArea(id="thought-evidence-for", classes="thought-box")
        with _Step("evidence-against"):
            yield _question("What doesn't fit the thought? Anything that went well counts.")
            yield TextArea(id="thought-evidence-against", classes="thought-box")
            yield Static("", id="thought-wins-label", classes="thought-note", markup=False)
            yield _Choices(id="thought-wins")
        with _Step("balanced"):
            yield _question("A more balanced thought. Here is a start from a matching card: make it yours.")
            yield TextArea(id="thought-balanced", classes="thought-box")
        with _Step("after"):
            yield Static("", id="thought-after-question", classes="thought-question", markup=False)
            yield SafeInput(placeholder="0 to 100", id="thought-after")

    def on_mount(self) -> None:
        self._offer_recent_wins()
        self._show_step(0)

    def _offer_recent_wins(self) -> None:
        today = self.companion.context.now().date()
        recent = wins.wins_since(self.companion.context.store, today - timedelta(days=RECENT_WIN_DAYS))
        offered = recent[:MAX_WINS_OFFERED]
        listing = self.query_one("#thought-wins", SelectionList)
        listing.add_options([Selection(Content(win.text), win.id) for win in offered])
        self._offered_wins = {win.id: win.text for win in offered}
        if offered:
            listing.highlighted = 0  # options added after mount start with none highlighted
        listing.display = bool(offered)
        self.query_one("#thought-wins-label", Static).update(
            "Your recent wins: tick any that speak against the thought (they are added when you save)."
            if offered
            else ""
        )

    # -- moving between steps --------------------------------------------------------------

    def _value(self, widget_id: str) -> str:
        widget = self.query_one(f"#{widget_id}")
        return widget.text if isinstance(widget, TextArea) else cast(Input, widget).value

    def _show_step(self, index: int) -> None:
        self._step = index
        step_id, title, focus_id = STEPS[index]
        self._prepare(step_id)
        self.query_one(ContentSwitcher).current = f"step-{step_id}"
        progress = self.query_one("#thought-progress", Static)
        # After the refresh that lays the new step out: the line never names a step still hidden.
        self.call_after_refresh(progress.update, f"A thought record · step {index + 1} of {len(STEPS)} · {title}")
        self.query_one("#thought-error", Static).update("")
        self.query_one("#thought-back", Button).disabled = index == 0
        self.query_one("#thought-skip", Button).disabled = step_id in REQUIRED_STEPS
        self.query_one("#thought-next", Button).label = "Save" if index == len(STEPS) - 1 else "Next"
        self.query_one(f"#{focus_id}").focus()

    def _prepare(self, step_id: str) -> None:
        """Fill a step from what came before: guessed traps, a suggested balanced thought."""
        thought = self._value("thought-text")
        if step_id == "traps" and thought != self._traps_guessed_for:
            self._traps_guessed_for = thought
            traps = self.query_one("#thought-traps", SelectionList)
            traps.deselect_all()
            for trap in reframe.guess_distortions(thought):
                traps.select(trap)
            self._explain_trap(traps.highlighted or 0)
        elif step_id == "balanced":
            balanced = self.query_one("#thought-balanced", TextArea)
            if balanced.text in ("", self._suggested_balance):  # never overwrite the person's words
                self._suggested_balance = reframe.suggest_balanced_thought(
                    thought, card_store.all_cards(self.companion.context.store)
                )
                balanced.text = self._suggested_balance
        elif step_id == "after":
            before = self._value("thought-before").strip()
            self.query_one("#thought-after-question", Static).update(
                f"Read the balanced thought once more. How strong is the feeling now, from 0 to 100? "
                f"(Before, it was {before}.)"
            )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say what Enter does where the focus is: a box takes it as a new line, a button presses."""
        self.query_one("#thought-hint", Static).update(self._hint(event.widget))

    def _hint(self, focused: Widget) -> str:
        last = self._step == len(STEPS) - 1
        go = "save" if last else "next"
        if isinstance(focused, TextArea):
            keys = [f"{{key:reframe.thought.next}}: {go}", "Enter: new line"]
        elif isinstance(focused, SelectionList):
            keys = ["Space ticks", f"Enter or {{key:reframe.thought.next}}: {go}"]
        elif isinstance(focused, Button) and focused.id != "thought-next":
            keys = [f"Enter: {str(focused.label).lower()}", f"{{key:reframe.thought.next}}: {go}"]
        elif focused.id == "thought-mood":
            keys = ["Enter: to the strength", f"{{key:reframe.thought.next}}: {go}"]
        else:
            keys = [f"Enter or {{key:reframe.thought.next}}: {go}"]
        saving = [] if last else ["{key:reframe.thought.save}: save now"]
        return self.companion.with_keys(" · ".join([*keys, *saving, "{key:reframe.thought.leave}: leave"]))

    def _problems_at(self, step_id: str) -> list[str]:
        """What stops the person leaving a step: only the thought and the numbers can."""
        try:
            if step_id == "thought":
                return reframe.validate_thought_record(self._value("thought-text"), 0)
            if step_id == "feeling":
                before = reframe.parse_intensity(self._value("thought-before"), "before")
                return reframe.validate_thought_record(
                    self._value("thought-text"), before, mood=self._value("thought-mood")
                )
            if step_id == "after":
                reframe.parse_intensity(self._value("thought-after"), "after")
        except ReframeError as exc:
            return exc.messages
        return []

    def _show_problems(self, problems: list[str]) -> None:
        self.query_one("#thought-error", Static).update("\n".join(problems))

    def action_next(self) -> None:
        problems = self._problems_at(STEPS[self._step][0])
        if problems:
            self._show_problems(problems)
        elif self._step == len(STEPS) - 1:
            self.action_save()
        else:
            self._show_step(self._step + 1)

    def _skip(self) -> None:
        """Leave this step empty and go on."""
        step_id, _, focus_id = STEPS[self._step]
        if step_id in REQUIRED_STEPS:
            return
        widget = self.query_one(f"#{focus_id}")
        if isinstance(widget, TextArea):
            widget.text = ""
        elif isinstance(widget, Input):
            widget.value = ""
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
        self.action_next()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "thought-mood":
            self.query_one("#thought-before", Input).focus()
        else:
            self.action_next()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "thought-next":
            self.action_next()
        elif event.button.id == "thought-skip":
            self._skip()
        elif event.button.id == "thought-back" and self._step > 0:
            self._show_step(self._step - 1)

    @on(SelectionList.SelectionHighlighted, "#thought-traps")
    def trap_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._explain_trap(event.selection_index)

    def _explain_trap(self, index: int) -> None:
        distortion = reframe.load_distortions()[index]
        self.query_one("#thought-trap-explanation", Static).update(f"{distortion.name}: {distortion.explanation}")

    # -- saving and leaving ----------------------------------------------------------------

    def _evidence_against(self) -> str:
        chosen = self.query_one("#thought-wins", SelectionList).selected
        written = self._value("thought-evidence-against").strip()
        lines = [f"- {self._offered_wins[win_id]}" for win_id in chosen]
        return "\n".join([written, *lines] if written else lines)

    def action_save(self) -> None:
        """Save what is there now; the thought and the "before" number are all it needs."""
        for index, (step_id, _, _) in enumerate(STEPS):
            problems = self._problems_at(step_id)
            if problems:
                self._show_step(index)
                self._show_problems(problems)
                return
        saved = self.attempt(lambda: self._save(self._record()))
        if not isinstance(saved, Refused):
            self.dismiss(saved)

    def _record(self) -> ThoughtRecord:
        """The record as answered, cleaned and checked by the core (a ReframeError says what to fix)."""
        return reframe.make_thought_record(
            self._value("thought-text"),
            reframe.parse_intensity(self._value("thought-before"), "before"),
            reframe.parse_intensity(self._value("thought-after"), "after"),
            now=self.companion.context.now(),
            mood=self._value("thought-mood"),
            situation=self._value("thought-situation"),
            application_id=self.application_id,
            distortions=self.query_one("#thought-traps", SelectionList).selected,
            evidence_for=self._value("thought-evidence-for"),
            evidence_against=self._evidence_against(),
            balanced_thought=self._value("thought-balanced"),
        )

    def action_leave(self) -> None:
        if not clean_line(self._value("thought-text")):
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)
            elif isinstance(self.focused, Button):
                # Staying means writing on: a button left in focus would take the next Enter (on Skip, the step).
                self.query_one(f"#{STEPS[self._step][2]}").focus()

        self.app.push_screen(
            Confirm("Leave this thought record?", "Nothing you wrote here will be saved.", yes="Leave", no="Stay"),
            answered,
        )


def saved_message(record: ThoughtRecord) -> str:
    """What the opener says once a record is saved: relief named when there is some, kind either way."""
    if record.relief is None:
        return "Well done for writing it down."
    if record.relief > 0:
        return f"The feeling went from {record.intensity_before} to {record.intensity_after}. Well done."
    return "Some feelings take longer to ease; writing it down still counts."


class _Choices(SelectionList[str]):
    """A list to tick with Space; Enter goes on to the next step, as in the one-line fields."""

    BINDINGS = [Binding("enter", "screen.next", "Next step", show=False)]


class _Step(VerticalScroll, can_focus=False):
    """One question of the flow (an id like step-thought, for the switcher)."""

    def __init__(self, step_id: str) -> None:
        super().__init__(id=f"step-{step_id}", classes="thought-step")


def _question(text: str) -> Widget:
    return Static(text, classes="thought-question")

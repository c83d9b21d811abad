"""The rejection debrief: one calm flow that turns a "no" into something useful.

Five steps, each one skippable: how it feels (0–10); a short reflection saved as a Reflection
linked to the application; a feedback request with company and role filled in, copied to the
clipboard and shown for copying by hand; an optional reminder to look for a reply; a matched
reframing card. Escape stops at any step and keeps what was already confirmed.

The debrief writes nothing itself: its opener hands it `DebriefWrites` and each step's Enter asks
for one write (companion.tui.modals.saving); a refused one stays on the step, the typing kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Input, Label, Static

from companion import card_store, pipeline, reframe, signature
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.keep_typed import AsksBeforeDiscarding
from companion.tui.modals.saving import Refused, SavingScreen
from companion.tui.modals.your_name import YourNamePrompt
from companion.tui.styles import stylesheet
from companion.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

STEPS = ("debrief-feeling", "debrief-reflection", "debrief-request", "debrief-reminder", "debrief-card")
# One line each at 80 columns: the hint must never be pushed out of a small terminal.
HINTS = {
    "debrief-feeling": "Enter continues · empty skips · {key:debrief.stop} stops",
    "debrief-reflection": "Enter: next · empty is fine",
    "debrief-request": "Enter: I'll send it · {key:debrief.skip} skips · {key:debrief.copy} copies again",
    "debrief-reminder": "Enter saves · empty skips",
    "debrief-card": "Enter closes",
}
QUESTIONS = ("debrief-went-well", "debrief-to-improve", "debrief-grown")


def _hint(step: str, question: int | None = None) -> str:
    where = f" · question {question + 1} of {len(QUESTIONS)}" if question is not None else ""
    return f"Step {STEPS.index(step) + 1} of {len(STEPS)}{where} · {HINTS[step]}"


def matched_card(application: pipeline.Application, to_improve: str, cards: list[reframe.Card]) -> reframe.Card | None:
    """The reframing card that best answers this "no" (None when nothing fits)."""
    found = reframe.suggest_cards(f"I was rejected for the {application.role} role. {to_improve}", cards, limit=1)
    return found[0] if found else None


def card_content(card: reframe.Card | None, pointer: str) -> Content:
    """The card with plain-text user words; a pointer to the Reframe screen either way."""
    if card is None:
        parts: list[str | tuple[str, str]] = [reframe.FALLBACK_BALANCED_THOUGHT, "\n"]
    else:
        parts = [("A thought that often follows a no", "bold"), "\n", (f"“{card.thought}”", "italic"), "\n\n"]
        parts += [("Another way to see it", "bold"), "\n", card.reframe, "\n"]
        if card.action:
            parts += ["\n", ("One small step", "bold"), "\n", card.action, "\n"]
    parts += ["\n", (pointer, "dim")]
    return Content.assemble(*parts)


class DebriefWrites(Protocol):
    """The opener's writes for one application's debrief; each raises InputError or StoreError when refused."""

    def reflection(self, feeling: int | None, went_well: str, to_improve: str, grown: str) -> object | None:
        """Store the reflection; None when everything was skipped (nothing stored)."""

    def feedback_asked(self, remind_on: date | None) -> object:
        """Note the feedback request, with a day to look for a reply or none."""

    def name_given(self, name: str) -> None:
        """The person answered the name question (an empty name too): never asked again, the name kept.

        Keeps the answer for now when it cannot be written (and says so), so it never raises."""


class DebriefModal(AsksBeforeDiscarding, SavingScreen[None]):
    CSS_PATH = stylesheet("pipeline")
    BINDINGS = [
        Binding("escape", "stop", "Stop here", id="debrief.stop"),
        Binding("s", "skip_request", "Skip", show=False, id="debrief.skip"),
        Binding("c", "copy", "Copy again", show=False, id="debrief.copy"),
    ]

    def __init__(self, application: pipeline.Application, writes: DebriefWrites) -> None:
        super().__init__()
        self.application = application
        self.writes = writes
        self.message = ""  # written in compose, signed with the person's name
        self.feeling: int | None = None
        self.saved: list[str] = []

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    def compose(self) -> ComposeResult:
        self.message = pipeline.feedback_request_message(self.application, self.companion.context.config.your_name)
        with Vertical(id="debrief", classes="dialog"):
            yield Label(f"Debrief: {self.application.title}", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"), ContentSwitcher(initial=STEPS[0], id="debrief-steps"):
                with Vertical(id="debrief-feeling", classes="debrief-step"):
                    yield Static(
                        "A no is one step in a long search, not a verdict on you. "
                        "A few minutes here turns it into something useful. Every step can be skipped.",
                        classes="dialog-detail",
                    )
                    yield Label("How does it feel right now, from 0 (heavy) to 10 (fine)?", classes="field-label")
                    yield SafeInput(id="debrief-feeling-input", restrict=r"\d{0,2}", placeholder="0–10")
                with Vertical(id="debrief-reflection", classes="debrief-step"):
                    yield Label("What went well?", classes="field-label")
                    yield SafeInput(
                        id="debrief-went-well", placeholder="even small things: a good answer, being on time"
                    )
                    yield Label("What would you try differently next time?", classes="field-label")
                    yield SafeInput(id="debrief-to-improve", placeholder="one thing is plenty")
                    yield Label("How have you grown through this one?", classes="field-label")
                    yield SafeInput(id="debrief-grown", placeholder="what you know now that you didn't before")
                with Vertical(id="debrief-request", classes="debrief-step"):
                    yield Static(
                        "Asking for feedback turns a no into data. This message is on your clipboard; "
                        "if your terminal did not take it, select it below.",
                        classes="dialog-detail",
                    )
                    yield Static(self.message, id="debrief-message", markup=False)
                    with Horizontal(classes="dialog-buttons"):
                        yield Button("I'll send it (Enter)", id="debrief-asked", variant="primary")
                        yield Button(self.companion.with_keys("Skip ({key:debrief.skip})"), id="debrief-skip")
                with Vertical(id="debrief-reminder", classes="debrief-step"):
                    yield Label("Remind me to look for a reply on", classes="field-label")
                    yield SafeInput(id="debrief-remind", placeholder="+7d, fri or 2026-12-04; empty skips")
                with Vertical(id="debrief-card", classes="debrief-step"):
                    yield Static(id="debrief-card-text", markup=False)
                    yield Button("Close (Enter)", id="debrief-close", variant="primary")
            yield Static("", id="debrief-error", classes="form-error", markup=False)
            yield Static(
                self.companion.with_keys(_hint(STEPS[0])), id="debrief-hint", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self._error("")
        self.set_focus(self.query_one("#debrief-feeling-input", Input))

    # -- moving through the steps ------------------------------------------------------------

    @property
    def step(self) -> str:
        return self.query_one(ContentSwitcher).current or STEPS[0]

    def _go(self, step: str, focus: str) -> None:
        self.query_one(ContentSwitcher).current = step
        self._error("")
        # Each step reads from its top (its explanation first), even where the focus sits below.
        self.query_one(".dialog-body", VerticalScroll).scroll_home(animate=False)
        self.set_focus(self.query_one(focus), scroll_visible=False)  # at once: keys typed next land here
        # The new step is laid out one refresh later; a hint shown at once would name a step still hidden.
        self.call_after_refresh(self._show_hint)

    def _show_hint(self) -> None:
        """Name the step on screen and, in the reflection, the question that has the focus."""
        focused = self.focused
        question = QUESTIONS.index(focused.id) if focused is not None and focused.id in QUESTIONS else None
        self.query_one("#debrief-hint", Static).update(self.companion.with_keys(_hint(self.step, question)))

    def _error(self, text: str) -> None:
        error = self.query_one("#debrief-error", Static)
        error.update(text)
        error.display = bool(text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Say which question has the focus, so nobody types an answer into the wrong one."""
        if event.widget.id in QUESTIONS:
            self.call_after_refresh(self._show_hint)

    @on(Input.Submitted, "#debrief-feeling-input")
    def feeling_given(self, event: Input.Submitted) -> None:
        try:
            self.feeling = pipeline.parse_feeling(event.value)
        except InputError as exc:
            self._error(str(exc))
            return
        self._go("debrief-reflection", "#debrief-went-well")

    @on(Input.Submitted, "#debrief-went-well, #debrief-to-improve")
    def next_question(self, event: Input.Submitted) -> None:
        following = QUESTIONS[QUESTIONS.index(event.input.id or "") + 1]
        self.set_focus(self.query_one(f"#{following}", Input))

    @on(Input.Submitted, "#debrief-grown")
    def reflection_given(self) -> None:
        if not self._save_reflection():
            return
        self._signed_then(self._show_request)

    def _show_request(self) -> None:
        self.app.copy_to_clipboard(self.message)
        self._go("debrief-request", "#debrief-asked")

    def _signed_then(self, then: Callable[[], None]) -> None:
        """The first message companion writes asks, once, for the name to sign it with; then `then`."""
        context = self.companion.context
        if not signature.should_ask_name(context.config, context.store):
            then()
            return

        def answered(name: str | None) -> None:
            if name is not None:  # Escape skips for now; Enter (even empty) is an answer, not asked again
                self._keep_name(name)
            then()

        self.app.push_screen(YourNamePrompt(), answered)

    def _keep_name(self, name: str) -> None:
        self.writes.name_given(name)
        signed = name or self.companion.context.config.your_name
        self.message = pipeline.feedback_request_message(self.application, signed)
        self.query_one("#debrief-message", Static).update(self.message)

    def _save_reflection(self, *, feeling_only: bool = False) -> bool:
        went_well, to_improve, grown = (
            "" if feeling_only else self.query_one(f"#{question}", Input).value for question in QUESTIONS
        )
        saved = self.attempt(lambda: self.writes.reflection(self.feeling, went_well, to_improve, grown))
        if isinstance(saved, Refused):
            return False
        if saved is not None:
            self.saved.append("your reflection")
        return True

    @on(Button.Pressed, "#debrief-asked")
    def asked(self) -> None:
        if self._request_feedback(remind_on=None):
            self.saved.append("the feedback request")
            self._go("debrief-reminder", "#debrief-remind")

    @on(Button.Pressed, "#debrief-skip")
    def action_skip_request(self) -> None:
        if self.step == "debrief-request":
            self._show_card()

    def action_copy(self) -> None:
        if self.step == "debrief-request":
            self.app.copy_to_clipboard(self.message)
            self.notify("Copied the message again.", markup=False)

    @on(Input.Submitted, "#debrief-remind")
    def reminder_given(self, event: Input.Submitted) -> None:
        context = self.companion.context
        try:
            day = pipeline.parse_optional_date(event.value, context.now().date(), "Reminder")
        except InputError as exc:
            self._error(str(exc))
            return
        if day is not None:
            if not self._request_feedback(remind_on=day):
                return
            self.saved.append("a reminder")
        self._show_card()

    def _request_feedback(self, *, remind_on: date | None) -> bool:
        return not isinstance(self.attempt(lambda: self.writes.feedback_asked(remind_on)), Refused)

    def _show_card(self) -> None:
        to_improve = self.query_one("#debrief-to-improve", Input).value
        try:
            cards = card_store.all_cards(self.companion.context.store)
        except StoreError:
            cards = list(reframe.load_deck())  # the bundled deck still helps when the file cannot be read
        card = matched_card(self.application, to_improve, cards)
        self.query_one("#debrief-card-text", Static).update(
            card_content(card, self.companion.with_keys("After closing, press {key:reframe} for the Reframe screen."))
        )
        self._go("debrief-card", "#debrief-close")

    # -- leaving ---------------------------------------------------------------------------

    @on(Button.Pressed, "#debrief-close")
    def closed(self) -> None:
        self._finish()

    leave_question = "Stop the debrief here?"
    leave_detail = "What you typed on this step is not saved yet (Enter saves it)."

    def has_unsaved_typing(self) -> bool:
        """Text typed on this step and not yet confirmed with Enter; earlier steps are saved already."""
        return any(field.value.strip() for field in self.query_one(f"#{self.step}").query(Input))

    def action_stop(self) -> None:
        self.ask_before_leaving(self._stop)

    def _stop(self) -> None:
        # A feeling confirmed with Enter is kept; text not yet confirmed is not.
        if self.step == "debrief-reflection" and self.feeling is not None:
            self._save_reflection(feeling_only=True)
        self._finish()

    def _finish(self) -> None:
        if self.saved:
            self.notify(f"Saved: {', '.join(self.saved)}. Be kind to yourself today.", title="Debrief", markup=False)
        self.dismiss(None)

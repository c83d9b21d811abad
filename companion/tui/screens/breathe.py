"""Breathe: paced breathing with a calm shape, the phase word, a countdown and a kind word at the end.

Everything shown comes from the engine's `phase_at(elapsed)`, with elapsed read from a monotonic
clock (`self.clock`, which tests replace); timers only decide *when* to look, never *what* to show.
A frame timer runs only while a session runs, so the idle app costs nothing. With reduced motion
there is no shape and no frame timer: one wake-up each time the words or numbers change.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Digits, Header, Static

from companion import breath_log
from companion.breathing import BreathingSession, Pattern, PhaseState, closing_line
from companion.store import StoreError
from companion.tui.modals.breath_pattern_form import PatternEntry, PatternForm
from companion.tui.modals.breath_pattern_list import PatternList, PatternWrites, delete_with_confirm
from companion.tui.modals.saving import Save
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.breath_visual import BreathVisual
from companion.tui.widgets.key_bar import KeyBar

FRAMES_PER_SECOND = 15
MINUTE_CHOICES = (1, 2, 3, 5, 10, 15, 20, 30)
BREATH_CHOICES = (3, 5, 10, 15, 20, 30, 50)
BUILT_IN_MESSAGE = (
    "The built-in patterns stay as they are. {key:breathe.create} makes one of your own from any rhythm; "
    "yours can be changed and deleted here."
)
WAKE_AFTER_CHANGE = 0.02
"""Reduced motion wakes this long after a shown number changes, so it never wakes just before."""


def seconds_until_change(value: float) -> float:
    """How long until a countdown shown as ceil(value) shows the next number."""
    return value - math.ceil(value) + 1


def clock_text(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class BreatheScreen(DataScreen):
    TITLE = "Breathe"
    CSS_PATH = stylesheet("breathe")
    # Nothing here takes focus: space and the arrows belong to the screen from the first frame.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("space", "start", "Start", id="breathe.start"),
        Binding("space", "pause", "Pause", id="breathe.pause"),
        Binding("space", "resume", "Resume", id="breathe.resume"),
        Binding("escape", "end", "End", id="breathe.end"),
        Binding("left", "pattern(-1)", "Pattern", key_display="←→", tooltip="Previous pattern", id="breathe.previous"),
        Binding("right", "pattern(1)", "Next pattern", key_display="→", show=False, id="breathe.next"),
        Binding("plus,equals_sign", "length(1)", "Length", key_display="+-", tooltip="Longer", id="breathe.longer"),
        Binding("minus", "length(-1)", "Shorter", key_display="-", show=False, id="breathe.shorter"),
        Binding("u", "unit", "Minutes/breaths", id="breathe.unit"),
        Binding("m", "motion", "Motion", id="breathe.motion"),
        Binding("c", "create", "New pattern", id="breathe.create"),
        Binding("e", "edit", "Edit pattern", id="breathe.edit"),
        Binding("d", "delete", "Delete pattern", id="breathe.delete"),
        # On a built-in pattern e and d say why they change nothing (same ids: a rebinding moves these too).
        Binding("e", "built_in", "Edit pattern", show=False, id="breathe.edit"),
        Binding("d", "built_in", "Delete pattern", show=False, id="breathe.delete"),
        Binding("o", "manage", "Your patterns", id="breathe.manage"),
    ]
    _SETUP_ACTIONS = frozenset({"pattern", "length", "unit", "create", "manage"})

    def __init__(self) -> None:
        super().__init__()
        self.clock: Callable[[], float] = time.monotonic
        """Monotonic seconds; tests put a hand-moved clock here before starting a session."""
        self.reduced_motion = False
        self._patterns: list[Pattern] = []
        self._selected = 0
        self._by_breaths = False
        self._minutes = MINUTE_CHOICES[2]
        self._breaths = BREATH_CHOICES[2]
        self._session: BreathingSession | None = None
        self._started_at: datetime | None = None
        self._ticker: Timer | None = None
        self._farewell = ""
        self._week = ""
        self._shown: dict[str, str] = {}
        self._choice_restored = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="breathe-setup"):
            yield Static(id="breathe-pattern", markup=False)
            yield Static(id="breathe-description", markup=False)
            yield Static(id="breathe-length", markup=False)
        yield BreathVisual(id="breathe-visual")
        with Vertical(id="breathe-status"):
            yield Static(id="breathe-phase", markup=False)
            yield Digits("", id="breathe-countdown")
            yield Static(id="breathe-progress", markup=False)
        yield Static(id="breathe-week", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # DataScreen.on_mount runs after this one and loads the data.
        self.reduced_motion = self.context.config.reduced_motion
        self._apply_motion()

    def on_screen_suspend(self) -> None:
        """Another area or a dialog came in front: the breath waits (no timer runs unseen)."""
        if self._session is not None and not self._session.paused:
            self.action_pause()

    def on_unmount(self) -> None:
        """Quitting mid-session still keeps the minutes breathed."""
        if self._session is not None:
            self._stop_timer()
            self._store_session(finished=False)

    # -- what the screen shows ---------------------------------------------------------------

    @property
    def session(self) -> BreathingSession | None:
        return self._session

    @property
    def selected_pattern(self) -> Pattern | None:
        return self._patterns[self._selected] if self._patterns else None

    @property
    def animating(self) -> bool:
        """True while the frame timer runs (a session is breathing with motion on)."""
        return self._ticker is not None and not self.reduced_motion

    def refresh_data(self) -> None:
        keep = self.selected_pattern.id if self.selected_pattern else self._restore_choice()
        self._patterns = breath_log.all_patterns(self.context.store)
        ids = [pattern.id for pattern in self._patterns]
        self._selected = ids.index(keep) if keep in ids else min(self._selected, len(ids) - 1)
        self._read_week()
        self._redraw()

    def _read_week(self) -> None:
        self._week = breath_log.week_line(breath_log.minutes_this_week(self.context.store, self.context.now()))

    def _restore_choice(self) -> str:
        """Open on the pattern and length breathed last (once: later refreshes keep what is chosen now)."""
        if self._choice_restored:
            return ""
        self._choice_restored = True
        choice = breath_log.last_choice(self.context.store)
        if choice is None:
            return ""
        self._by_breaths = choice.by_breaths
        self._minutes = choice.minutes if choice.minutes in MINUTE_CHOICES else self._minutes
        self._breaths = choice.breaths if choice.breaths in BREATH_CHOICES else self._breaths
        return choice.pattern_id

    def _remember_choice(self, pattern: Pattern) -> None:
        choice = breath_log.BreathChoice(pattern.id, self._minutes, self._breaths, self._by_breaths)
        try:
            breath_log.remember_choice(self.context.store, choice, now=self.context.now())
        except StoreError as exc:  # the breath goes on; only next time's starting point is lost
            self.notify(
                f"This pattern and length could not be kept for next time: {exc}", severity="warning", markup=False
            )

    def _redraw(self) -> None:
        """After a change of state: the setup lines, the breath and which keys the footer offers."""
        self._show_setup()
        self.refresh_breath()
        self.refresh_bindings()

    def _set(self, widget_id: str, text: str) -> None:
        """Update a line only when its text changes: no needless repaint, no flicker."""
        if self._shown.get(widget_id) == text:
            return
        self._shown[widget_id] = text
        cast("Static | Digits", self.query_one(f"#{widget_id}")).update(text)

    def _planned_session(self, pattern: Pattern) -> BreathingSession:
        if self._by_breaths:
            return BreathingSession(pattern, cycles=self._breaths, clock=self._monotonic)
        return BreathingSession(pattern, minutes=self._minutes, clock=self._monotonic)

    def _monotonic(self) -> float:
        return self.clock()

    def _show_setup(self) -> None:
        pattern = self._session.pattern if self._session else self.selected_pattern
        if pattern is None:
            return
        if self._session is None:
            position = f"{self._selected + 1} of {len(self._patterns)}"
            before, after = (self.companion.with_keys(key) for key in ("{key:breathe.previous}", "{key:breathe.next}"))
            self._set("breathe-pattern", f"{before}  {pattern.name}  ·  {pattern.rhythm}  {after}      {position}")
        else:
            self._set("breathe-pattern", f"{pattern.name}  ·  {pattern.rhythm}")
        self._set("breathe-description", pattern.description or "Your own pattern.")
        session = self._session or self._planned_session(pattern)  # the running one, or the one planned
        target = session.target_seconds or 0.0
        breaths = round(target / session.pattern.cycle_seconds)
        length = (
            f"{plural(breaths, 'breath')}, {clock_text(target)}"
            if self._by_breaths
            else f"{plural(self._minutes, 'minute')} ({plural(breaths, 'breath')}, {clock_text(target)})"
        )
        self._set("breathe-length", f"Length: {length}")
        self._set("breathe-week", self._week)

    def refresh_breath(self) -> None:
        """Show where the breath is now; ends the session gently once its planned length is reached."""
        session = self._session
        if session is None:
            self._show_rest()
            return
        elapsed = session.elapsed()
        if session.is_finished(elapsed):
            self._end(finished=True)
            return
        self._show_state(session, session.phase_at(elapsed), elapsed)

    def _show_rest(self) -> None:
        words = self.companion.with_keys
        self._set("breathe-phase", self._farewell or words("Press {key:breathe.start} to begin."))
        self._set("breathe-countdown", "")
        self._set(
            "breathe-progress",
            words(
                "{key:breathe.previous} {key:breathe.next} pattern · "
                "{key:breathe.longer} {key:breathe.shorter} length · "
                "{key:breathe.unit} minutes or breaths · {key:breathe.create} new pattern · {key:help} all keys"
            ),
        )
        self.query_one(BreathVisual).show(0.0)

    def _show_state(self, session: BreathingSession, state: PhaseState, elapsed: float) -> None:
        self._set("breathe-phase", state.label)
        self._set("breathe-countdown", str(math.ceil(state.seconds_left)))
        if session.paused:
            progress = self.companion.with_keys("Paused: {key:breathe.resume} carries on, {key:breathe.end} ends.")
        else:
            target = session.target_seconds or 0.0
            total = round(target / session.pattern.cycle_seconds)
            progress = f"Breath {state.cycle} of {total}  ·  {clock_text(target - elapsed)} left"
        self._set("breathe-progress", progress)
        self.query_one(BreathVisual).show(state.scale)

    # -- timers --------------------------------------------------------------------------------

    def _start_timer(self) -> None:
        self._stop_timer()
        if self.reduced_motion:
            self._ticker = self.set_timer(WAKE_AFTER_CHANGE, self._wake)
        else:
            self._ticker = self.set_interval(1 / FRAMES_PER_SECOND, self.refresh_breath)

    def _wake(self) -> None:
        """Reduced motion: look now, then sleep until the phase countdown or the time left changes."""
        self.refresh_breath()
        session = self._session
        if session is None or session.paused:
            return
        elapsed = session.elapsed()
        remaining = (session.target_seconds or 0.0) - elapsed
        delay = min(seconds_until_change(session.phase_at(elapsed).seconds_left), seconds_until_change(remaining))
        self._ticker = self.set_timer(delay + WAKE_AFTER_CHANGE, self._wake)

    def _stop_timer(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def _apply_motion(self) -> None:
        self.query_one(BreathVisual).display = not self.reduced_motion
        self.set_class(self.reduced_motion, "-reduced-motion")

    # -- session ---------------------------------------------------------------------------------

    def _store_session(self, *, finished: bool) -> bool:
        """Keep the session in the history; True when something was written."""
        session, started_at = self._session, self._started_at
        self._session = None
        if session is None or started_at is None:
            return False
        try:
            kept = breath_log.record_session(
                self.context.store, session.pattern, session.summary(), started_at=started_at, finished=finished
            )
        except StoreError as exc:
            self.notify(f"This session could not be saved: {exc}", severity="warning", markup=False)
            return False
        return kept is not None

    def _end(self, *, finished: bool) -> None:
        session = self._session
        if session is None:
            return
        self._stop_timer()
        self._farewell = closing_line(session.summary().seconds)
        if self._store_session(finished=finished):
            self.read_fresh(self._read_week)  # this week's minutes grow with the farewell, not a refresh later
        self._redraw()

    # -- actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self._session
        if action == "start":
            return session is None and self.selected_pattern is not None
        if action == "pause":
            return session is not None and not session.paused
        if action == "resume":
            return session is not None and session.paused
        if action == "end":
            return session is not None
        if action in self._SETUP_ACTIONS:
            return session is None
        if action in {"edit", "delete", "built_in"}:
            pattern = self.selected_pattern
            mine = pattern is not None and breath_log.is_custom(pattern)
            return session is None and pattern is not None and mine == (action != "built_in")
        return True

    def action_start(self) -> None:
        pattern = self.selected_pattern
        if pattern is None or self._session is not None:
            return
        self._session = self._planned_session(pattern)
        self._remember_choice(pattern)
        self._started_at = self.context.now()
        self._farewell = ""
        self._session.start()
        self._start_timer()
        self._redraw()

    def action_pause(self) -> None:
        if self._session is None:
            return
        self._session.pause()
        self._stop_timer()
        self._redraw()

    def action_resume(self) -> None:
        if self._session is None:
            return
        self._session.resume()
        self._start_timer()
        self._redraw()

    def action_end(self) -> None:
        self._end(finished=False)

    def action_pattern(self, step: int) -> None:
        if self._patterns:
            self._selected = (self._selected + step) % len(self._patterns)
            self._farewell = ""
            self._redraw()

    def action_length(self, step: int) -> None:
        choices = BREATH_CHOICES if self._by_breaths else MINUTE_CHOICES
        current = self._breaths if self._by_breaths else self._minutes
        index = min(len(choices) - 1, max(0, choices.index(current) + step))
        if self._by_breaths:
            self._breaths = choices[index]
        else:
            self._minutes = choices[index]
        self._show_setup()

    def action_unit(self) -> None:
        self._by_breaths = not self._by_breaths
        self._show_setup()

    def action_motion(self) -> None:
        """Motion off or on, kept in the settings: whoever turns it off once should not have to again."""
        from companion.settings import SettingError, commit  # here: settings is not needed for the first frame

        self.reduced_motion = not self.reduced_motion
        self._apply_motion()
        if self._ticker is not None:
            self._start_timer()
        self.refresh_breath()
        said = (
            "Reduced motion: words and countdown only."
            if self.reduced_motion
            else "Motion on: the shape breathes with you."
        )
        try:
            commit(self.context, lambda config: config.replace(reduced_motion=self.reduced_motion))
        except SettingError as exc:
            self.notify(f"{said} For now only: {exc}", severity="warning", markup=False)
            return
        self.notify(f"{said} Saved in your settings.", timeout=3, markup=False)

    def _select(self, saved: Pattern | None) -> None:
        ids = [pattern.id for pattern in self._patterns]
        if saved is not None and saved.id in ids:
            self._selected = ids.index(saved.id)
            self._redraw()

    # -- the person's own patterns: this screen writes what its dialogs enter --------------------

    def _save_pattern(self, existing: Pattern | None) -> Save[PatternEntry, Pattern]:
        """The pattern form's one write: a new pattern of the person's own, or `existing` changed."""

        def save(entry: PatternEntry) -> Pattern:
            store, now = self.context.store, self.context.now()
            if existing is None:
                pattern = breath_log.add_pattern(store, entry.name, entry.seconds, now=now)
            else:
                pattern = breath_log.update_pattern(store, existing.id, entry.name, entry.seconds, now=now)
            self.notify(f"{pattern.name} ({pattern.rhythm}) is ready to breathe.", title="Pattern saved", markup=False)
            return pattern

        return save

    def _delete_pattern(self, pattern: Pattern) -> bool:
        return breath_log.delete_pattern(self.context.store, pattern.id)

    @property
    def _writes(self) -> PatternWrites:
        return PatternWrites(self._save_pattern, self._delete_pattern)

    def action_create(self) -> None:
        self.app.push_screen(PatternForm(self._save_pattern(None)), self._select)

    def action_built_in(self) -> None:
        """e or d on a built-in pattern: why nothing changes, and what does."""
        self.notify(self.companion.with_keys(BUILT_IN_MESSAGE), title="This pattern is built in", markup=False)

    def action_edit(self) -> None:
        pattern = self.selected_pattern
        if pattern is not None and breath_log.is_custom(pattern):
            self.app.push_screen(PatternForm(self._save_pattern(pattern), pattern), self._select)

    def action_delete(self) -> None:
        pattern = self.selected_pattern
        if pattern is not None and breath_log.is_custom(pattern):
            delete_with_confirm(self.companion, pattern, self._writes, after=self._redraw)

    def action_manage(self) -> None:
        self.app.push_screen(PatternList(self._writes))

"""Break reminders inside the app: the planner's `tick()` on a Textual interval, delivery on a thread worker.

Only one scheduler sends per data dir. When `companion breaks` already holds the lock, the app
only says so and sends nothing, so a person never gets the same reminder twice.
Idle: no key or mouse in the app for a break's length counts as that break, unless the desktop
says the person was busy elsewhere (companion.idle, where it can be read).
The follow-up digest and the interviews are read from the app's context at each reading, so once the
app switches to the demo (CompanionApp.show_demo) they come from the demo's data, never the person's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from companion import dnd, notify
from companion.break_inputs import interview_source
from companion.break_state import StateFile, state_path
from companion.breaks import BreakPlanner, InterviewLike, settings_from_config
from companion.breaks_service import SchedulerLock, new_planner
from companion.follow_up_digest import due_follow_up_lines
from companion.idle import IdleReader
from companion.store import Store

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

TICK_SECONDS = 15.0
HANDLED_ELSEWHERE = "Breaks are handled by the background service"


class BreakReminders:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        self.lock = SchedulerLock(app.context.data_dir)
        self.state_file = StateFile(state_path(app.context.data_dir))
        self.planner: BreakPlanner | None = None
        self.why_not = HANDLED_ELSEWHERE
        self._last_input = time.monotonic()
        self._desktop_idle = IdleReader()
        self._interviews_of: tuple[Store, Callable[[], Sequence[InterviewLike]]] | None = None

    def start(self) -> None:
        """Take the scheduler (unless the background service has it); call before screens show."""
        try:
            acquired = self.lock.acquire()
        except OSError as exc:  # e.g. a read-only data dir: the app still opens, without reminders
            self.why_not = f"Break reminders are off: {self.lock.path.parent} cannot be written ({exc.strerror})"
            return
        if acquired:
            self.planner = self._new_planner()

    def _new_planner(self) -> BreakPlanner:
        context = self.app.context
        return new_planner(
            settings_from_config(context.config),
            self.state_file,
            deliver=self._deliver,
            clock=context.clock,
            due_followups=self._due_follow_ups,
            on_evening_prompt=self.app.action_quick_win,
            interviews=self._interviews,
            held=dnd.held_reason,
            idle_seconds=self.idle_seconds,
        )

    def _due_follow_ups(self, day: date) -> list[str]:
        return due_follow_up_lines(self.app.context.store, day)

    def _interviews(self) -> Sequence[InterviewLike]:
        """The interviews of the store in use, each store read again only when its file changed."""
        store = self.app.context.store
        if self._interviews_of is None or self._interviews_of[0] is not store:
            self._interviews_of = (store, interview_source(store))
        return self._interviews_of[1]()

    def settings_changed(self) -> None:
        """A break setting may have changed: plan again from now with the new settings."""
        if self.planner is not None:
            self.planner = self._new_planner()

    def run_on_interval(self) -> None:
        self.app.set_interval(TICK_SECONDS, self.tick)

    def stop(self) -> None:
        self.lock.release()

    def tick(self) -> None:
        if self.planner is None:
            return
        if self.state_file.changed():  # `companion breaks pause 1h` from a desktop shortcut
            self.planner.reload_state(self.state_file.load())
        self.planner.tick()

    def noticed_input(self) -> None:
        """A key or the mouse in the app (CompanionApp.on_event)."""
        self._last_input = time.monotonic()

    def idle_seconds(self) -> float:
        in_app = time.monotonic() - self._last_input
        desktop = self._desktop_idle.seconds()
        return in_app if desktop is None else min(in_app, desktop)

    def status_line(self) -> str:
        if self.planner is None:
            return self.why_not
        return self.planner.status_line(self.app.context.now())

    def _deliver(self, title: str, body: str, kind: str) -> None:
        """notify-send can block for many seconds on a hung daemon: never on the event loop."""

        def toast(toast_title: str, toast_body: str) -> None:
            self.app.call_from_thread(self.app.notify, toast_body, title=toast_title, timeout=20, markup=False)

        def answered(action: str) -> None:
            self.app.call_from_thread(self._answer, action)

        actions = self.planner.actions(kind, self.app.context.now()) if self.planner is not None else ()
        send = partial(notify.send, title, body, in_app=toast, actions=actions, on_action=answered if actions else None)
        self.app.run_worker(send, thread=True, group="notify")

    def _answer(self, action: str) -> None:
        """An action chosen on the desktop notification ("Snooze 5 min", "Skip", "Pause 1 h")."""
        if self.planner is not None:
            self.app.notify(self.planner.answer(action), title="Breaks", markup=False)

    # -- the person's controls (palette commands) -------------------------------------------

    def snooze(self, minutes: int) -> None:
        self._control(lambda planner, now: planner.snooze(minutes, now))

    def skip_next(self) -> None:
        self._control(lambda planner, now: planner.skip_next(now))

    def pause(self, hours: int) -> None:
        self._control(lambda planner, now: planner.pause(hours, now))

    def pause_until_tomorrow(self) -> None:
        self._control(lambda planner, now: planner.pause_until_tomorrow(now))

    def resume(self) -> None:
        self._control(lambda planner, now: planner.resume(now))

    def _control(self, change: Callable[[BreakPlanner, datetime], str | None]) -> None:
        if self.planner is None:
            self.app.notify(f"{self.why_not}.", markup=False)
            return
        said = change(self.planner, self.app.context.now())
        self.app.notify(said or self.status_line(), title="Breaks", markup=False)

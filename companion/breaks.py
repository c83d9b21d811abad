"""Break reminders, the follow-up digest, the evening prompt and interview notes, on a private schedule.

How the work is shared (DESIGN §7): a private `schedule.Scheduler()` holds one job per family of
reminders (breaks, digest, evening, interviews) and `tick()` calls its `run_pending()`, on the
service loop and on the app's interval; a job that comes due runs our rules, which decide whether
anything is sent now. `plan()` runs the very same rules on a copy of the planner, moment by moment,
so `companion breaks --plan` shows what this code will send.

What `schedule` 1.2.2 cannot say, and the small workaround: its jobs repeat every N units or at a
time of day, counted from the moment a job last ran. Our cadences have holes (working hours, quiet
hours, pauses, the half hour before an interview), restart when those open again or after a natural
pause, and must not drift by a tick each time. So the rules work out each family's next moment and
hand it to schedule as a one-shot job (`every(seconds).seconds`, returning `CancelJob`), re-armed
after each run and whenever the rules' inputs change. Times are naive local wall-clock time, as
schedule's are; a clock stepped back (or the autumn DST change) re-arms every job from the new now.

Rules the person can rely on:
- Breaks only inside working hours on working days, never in quiet hours, during a pause, or from
  30 minutes before an interview to 15 minutes after its end (both settings); the first break after
  such a hole comes one interval after it.
- Never a burst: at most one break per due moment (a long break covers a short one due with it),
  no two break reminders within 4 minutes, and no two notifications of any kind within a minute.
  After a suspend or a clock step, one reminder at most, then the cadence restarts from then.
- Do not disturb (`companion.dnd`): while the desktop holds notifications, ours wait (checked again
  each minute) and are sent once it is off; an interview nudge that waited past the start is dropped.
- Idle (`idle_seconds`): no input for the length of a short break resets the short-break cadence
  (for the length of a long break, both); `plan()` cannot know future idleness and ignores it.
- The digest and the evening prompt come on working days, outside quiet hours, not before their time:
  one missed during a suspend comes on waking if it is still the same day.
- A job that raises is logged and re-armed like any other, so it never fires on every tick.
"""

from __future__ import annotations

import logging
import math
import threading
import time as time_module
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

import schedule

from companion.break_state import BreakState
from companion.config import SETTINGS, WEEKDAY_NAMES, Config, SettingError, working_hours_problem
from companion.keynames import with_keys
from companion.records import Record, field
from companion.textsafe import clean_line

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Deliver = Callable[[str, str, str], None]  # (title, body, kind)
DueFollowups = Callable[[date], list[str] | None]
Answer = Callable[[], str | None]  # why notifications are held right now (do not disturb), or None

MICRO, LONG = "micro_break", "long_break"
DIGEST, EVENING = "follow_up_digest", "evening_prompt"
NUDGE, AFTER = "interview_nudge", "interview_follow_up"
BREAK_KINDS = (MICRO, LONG)
_FAMILIES = ("break", DIGEST, EVENING, "interview")

SNOOZE_CHOICES = (5, 15)
JUST_SHOWN = timedelta(minutes=10)  # a snooze this soon after a break answers that break
PAUSE_CHOICES = (1, 2)  # hours; "until tomorrow" is its own method
BREAK_GAP = timedelta(minutes=4)  # never two break reminders closer than this
NOTICE_GAP = timedelta(minutes=1)  # never two notifications of any kind closer than this
HOLD_RETRY = timedelta(minutes=1)  # while do-not-disturb is on, look again this often
IDLE_CHECK = timedelta(minutes=1)
AFTER_PROMPT_LASTS = timedelta(hours=2)  # a prompt after an interview that could not come by then is dropped
CLOCK_STEP = timedelta(minutes=2)  # the wall clock jumping this far without time passing is a step
SUGGESTIONS = (
    "Step outside for a few minutes of fresh air.",
    "Stand up and stretch your shoulders, neck and back.",
    "Drink a glass of water.",
    "Breathe slowly for a minute: press {key:breathe} for the Breathe screen.",
    "Send a friend a short message, just to say hi.",
    "Look away from the screen at something far away for 20 seconds.",
)
MICRO_TITLE = "Time for a short break"
LONG_TITLE = "Time for a longer break"
DIGEST_TITLE = "Follow-ups for today"
EVENING_TITLE = "What went well today?"
EVENING_BODY = "Note one small win, even a tiny one counts: companion win TEXT"
NUDGE_TITLE = "A calm minute before your interview"
AFTER_TITLE = "You did the interview"
AFTER_BODY = (
    "However it felt, showing up counts. When you are ready: log it as a win, send a thank-you note "
    "(companion interviews has a template), and jot down what to prepare next."
)
ACTIONS = (("snooze", "Snooze 5 min"), ("skip", "Skip"), ("pause", "Pause 1 h"))
SKIPS_USED = "Skips for today are used up (your limit is {limit}); snoozing is always there."
_DIGEST_NAMES_SHOWN = 3
_HORIZON_DAYS = 8  # a full week ahead, plus today
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

Window = tuple[datetime, datetime]


class BreakSettings(Config):
    """The person's settings as the planner reads them: companion.config's declaration, by its names, defaults
    and checks (the `breaks` section, and `keys`: reminders name the key in use); times are "HH:MM".

    Made from a config (`settings_from_config`) or from values in tests; a wrong one raises SettingError.
    """

    __slots__ = ()
    evening_time = "18:30"  # the evening prompt, on working days (not a setting: the prompt is on or off)
    digest_time = "09:30"  # the follow-up digest

    def __init__(self, **values: Any) -> None:
        super().__init__(**{name: SETTINGS[name].check(value) if name in SETTINGS else value
                            for name, value in values.items()})  # fmt: skip
        clash = working_hours_problem(self)
        if clash:
            hours = f"{SETTINGS['work_start'].key}, {SETTINGS['work_end'].key}"
            raise SettingError(hours, (self.work_start, self.work_end), clash)

    def clock(self, name: str) -> time:
        """The named time of day: "HH:MM", checked when made (read by hand: strptime's first call costs
        about 5 ms of the app's first frame, importing _strptime and compiling its patterns)."""
        hours, minutes = getattr(self, name).split(":")
        return time(int(hours), int(minutes))

    def interval(self, kind: str) -> timedelta:
        return timedelta(minutes=self.micro_break_minutes if kind == MICRO else self.long_break_minutes)

    def works_on(self, weekday: int) -> bool:
        """Whether the day (0 = Monday ... 6 = Sunday) is one of the working days."""
        return WEEKDAY_NAMES[weekday] in self.work_days


class InterviewLike(Protocol):
    """What the planner reads of an interview (companion.interviews.Interview)."""

    @property
    def id(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def with_whom(self) -> str: ...


Interviews = Callable[[], Sequence[InterviewLike]]


class Planned(Record):
    """One reminder the planner sends (or would send): when, what kind, its words, and a note."""

    at: datetime = field()
    kind: str = field()
    title: str = field()
    body: str = field()
    note: str = field(default="")


def _daily_windows(first: date, days: int, start: time, end: time) -> list[Window]:
    """One [start, end) window per day from `first`; an end at or before the start means the next day."""
    windows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        opens = datetime.combine(day, start)
        closes = datetime.combine(day + timedelta(days=1) if end <= start else day, end)
        windows.append((opens, closes))
    return windows


def _subtract(windows: list[Window], holes: list[Window]) -> list[Window]:
    """The parts of `windows` not covered by any of `holes`."""
    for hole_start, hole_end in holes:
        remaining = []
        for start, end in windows:
            if hole_end <= start or end <= hole_start:
                remaining.append((start, end))
                continue
            if start < hole_start:
                remaining.append((start, hole_start))
            if hole_end < end:
                remaining.append((hole_end, end))
        windows = remaining
    return sorted(windows)


def _inside(windows: list[Window], moment: datetime) -> Window | None:
    return next((window for window in windows if window[0] <= moment < window[1]), None)


class BreakPlanner:
    """The reminders' rules and their schedule.

    `deliver(title, body, kind)` shows a notification (the TUI hands it to a thread worker);
    `due_followups(day)` lists follow-ups due that day; `on_evening_prompt()` opens the quick-add
    win modal in the TUI (without it, the prompt is a notification); `interviews()` lists interviews;
    `held()` says why notifications are held (do not disturb) or None; `idle_seconds()` is the time
    since the person last used the keyboard or mouse, None when unknown; `save` keeps the state.
    The clock must be the system clock when `tick()` is used: schedule reads it (tests move it with
    time-machine).
    """

    def __init__(
        self,
        settings: BreakSettings,
        *,
        deliver: Deliver,
        clock: Callable[[], datetime] = datetime.now,
        due_followups: DueFollowups | None = None,
        on_evening_prompt: Callable[[], None] | None = None,
        interviews: Interviews | None = None,
        held: Answer | None = None,
        idle_seconds: Callable[[], float | None] | None = None,
        state: BreakState | None = None,
        save: Callable[[BreakState], None] | None = None,
        live: bool = True,
    ) -> None:
        self.settings = settings
        self._deliver = deliver
        self._clock = clock
        self._due_followups = due_followups
        self._on_evening_prompt = on_evening_prompt
        self._interviews = interviews
        self._held = held
        self._idle_seconds = idle_seconds
        self.state = state or BreakState()
        self._save = save
        self._lock = threading.RLock()  # notification actions answer from another thread
        self._scheduler = schedule.Scheduler()
        self._live = live  # False: a copy for plan(), which neither arms jobs nor saves
        now = clock()
        self._base = {MICRO: now, LONG: now}  # each cadence counts from here
        self._last_break: tuple[str, datetime] | None = None  # the break last shown, and when
        self._last_notice = datetime.min
        self._held_until = datetime.min
        self._idle_checked = datetime.min
        self._last_tick, self._last_epoch = now, time_module.time()
        # A daily note whose time has passed when the planner starts waits for tomorrow (no repeat on restart).
        self._done = {
            kind: now.date() - timedelta(days=0 if now.time() >= settings.clock(name) else 1)
            for kind, name in ((DIGEST, "digest_time"), (EVENING, "evening_time"))
        }
        self._suggestion_index = 0
        self._interview_cache: tuple[datetime, list[InterviewLike]] | None = None
        self._arm(now)

    # --- running -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Notice clock steps and idleness, then let schedule run whatever is due."""
        with self._lock:
            now, epoch = self._clock(), time_module.time()
            shift = self._clock_shift(now - self._last_tick, timedelta(seconds=epoch - self._last_epoch))
            self._last_tick, self._last_epoch = now, epoch
            if shift:
                logger.info(
                    "the clock moved by %s (a DST change or a clock set back): the cadence moves with it", shift
                )
                self._shift(shift, now)
            self._notice_idle(now)
            self._scheduler.run_pending()

    @staticmethod
    def _clock_shift(wall: timedelta, real: timedelta) -> timedelta:
        """How far the local wall clock jumped without time passing: a DST change, or a clock set back.

        `wall` is the local clock's step since the last tick, `real` the UTC clock's (time.time). A DST
        change moves only the first; a clock set back moves both; a suspend moves both forward and is
        no step (the overdue reminder comes once).
        """
        dst = wall - real
        set_back = real if real < -CLOCK_STEP else timedelta(0)
        return (dst if abs(dst) >= CLOCK_STEP else timedelta(0)) + set_back

    def _shift(self, shift: timedelta, now: datetime) -> None:
        """Move every "counts from" moment with the wall clock, so the cadence keeps its real length."""

        def moved(moment: datetime) -> datetime:
            return moment if moment == datetime.min else min(moment + shift, now)

        self._base = {kind: moved(base) for kind, base in self._base.items()}
        if self._last_break is not None:
            self._last_break = (self._last_break[0], moved(self._last_break[1]))
        self._last_notice = moved(self._last_notice)
        self._held_until = datetime.min
        if self.state.snoozed_until is not None:
            self._change_state(snoozed_until=self.state.snoozed_until + shift)
        self._arm(now)

    def _notice_idle(self, now: datetime) -> None:
        if self._idle_seconds is None or now - self._idle_checked < IDLE_CHECK:
            return
        self._idle_checked = now
        try:
            idle = self._idle_seconds()
        except Exception:
            logger.exception("reading the idle time failed")
            return
        if idle is None:
            return
        lengths = ((MICRO, self.settings.micro_break_length_minutes), (LONG, self.settings.long_break_length_minutes))
        rested = [kind for kind, length in lengths if idle >= length * 60]
        if rested:
            logger.debug("idle for %.0f s: counts as a break (%s)", idle, ", ".join(rested))
            for kind in rested:
                self._base[kind] = max(self._base[kind], now)
            self._arm(now)

    def _arm(self, now: datetime) -> None:
        """One one-shot job per family, at the moment the rules give it (see the module docstring)."""
        if not self._live:
            return
        self._scheduler.clear()
        for family in _FAMILIES:
            moment = self._next_moment(family, now)
            if moment is None:
                continue
            seconds = max(1, math.ceil((moment - now).total_seconds()))
            self._scheduler.every(seconds).seconds.do(self._run_job, family).tag(family)

    def _run_job(self, family: str) -> type[schedule.CancelJob]:
        """schedule calls this when a job is due; a failure is logged and the job re-armed, never retried at once."""
        now = self._clock()
        try:
            self._fire(family, now)
        except Exception:
            logger.exception("%s reminder failed; it will come at its next time", family)
            self._mark_done(family, now)
        self._arm(now)
        return schedule.CancelJob

    # --- when things are due -------------------------------------------------------------------

    def _next_moment(self, family: str, now: datetime) -> datetime | None:
        if family == "break":
            upcoming = self._next_break_event(now)
            return None if upcoming is None else upcoming[1]
        if family == "interview":
            events = self._interview_events(now)
            return self._not_too_close(events[0][1], notice=True) if events else None
        moment = self._daily_due(family, now)
        return None if moment is None else self._not_too_close(moment, notice=True)

    def _not_too_close(self, moment: datetime, *, notice: bool = False) -> datetime:
        floor = max(self._last_notice + NOTICE_GAP, self._held_until)
        if not notice and self._last_break is not None:
            floor = max(floor, self._last_break[1] + BREAK_GAP)
        return max(moment, floor)

    def _cadence_due(self, kind: str, now: datetime) -> datetime | None:
        """When `kind`'s break is due: its snooze, or one interval after its base inside break hours."""
        windows = self._break_windows(now)
        if self.state.snoozed_kind == kind and self.state.snoozed_until is not None:
            return self._allowed_from(windows, self.state.snoozed_until)
        base, interval = self._base[kind], self.settings.interval(kind)
        for start, end in windows:
            if end <= base:
                continue
            candidate = max(start, base) + interval
            if candidate < end:
                return candidate
        return None

    def _next_break_event(self, now: datetime) -> tuple[str, datetime] | None:
        """(kind, when) of the next break: a long one due with (or soon after) a short one covers it."""
        micro, long = self._cadence_due(MICRO, now), self._cadence_due(LONG, now)
        if micro is None and long is None:
            return None
        if long is not None and (micro is None or long <= micro + BREAK_GAP):
            kind, moment = LONG, min(long, micro) if micro is not None else long
        else:
            assert micro is not None
            kind, moment = MICRO, micro
        floored = self._not_too_close(moment)
        if floored != moment:
            later = self._allowed_from(self._break_windows(now), floored)
            if later is None:
                return None
            moment = later
        return kind, moment

    def _allowed_from(self, windows: list[Window], moment: datetime) -> datetime | None:
        """`moment` if breaks may come then, else when they next may (None: not within a week)."""
        for start, end in windows:
            if moment < end:
                return max(start, moment)
        return None

    def _daily_due(self, kind: str, now: datetime) -> datetime | None:
        """The next working day after the last one done at the kind's time of day."""
        if kind == EVENING and not self.settings.evening_prompt:
            return None
        if kind == DIGEST and self._due_followups is None:
            return None
        at = self.settings.clock("evening_time" if kind == EVENING else "digest_time")
        for offset in range(1, _HORIZON_DAYS + 1):
            day = self._done[kind] + timedelta(days=offset)
            if self.settings.works_on(day.weekday()):
                moment = datetime.combine(day, at)
                window = _inside(self._interview_windows(now), moment)
                return moment if window is None else window[1]
        return None

    def _interview_events(self, now: datetime) -> list[tuple[str, datetime, InterviewLike]]:
        """(kind, when, interview) of the nudges and after-prompts still to send, soonest first."""
        s, events = self.settings, []
        for interview in self._interview_list(now):
            if s.interview_nudge_minutes:
                events.append((NUDGE, interview.starts_at - timedelta(minutes=s.interview_nudge_minutes), interview))
            events.append((AFTER, interview.ends_at + timedelta(minutes=s.interview_quiet_after_minutes), interview))
        return sorted(
            (
                event
                for event in events
                if self._announce_key(event[0], event[2]) not in self.state.announced
                and now < self._deadline(event[0], event[1], event[2])
            ),
            key=lambda event: event[1],
        )

    @staticmethod
    def _deadline(kind: str, at: datetime, interview: InterviewLike) -> datetime:
        return interview.starts_at if kind == NUDGE else at + AFTER_PROMPT_LASTS

    @staticmethod
    def _announce_key(kind: str, interview: InterviewLike) -> str:
        return f"{kind}:{interview.id}:{interview.starts_at:%Y-%m-%dT%H:%M}"

    def _interview_list(self, now: datetime) -> list[InterviewLike]:
        """Interviews from a day ago to a week ahead, read at most once a minute."""
        if self._interviews is None:
            return []
        cached = self._interview_cache
        if cached is None or not timedelta(0) <= now - cached[0] < IDLE_CHECK:
            try:
                found = list(self._interviews())
            except Exception:
                logger.exception("reading interviews failed; planning without them for now")
                found = [] if cached is None else cached[1]
            low, high = now - timedelta(days=1), now + timedelta(days=_HORIZON_DAYS)
            cached = (now, [iv for iv in found if low <= iv.starts_at <= high])
            self._interview_cache = cached
        return cached[1]

    def _interview_windows(self, now: datetime) -> list[Window]:
        s = self.settings
        return [
            (iv.starts_at - timedelta(minutes=s.interview_quiet_before_minutes),
             iv.ends_at + timedelta(minutes=s.interview_quiet_after_minutes))
            for iv in self._interview_list(now)
        ]  # fmt: skip

    # --- firing --------------------------------------------------------------------------------

    def _fire(self, family: str, now: datetime) -> None:
        """A job came due at `now`: send what the rules allow, or nothing."""
        if family == "break":
            self._fire_break(now)
        elif family == "interview":
            self._fire_interview(now)
        else:
            self._fire_daily(family, now)

    def _hold(self, now: datetime) -> bool:
        """True when do-not-disturb holds notifications: look again in a minute."""
        why = self._held() if self._held is not None else None
        if why:
            logger.info("a reminder is held: %s", why)
            self._held_until = now + HOLD_RETRY
            return True
        return False

    def _fire_break(self, now: datetime) -> None:
        upcoming = self._next_break_event(now)
        if upcoming is None or upcoming[1] > now:
            return
        kind, due = upcoming
        if not self.breaks_allowed(now):  # the clock jumped past break hours: start again from now
            self._restart_cadence(now)
            return
        if self._hold(now):
            return
        long_due = self._cadence_due(LONG, now)
        if long_due is not None and long_due <= now:  # both due (after a suspend): the long one covers both
            kind = LONG
        if now - due < self.settings.interval(kind):  # on time: keep the cadence
            self._base[kind] = due
            if kind == LONG:  # a long break covers the short one: restart its count too
                self._base[MICRO] = due
        else:  # late (a suspend, a clock step): one reminder now, and both cadences start again from here
            self._restart_cadence(now)
        if self.state.snoozed_kind is not None:
            self._change_state(snoozed_kind=None, snoozed_until=None)
        self._last_break = (kind, now)
        self._send(kind, LONG_TITLE if kind == LONG else MICRO_TITLE, self._suggestion(), now)

    def _fire_daily(self, kind: str, now: datetime) -> None:
        due = self._daily_due(kind, now)
        if due is None or self._not_too_close(due, notice=True) > now:
            return
        if due.date() < now.date():  # missed on an earlier day (a suspend): that day is over
            self._done[kind] = now.date() - timedelta(days=1)
            due = self._daily_due(kind, now)
            if due is None or self._not_too_close(due, notice=True) > now:
                return
        if not self.settings.works_on(now.weekday()) or self.in_quiet_hours(now):
            self._done[kind] = now.date()
            return
        if self._hold(now):
            return
        self._done[kind] = now.date()
        if kind == EVENING:
            if self._on_evening_prompt is not None:
                self._last_notice = now
                self._on_evening_prompt()
            else:
                self._send(EVENING, EVENING_TITLE, EVENING_BODY, now)
            return
        assert self._due_followups is not None
        body = self._digest_body(self._due_followups(now.date()) or [])
        if body:
            self._send(DIGEST, DIGEST_TITLE, body, now)

    def _fire_interview(self, now: datetime) -> None:
        events = self._interview_events(now)
        if not events or self._not_too_close(events[0][1], notice=True) > now:
            return
        kind, _, interview = events[0]
        if self.in_quiet_hours(now):
            self._announce(kind, interview)
            return
        if self._hold(now):
            return
        self._announce(kind, interview)
        who = clean_line(interview.with_whom)
        if kind == NUDGE:
            whom = f" with {who}" if who else ""
            body = with_keys(
                f"A calm minute before your interview{whom} at {interview.starts_at:%H:%M}? "
                "Press {key:breathe} for the Breathe screen.",
                self.settings.keys,
            )
            self._send(NUDGE, NUDGE_TITLE, body, now)
        else:
            self._send(AFTER, AFTER_TITLE + (f" with {who}" if who else ""), AFTER_BODY, now)

    def _announce(self, kind: str, interview: InterviewLike) -> None:
        self._change_state(announced=[*self.state.announced, self._announce_key(kind, interview)][-50:])

    def _mark_done(self, family: str, now: datetime) -> None:
        """After a failure: this moment counts as done, so the job does not come due again at once."""
        if family == "break":
            self._restart_cadence(now)
        elif family in self._done:
            self._done[family] = now.date()
        else:
            for kind, _, interview in self._interview_events(now)[:1]:
                self._announce(kind, interview)

    def _send(self, kind: str, title: str, body: str, now: datetime) -> None:
        self._last_notice = now
        self._deliver(title, body, kind)

    def _suggestion(self) -> str:
        body = with_keys(SUGGESTIONS[self._suggestion_index % len(SUGGESTIONS)], self.settings.keys)
        self._suggestion_index += 1
        return body

    @staticmethod
    def _digest_body(found: list[str]) -> str:
        names = [name for name in (clean_line(name) for name in found) if name]
        if not names:
            return ""
        shown = ", ".join(names[:_DIGEST_NAMES_SHOWN])
        more = len(names) - _DIGEST_NAMES_SHOWN
        if len(names) == 1:
            return f"One follow-up is due today: {shown}."
        return f"{len(names)} follow-ups are due today: {shown}" + (f" and {more} more." if more > 0 else ".")

    # --- the person's controls -----------------------------------------------------------------

    def snooze(self, minutes: int, now: datetime | None = None) -> str:
        """Not now: the break just shown comes back in `minutes`; otherwise the next one comes `minutes` later.

        A snooze never brings a break sooner than it was planned, and never moves one out of today's
        break hours: then nothing changes and the answer says why. Returns the line to show.
        """
        if minutes < 1:
            raise ValueError("snooze needs at least 1 minute")
        with self._lock:
            now = now or self._clock()
            delay = timedelta(minutes=minutes)
            last = self._last_break
            if last is not None and now - last[1] <= JUST_SHOWN:
                kind, target = last[0], now + delay
            else:
                upcoming = self._next_break_event(now)
                if upcoming is None or not self.breaks_allowed(now):
                    status = self.status_line(now)
                    return f"Nothing to snooze: {status[:1].lower()}{status[1:]}"
                kind, target = upcoming[0], max(upcoming[1], now) + delay
            if _inside(self._break_windows(now), target) is None:
                return f"Nothing to snooze: no breaks until {self._when_next_opens(now, target)}"
            self._change_state(snoozed_kind=kind, snoozed_until=target)
            self._arm(now)
            return f"Snoozed: next break {_when(target, now)}"

    def skip_next(self, now: datetime | None = None) -> str:
        """Leave out the next break only; the cadence carries on after it. Returns the line to show."""
        with self._lock:
            now = now or self._clock()
            refused = self.skip_refused(now)
            if refused:
                return refused
            upcoming = self._next_break_event(now)
            if upcoming is not None:
                kind, due = upcoming
                self._base[kind] = due
                if kind == LONG:
                    self._base[MICRO] = due
                if self.state.snoozed_kind is not None:
                    self._change_state(snoozed_kind=None, snoozed_until=None)
            self._count_skip(now)
            self._arm(now)
            return self.status_line(now)

    def skipped_shown(self, now: datetime | None = None) -> str:
        """ "Skip" on a reminder: that break is over; it counts towards the day's skips (if limited)."""
        with self._lock:
            now = now or self._clock()
            refused = self.skip_refused(now)
            if refused:
                return refused
            self._count_skip(now)
            return self.status_line(now)

    def actions(self, kind: str, now: datetime) -> tuple[tuple[str, str], ...]:
        """The buttons a reminder of `kind` carries: a break's three (only snooze once skips are used up)."""
        if kind not in BREAK_KINDS:
            return ()
        return ACTIONS[:1] if self.skip_refused(now) else ACTIONS

    def skip_refused(self, now: datetime) -> str:
        """The kind words when the person's own skip limit is reached today, else ""."""
        limit = self.settings.daily_skip_limit
        if limit and self.state.skips_on(now.date()) >= limit:
            return SKIPS_USED.format(limit=limit)
        return ""

    def _count_skip(self, now: datetime) -> None:
        self._change_state(skips_day=now.date(), skips=self.state.skips_on(now.date()) + 1)

    def pause(self, hours: float, now: datetime | None = None) -> None:
        """No breaks for `hours`; then they start again one interval later."""
        now = now or self._clock()
        self._set_pause(now + timedelta(hours=hours), now)

    def pause_until_tomorrow(self, now: datetime | None = None) -> None:
        """No breaks until break hours open on a later day (the next working-day start)."""
        with self._lock:
            now = now or self._clock()
            self.state = self.state.replace(paused_until=None)
            next_day = datetime.combine(now.date() + timedelta(days=1), time())
            start = next((opens for opens, _ in self._break_windows(next_day) if opens >= next_day), next_day)
            self._set_pause(start, now)

    def resume(self, now: datetime | None = None) -> None:
        """End a pause now; the next break comes one interval from now."""
        self._set_pause(None, now or self._clock())

    def _set_pause(self, until: datetime | None, now: datetime) -> None:
        with self._lock:
            self._change_state(paused_until=until, snoozed_kind=None, snoozed_until=None)
            self._restart_cadence(now)
            self._arm(now)

    def answer(self, action: str) -> str:
        """An action chosen on a notification: "snooze", "skip" or "pause"; returns the line to show."""
        if action == "snooze":
            return self.snooze(5)
        if action == "pause":
            self.pause(1)
            return self.status_line(self._clock())
        if action == "skip":
            return self.skipped_shown()
        return self.status_line(self._clock())

    def reload_state(self, state: BreakState) -> None:
        """Another process (the command line) changed the pause or snooze: plan again from now."""
        with self._lock:
            now = self._clock()
            if state.paused_until != self.state.paused_until:
                self._restart_cadence(now)
            self.state = state
            self._arm(now)

    def _change_state(self, **changes: object) -> None:
        self.state = self.state.replace(**changes)
        if self._save is not None and self._live:
            try:
                self._save(self.state)
            except OSError as error:
                logger.warning("break state could not be saved: %s", error)

    def _restart_cadence(self, now: datetime) -> None:
        self._base = {MICRO: now, LONG: now}

    # --- what the screens show -----------------------------------------------------------------

    def paused_until(self, now: datetime) -> datetime | None:
        """When the current pause ends, or None when breaks are not paused."""
        until = self.state.paused_until
        return until if until is not None and now < until else None

    def in_quiet_hours(self, now: datetime) -> bool:
        return _inside(self._quiet_windows(now.date() - timedelta(days=1), 2), now) is not None

    def breaks_allowed(self, now: datetime) -> bool:
        """Inside working hours on a working day, not in quiet hours, not paused, not near an interview."""
        return _inside(self._break_windows(now), now) is not None

    def interview_quiet_until(self, now: datetime) -> datetime | None:
        window = _inside(self._interview_windows(now), now)
        return None if window is None else window[1]

    def next_break(self, now: datetime) -> datetime | None:
        """When the next break reminder is due (None: no working hours leave room for one)."""
        upcoming = self._next_break_event(now)
        return None if upcoming is None else max(upcoming[1], now)

    def status_line(self, now: datetime) -> str:
        """One calm line for the status bar / `companion breaks`."""
        paused_until = self.paused_until(now)
        if paused_until is not None:
            return f"Breaks paused until {_when(paused_until, now)}"
        upcoming = self.next_break(now)
        if upcoming is None:
            return "No break reminders: no working hours are set"
        interview_until = self.interview_quiet_until(now)
        if interview_until is not None:
            return (
                f"Quiet around your interview until {_when(interview_until, now)} — next break {_when(upcoming, now)}"
            )
        if self.in_quiet_hours(now):
            return f"Quiet hours — next break {_when(upcoming, now)}"
        if not self.breaks_allowed(now):
            return f"Outside working hours — next break {_when(upcoming, now)}"
        return f"Next break {_when(upcoming, now)}"

    def _when_next_opens(self, now: datetime, after: datetime) -> str:
        opens = next((start for start, _ in self._break_windows(now) if start > after), None)
        return "next week" if opens is None else _when(opens, now)

    # --- what the planner will do --------------------------------------------------------------

    def plan(self, start: datetime, hours: float, *, held: str | None = None) -> list[Planned]:
        """Every reminder these rules send from `start` for `hours`, as a copy of this planner sends them.

        From now on, the copy goes on from this planner's cadence and state; from a moment in the past,
        it starts there as a new planner would. It sees interviews and follow-ups as they are now and
        sends nowhere; `held` (do not disturb now) is noted on each reminder.
        """
        sent: list[Planned] = []
        with self._lock:
            now = self._clock()
            go_on = start >= now
            clock = [now if go_on else start]
            interviews = list(self._interviews()) if self._interviews is not None else []
            copy = BreakPlanner(
                self.settings,
                deliver=lambda title, body, kind: sent.append(Planned(clock[0], kind, title, body)),
                clock=lambda: clock[0],
                due_followups=self._due_followups,
                interviews=lambda: interviews,
                state=self.state.replace(announced=list(self.state.announced)),
                live=False,
            )
            if go_on:
                copy._base, copy._done = dict(self._base), dict(self._done)
                copy._last_break, copy._last_notice = self._last_break, self._last_notice
                copy._suggestion_index = self._suggestion_index
        end = start + timedelta(hours=hours)
        previous: tuple[datetime, str] | None = None
        for _ in range(10_000):  # far more than a week of reminders
            moments = [(copy._next_moment(family, clock[0]), family) for family in _FAMILIES]
            due = min(((moment, family) for moment, family in moments if moment is not None), default=None)
            if due is None or due[0] > end or due == previous:
                break
            previous = due
            clock[0] = max(clock[0], due[0])
            copy._fire(due[1], clock[0])
        note = f"held: {held}" if held else ""
        return [event.replace(note=note) for event in sent if event.at >= start]

    # --- windows -------------------------------------------------------------------------------

    def _quiet_windows(self, first: date, days: int) -> list[Window]:
        s = self.settings
        if s.quiet_start == s.quiet_end:  # equal times: no quiet hours
            return []
        return _daily_windows(first, days, s.clock("quiet_start"), s.clock("quiet_end"))

    def _break_windows(self, around: datetime) -> list[Window]:
        """Working hours minus quiet hours, any pause and interviews, from the day before `around` to a week after."""
        s = self.settings
        first = around.date() - timedelta(days=1)
        work = [
            window
            for window in _daily_windows(first, _HORIZON_DAYS + 1, s.clock("work_start"), s.clock("work_end"))
            if s.works_on(window[0].weekday())
        ]
        holes = self._quiet_windows(first - timedelta(days=1), _HORIZON_DAYS + 2) + self._interview_windows(around)
        if self.state.paused_until is not None:
            holes.append((datetime.min, self.state.paused_until))
        return _subtract(work, holes)


def _when(moment: datetime, now: datetime) -> str:
    """ "14:25" today, "Mon 09:25" within the week, "Mon 3 Mar 09:25" further away."""
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    weekday = _WEEKDAYS[moment.weekday()]
    if moment - now < timedelta(days=6):
        return f"{weekday} {moment:%H:%M}"
    return f"{weekday} {moment.day} {moment:%b %H:%M}"


def settings_from_config(config: Config) -> BreakSettings:
    """The break settings of the person's config (already checked by companion.config, so this does not raise)."""
    return BreakSettings(**config.values())

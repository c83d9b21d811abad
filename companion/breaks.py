"""Break reminders, the follow-up digest and the evening prompt, on a private schedule (DESIGN §7).

Why the planner drives the jobs itself: schedule 1.2.2 reads `datetime.datetime.now()` inside
`should_run`, `run` and `_schedule_next_run`, so its own `run_pending()` can be neither tested without
sleeping nor told about working hours. We keep a private `schedule.Scheduler()` for what it is good
at (registering, tagging and ordering jobs) and `tick()` runs the due jobs by our injected clock and
sets each `next_run` itself. Never call the scheduler's `run_pending()`: call `tick()`.

Rules the user can rely on:
- Breaks only inside working hours on working days, never in quiet hours nor during a pause; the
  first break of a day (or after a pause) comes one interval after they open again.
- The digest and the evening prompt come on working days, outside quiet hours, not before their
  time of day: one missed during a suspend comes on waking if it is still the right part of the day
  (an evening prompt missed overnight waits for the evening, not the next morning).
- One tick sends at most one break: after a suspend or a clock jump, one reminder, not a burst,
  and the cadence restarts from that moment.
- A job that raises is logged and rescheduled like any other, so it never fires on every tick.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Callable

import schedule

from companion.config import WEEKDAY_NAMES, Config
from companion.keynames import with_keys
from companion.textsafe import clean_line
from companion.values import Value

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Deliver = Callable[[str, str], None]
DueFollowups = Callable[[date], list[str] | None]

SNOOZE_CHOICES = (5, 15)
JUST_SHOWN = timedelta(minutes=10)  # a snooze this soon after a break answers that break
PAUSE_CHOICES = (1, 2)  # hours; "until tomorrow" is its own method
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
_DIGEST_NAMES_SHOWN = 3
_HORIZON_DAYS = 8  # a full week ahead, plus today
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _parse_clock(value: str, name: str) -> time:
    try:
        return datetime.strptime(value, "%H:%M").time()
    except ValueError:
        raise ValueError(f"{name} must be a time like 09:30, not {value!r}") from None


class BreakSettings(Value):
    """What the user can set in config.toml; times are "HH:MM", days are 0 = Monday ... 6 = Sunday."""

    __slots__ = (
        "micro_minutes",
        "long_minutes",
        "work_start",
        "work_end",
        "work_days",
        "quiet_start",
        "quiet_end",
        "evening_prompt",
        "evening_time",
        "digest_time",
        "keys",
    )

    def __init__(
        self,
        micro_minutes: int = 25,
        long_minutes: int = 90,
        work_start: str = "09:00",
        work_end: str = "18:00",
        work_days: list[int] | None = None,
        quiet_start: str = "21:00",
        quiet_end: str = "08:00",
        evening_prompt: bool = False,
        evening_time: str = "18:30",
        digest_time: str = "09:30",
        keys: dict[str, str] | None = None,
    ) -> None:
        self.micro_minutes = micro_minutes
        self.long_minutes = long_minutes
        self.work_start = work_start
        self.work_end = work_end
        self.work_days = [0, 1, 2, 3, 4] if work_days is None else work_days
        self.quiet_start = quiet_start
        self.quiet_end = quiet_end
        self.evening_prompt = evening_prompt
        self.evening_time = evening_time
        self.digest_time = digest_time
        self.keys = {} if keys is None else keys  # the person's own keys: reminders name the key in use
        for name in ("micro_minutes", "long_minutes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 minute")
        for name in ("work_start", "work_end", "quiet_start", "quiet_end", "evening_time", "digest_time"):
            _parse_clock(getattr(self, name), name)
        if self.work_start == self.work_end:
            raise ValueError("work_start and work_end must differ")
        if any(day not in range(7) for day in self.work_days):
            raise ValueError("work_days are numbers from 0 (Monday) to 6 (Sunday)")

    def clock(self, name: str) -> time:
        """The named setting as a time of day (validated in __init__)."""
        return _parse_clock(getattr(self, name), name)


def _daily_windows(first: date, days: int, start: time, end: time) -> list[tuple[datetime, datetime]]:
    """One [start, end) window per day from `first`; an end at or before the start means the next day."""
    windows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        opens = datetime.combine(day, start)
        closes = datetime.combine(day + timedelta(days=1) if end <= start else day, end)
        windows.append((opens, closes))
    return windows


def _subtract(
    windows: list[tuple[datetime, datetime]], holes: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
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


class BreakPlanner:
    """Owns the break / digest / evening jobs and decides, by the injected clock, when each one fires.

    `deliver(title, body)` shows a notification (the TUI hands it to a thread worker);
    `due_followups(day)` lists follow-ups due that day; `on_evening_prompt()` opens the quick-add
    win modal in the TUI (without it, the prompt is delivered as a notification).
    """

    def __init__(
        self,
        settings: BreakSettings,
        *,
        deliver: Deliver,
        clock: Callable[[], datetime] = datetime.now,
        due_followups: DueFollowups | None = None,
        on_evening_prompt: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self._deliver = deliver
        self._clock = clock
        self._due_followups = due_followups
        self._on_evening_prompt = on_evening_prompt
        self._paused_until: datetime | None = None
        self._suggestion_index = 0
        self._last_break: tuple[schedule.Job, datetime] | None = None  # the break last shown, and when
        self._scheduler = schedule.Scheduler()
        every = self._scheduler.every
        self._micro = every(settings.micro_minutes).minutes.do(self._guarded(self._micro_break)).tag("break")
        self._long = every(settings.long_minutes).minutes.do(self._guarded(self._long_break)).tag("break")
        every().day.at(settings.digest_time).do(self._guarded(self._digest_run)).tag("daily")
        if settings.evening_prompt:
            every().day.at(settings.evening_time).do(self._guarded(self._evening_run)).tag("daily")
        self._last_tick = clock()
        self._reschedule_all(self._last_tick)

    # --- running -------------------------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> None:
        """Run every job that is due at `now` (default: the clock), at most one break among them."""
        now = now or self._clock()
        if now < self._last_tick:
            logger.info("clock went back from %s to %s: rescheduling", self._last_tick, now)
            self._reschedule_all(now)
        self._last_tick = now
        due = sorted(job for job in self._scheduler.jobs if job.next_run <= now)
        if self._micro in due and self._long in due:  # e.g. after a suspend: the long break covers both
            due.remove(self._micro)
        for job in due:
            scheduled_for = job.next_run
            job.job_func(now, scheduled_for)
            job.last_run = now
            on_time = "break" in job.tags and now - scheduled_for < timedelta(minutes=job.interval)
            base = scheduled_for if on_time else now  # on time: keep the cadence; late: restart it
            job.next_run = self._following_run(job, base)
            if job is self._long:  # a long break covers the short one: restart its count too
                self._micro.next_run = self._following_run(self._micro, base)

    def _guarded(self, job: Callable[[datetime, datetime], None]) -> Callable[[datetime, datetime], None]:
        """Log a job's exception instead of raising it: the job is then rescheduled like any other."""

        def run(now: datetime, scheduled_for: datetime) -> None:
            try:
                job(now, scheduled_for)
            except Exception:
                logger.exception("%s failed; it will run again at its next time", job.__name__)

        run.__name__ = job.__name__
        return run

    def _micro_break(self, now: datetime, scheduled_for: datetime) -> None:
        self._send_break(self._micro, MICRO_TITLE, now)

    def _long_break(self, now: datetime, scheduled_for: datetime) -> None:
        self._send_break(self._long, LONG_TITLE, now)

    def _send_break(self, job: schedule.Job, title: str, now: datetime) -> None:
        if not self.breaks_allowed(now):
            logger.debug("%s skipped at %s (paused or outside working hours)", title, now)
            return
        body = with_keys(SUGGESTIONS[self._suggestion_index % len(SUGGESTIONS)], self.settings.keys)
        self._suggestion_index += 1
        self._last_break = (job, now)
        self._deliver(title, body)

    def _digest_run(self, now: datetime, scheduled_for: datetime) -> None:
        if self._due_followups is None or not self._daily_job_may_run(now, scheduled_for):
            return
        names = [clean_line(name) for name in (self._due_followups(now.date()) or [])]
        names = [name for name in names if name]
        if not names:
            return
        shown = ", ".join(names[:_DIGEST_NAMES_SHOWN])
        more = len(names) - _DIGEST_NAMES_SHOWN
        if len(names) == 1:
            body = f"One follow-up is due today: {shown}."
        else:
            body = f"{len(names)} follow-ups are due today: {shown}" + (f" and {more} more." if more > 0 else ".")
        self._deliver(DIGEST_TITLE, body)

    def _evening_run(self, now: datetime, scheduled_for: datetime) -> None:
        if not self._daily_job_may_run(now, scheduled_for):
            return
        if self._on_evening_prompt is not None:
            self._on_evening_prompt()
        else:
            self._deliver(EVENING_TITLE, EVENING_BODY)

    def _daily_job_may_run(self, now: datetime, scheduled_for: datetime) -> bool:
        return (
            now.time() >= scheduled_for.time()
            and now.weekday() in self.settings.work_days
            and not self.in_quiet_hours(now)
        )

    # --- the user's controls ---------------------------------------------------------------------

    def snooze(self, minutes: int, now: datetime | None = None) -> None:
        """Not now: the break just shown comes back in `minutes`; otherwise the next one comes `minutes` later.

        A snooze never brings a break sooner than it was planned.
        """
        if minutes < 1:
            raise ValueError("snooze needs at least 1 minute")
        now = now or self._clock()
        delay = timedelta(minutes=minutes)
        if self._last_break is not None and now - self._last_break[1] <= JUST_SHOWN:
            self._last_break[0].next_run = now + delay
            return
        job = self._next_break_job()
        job.next_run = max(job.next_run, now) + delay

    def skip_next(self) -> None:
        """Leave out the next break only; the cadence carries on after it."""
        job = self._next_break_job()
        job.next_run = self._next_break_after(job.next_run, job)

    def pause(self, hours: float, now: datetime | None = None) -> None:
        """No breaks for `hours`; then they start again one interval later."""
        now = now or self._clock()
        self._set_pause(now + timedelta(hours=hours), now)

    def pause_until_tomorrow(self, now: datetime | None = None) -> None:
        """No breaks until break hours open on a later day (the next working-day start)."""
        now = now or self._clock()
        self._paused_until = None
        next_day = datetime.combine(now.date() + timedelta(days=1), time())
        start = next((opens for opens, _ in self._break_windows(next_day) if opens >= next_day), next_day)
        self._set_pause(start, now)

    def resume(self, now: datetime | None = None) -> None:
        """End a pause now; the next break comes one interval from now."""
        self._set_pause(None, now or self._clock())

    def _set_pause(self, until: datetime | None, now: datetime) -> None:
        self._paused_until = until
        for job in (self._micro, self._long):
            job.next_run = self._next_break_after(now, job)

    # --- what the screens show -----------------------------------------------------------------

    def paused_until(self, now: datetime) -> datetime | None:
        """When the current pause ends, or None when breaks are not paused."""
        until = self._paused_until
        return until if until is not None and now < until else None

    def in_quiet_hours(self, now: datetime) -> bool:
        return any(start <= now < end for start, end in self._quiet_windows(now.date() - timedelta(days=1), 2))

    def breaks_allowed(self, now: datetime) -> bool:
        """Inside working hours on a working day, not in quiet hours, not paused."""
        return any(start <= now < end for start, end in self._break_windows(now))

    def next_break(self, now: datetime) -> datetime | None:
        """When the next break reminder is due (None: no working hours leave room for one)."""
        job = self._next_break_job()
        return None if job.next_run == datetime.max else max(job.next_run, now)

    def status_line(self, now: datetime) -> str:
        """One calm line for the status bar / `companion breaks`."""
        paused_until = self.paused_until(now)
        if paused_until is not None:
            return f"Breaks paused until {_when(paused_until, now)}"
        upcoming = self.next_break(now)
        if upcoming is None:
            return "No break reminders: no working hours are set"
        if self.in_quiet_hours(now):
            return f"Quiet hours — next break {_when(upcoming, now)}"
        if not self.breaks_allowed(now):
            return f"Outside working hours — next break {_when(upcoming, now)}"
        return f"Next break {_when(upcoming, now)}"

    # --- when things happen --------------------------------------------------------------------

    def _next_break_job(self) -> schedule.Job:
        return min(self._micro, self._long)

    def _reschedule_all(self, now: datetime) -> None:
        for job in self._scheduler.jobs:
            job.next_run = self._following_run(job, now)

    def _following_run(self, job: schedule.Job, base: datetime) -> datetime:
        if "break" in job.tags:
            return self._next_break_after(base, job)
        return self._next_daily(base, job.at_time)

    def _quiet_windows(self, first: date, days: int) -> list[tuple[datetime, datetime]]:
        s = self.settings
        if s.quiet_start == s.quiet_end:  # equal times: no quiet hours
            return []
        return _daily_windows(first, days, s.clock("quiet_start"), s.clock("quiet_end"))

    def _break_windows(self, around: datetime) -> list[tuple[datetime, datetime]]:
        """Working hours minus quiet hours and any pause, from the day before `around` to a week after."""
        s = self.settings
        first = around.date() - timedelta(days=1)
        work = [
            window
            for window in _daily_windows(first, _HORIZON_DAYS + 1, s.clock("work_start"), s.clock("work_end"))
            if window[0].weekday() in s.work_days
        ]
        holes = self._quiet_windows(first - timedelta(days=1), _HORIZON_DAYS + 2)
        if self._paused_until is not None:
            holes.append((datetime.min, self._paused_until))
        return _subtract(work, holes)

    def _next_break_after(self, base: datetime, job: schedule.Job) -> datetime:
        """One interval after `base` if that is inside break hours, else one interval after they next open."""
        interval = timedelta(minutes=job.interval)
        for start, end in self._break_windows(base):
            if end <= base:
                continue
            candidate = max(start, base) + interval
            if candidate < end:
                return candidate
        return datetime.max  # no working hours leave room for this break within a week

    def _next_daily(self, now: datetime, at: time) -> datetime:
        for offset in range(_HORIZON_DAYS):
            day = now.date() + timedelta(days=offset)
            moment = datetime.combine(day, at)
            if moment > now and day.weekday() in self.settings.work_days:
                return moment
        return datetime.max


def _when(moment: datetime, now: datetime) -> str:
    """"14:25" today, "Mon 09:25" within the week, "Mon 3 Mar 09:25" further away."""
    if moment.date() == now.date():
        return moment.strftime("%H:%M")
    weekday = _WEEKDAYS[moment.weekday()]
    if moment - now < timedelta(days=6):
        return f"{weekday} {moment:%H:%M}"
    return f"{weekday} {moment.day} {moment:%b %H:%M}"


def settings_from_config(config: Config) -> BreakSettings:
    """The break settings of the person's config (already validated by companion.config)."""
    return BreakSettings(
        micro_minutes=config.micro_break_minutes,
        long_minutes=config.long_break_minutes,
        work_start=config.work_start,
        work_end=config.work_end,
        work_days=[WEEKDAY_NAMES.index(day) for day in config.work_days],
        quiet_start=config.quiet_start,
        quiet_end=config.quiet_end,
        evening_prompt=config.evening_prompt,
        keys=dict(config.keys),
    )

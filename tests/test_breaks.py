"""The break planner on an injected clock, the one-scheduler lock, and the `companion breaks` loop."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import schedule
import time_machine

from companion.breaks import (
    DIGEST_TITLE,
    EVENING_BODY,
    EVENING_TITLE,
    LONG_TITLE,
    MICRO_TITLE,
    SUGGESTIONS,
    BreakPlanner,
    BreakSettings,
    settings_from_config,
)
from companion.breaks_service import SchedulerLock, run_service
from companion.config import Config
from companion.keynames import with_keys

REPO = Path(__file__).resolve().parent.parent
MONDAY = date(2024, 3, 4)
MiB = 1024 * 1024


def at(day_offset: int, hhmm: str) -> datetime:
    """A moment in the test week: day 0 is Monday 4 March 2024."""
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(MONDAY + timedelta(days=day_offset), datetime.min.time()).replace(hour=hour, minute=minute)


_traveller: list[time_machine.Coordinates] = []


@pytest.fixture(autouse=True)
def frozen_time() -> Iterator[None]:
    """The system clock stands still unless a test moves it: schedule reads it, so the planner does too."""
    with time_machine.travel(at(0, "00:00").astimezone(), tick=False) as traveller:
        _traveller.append(traveller)
        yield
        _traveller.clear()


def move_to(moment: datetime) -> None:
    """Set the system clock to `moment` (naive local time, as the planner sees it)."""
    _traveller[0].move_to(moment.astimezone())


@dataclass
class Harness:
    """A planner on the (travelling) system clock, and everything it delivered (when, title, body)."""

    now: datetime
    settings: BreakSettings = field(default_factory=BreakSettings)
    sent: list[tuple[datetime, str, str]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    planner: BreakPlanner = field(init=False)

    def __post_init__(self) -> None:
        move_to(self.now)
        self.planner = self.build()

    def build(self, **extra: object) -> BreakPlanner:
        return BreakPlanner(self.settings, deliver=self.deliver, **extra)  # type: ignore[arg-type]

    def deliver(self, title: str, body: str, kind: str) -> None:
        self.sent.append((self.now, title, body))
        self.kinds.append(kind)

    def set_clock(self, moment: datetime) -> None:
        self.now = moment
        move_to(moment)

    def run_until(self, end: datetime, step: timedelta = timedelta(minutes=1)) -> None:
        """Tick once per `step` (as the real loop does, only without waiting) up to and including `end`."""
        while self.now < end:
            self.set_clock(min(self.now + step, end))
            self.planner.tick()

    def jump_to(self, moment: datetime) -> None:
        """A suspend or a clock change: one tick at a much later time."""
        self.set_clock(moment)
        self.planner.tick()

    def times(self, title: str | None = None) -> list[datetime]:
        return [when for when, sent_title, _ in self.sent if title in (None, sent_title)]


# --- cadence and hours ---------------------------------------------------------------------------


def test_short_and_long_breaks_keep_their_cadence() -> None:
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "12:00"))
    assert [(when.strftime("%H:%M"), title) for when, title, _ in h.sent] == [
        ("09:25", MICRO_TITLE),
        ("09:50", MICRO_TITLE),
        ("10:15", MICRO_TITLE),
        ("10:30", LONG_TITLE),  # a long break restarts the short-break count
        ("10:55", MICRO_TITLE),
        ("11:20", MICRO_TITLE),
        ("11:45", MICRO_TITLE),
        ("12:00", LONG_TITLE),
    ]


def test_suggestions_rotate_in_order() -> None:
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "12:00"))
    expected = [with_keys(SUGGESTIONS[i % len(SUGGESTIONS)]) for i in range(len(h.sent))]
    assert [body for _, _, body in h.sent] == expected
    assert any("press b for the Breathe screen" in body for body in expected)


def test_a_suggestion_names_the_persons_own_key() -> None:
    h = Harness(at(0, "09:00"), settings_from_config(Config().replace(keys={"breathe": "ctrl+b"})))
    h.run_until(at(0, "12:00"))
    assert any("press ctrl+b for the Breathe screen" in body for _, _, body in h.sent)
    assert not any("{key:" in body for _, _, body in h.sent)


def test_ticks_seconds_apart_do_not_drift_the_cadence() -> None:
    step = timedelta(seconds=59)  # each break is seen up to one step late; that must not add up
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "12:01"), step=step)
    planned = [at(0, t) for t in ("09:25", "09:50", "10:15", "10:30", "10:55", "11:20", "11:45", "12:00")]
    assert len(h.times()) == len(planned)
    assert all(timedelta(0) <= sent - due < step for sent, due in zip(h.times(), planned, strict=True))


def test_no_breaks_after_work_and_the_first_one_tomorrow_comes_after_an_interval() -> None:
    h = Harness(at(0, "17:00"))
    h.run_until(at(1, "10:00"))
    assert h.times(MICRO_TITLE) == [at(0, "17:25"), at(0, "17:50"), at(1, "09:25"), at(1, "09:50")]
    assert h.times(LONG_TITLE) == []  # 17:00 + 90 min is after work; tomorrow's is 10:30


def test_weekends_are_free() -> None:
    h = Harness(at(4, "17:30"))  # Friday
    h.run_until(at(7, "09:30"), step=timedelta(minutes=5))  # Monday
    assert h.times() == [at(4, "17:55"), at(7, "09:25")]


def test_chosen_work_days_are_respected() -> None:
    h = Harness(at(5, "08:00"), BreakSettings(work_days=("sat",)))  # Saturday only
    h.run_until(at(6, "12:00"), step=timedelta(minutes=5))
    assert {when.date() for when in h.times()} == {at(5, "00:00").date()}


def test_quiet_hours_win_over_working_hours() -> None:
    settings = BreakSettings(work_start="07:00", work_end="22:30", quiet_start="21:00", quiet_end="08:00")
    h = Harness(at(0, "07:00"), settings)
    h.run_until(at(1, "07:00"), step=timedelta(minutes=5))
    assert h.times()[0] == at(0, "08:25")
    assert all(at(0, "08:00") <= when < at(0, "21:00") for when in h.times())


def test_a_night_shift_across_midnight() -> None:
    settings = BreakSettings(work_start="22:00", work_end="06:00", quiet_start="12:00", quiet_end="12:00")
    h = Harness(at(0, "21:00"), settings)
    h.run_until(at(1, "07:00"), step=timedelta(minutes=5))
    assert h.times(MICRO_TITLE)[:3] == [at(0, "22:25"), at(0, "22:50"), at(0, "23:15")]
    assert h.times()[-1] < at(1, "06:00")


def test_no_working_days_means_no_breaks_and_says_so() -> None:
    h = Harness(at(0, "10:00"), BreakSettings(work_days=()))
    h.run_until(at(2, "10:00"), step=timedelta(minutes=10))
    assert h.sent == []
    assert h.planner.next_break(h.now) is None
    assert h.planner.status_line(h.now) == "No break reminders: no working hours are set"


# --- the user's controls -------------------------------------------------------------------------


def test_snooze_brings_the_break_back_after_the_chosen_minutes() -> None:
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "09:25"))
    h.planner.snooze(5)
    assert h.planner.next_break(h.now) == at(0, "09:30")
    h.run_until(at(0, "09:56"))
    assert h.times() == [at(0, "09:25"), at(0, "09:30"), at(0, "09:55")]


def test_snooze_before_any_break_moves_the_next_one_later_never_sooner() -> None:
    h = Harness(at(0, "09:00"))
    assert h.planner.next_break(h.now) == at(0, "09:25")
    h.planner.snooze(5)
    assert h.planner.next_break(h.now) == at(0, "09:30")
    h.run_until(at(0, "09:25"))
    h.run_until(at(0, "09:45"))  # a break shown at 09:30, snoozed 15 minutes after it was shown
    h.planner.snooze(15)
    assert h.planner.next_break(h.now) == at(0, "10:10")  # 09:55 + 15, not 09:45 + 15
    assert h.times() == [at(0, "09:30")]


def test_snooze_needs_a_positive_number_of_minutes() -> None:
    with pytest.raises(ValueError, match="at least 1 minute"):
        Harness(at(0, "09:00")).planner.snooze(0)


def test_skip_next_leaves_out_one_break_only() -> None:
    h = Harness(at(0, "09:00"))
    h.planner.skip_next()
    assert h.planner.status_line(h.now) == "Next break 09:50"
    h.run_until(at(0, "10:20"))
    assert h.times() == [at(0, "09:50"), at(0, "10:15")]


def test_pause_for_an_hour_then_breaks_come_back() -> None:
    h = Harness(at(0, "10:00"))
    h.planner.pause(1)
    assert h.planner.status_line(h.now) == "Breaks paused until 11:00"
    h.run_until(at(0, "12:40"))
    assert h.times(MICRO_TITLE)[0] == at(0, "11:25")
    assert h.times(LONG_TITLE) == [at(0, "12:30")]
    assert all(when >= at(0, "11:00") for when in h.times())
    assert h.planner.status_line(h.now) == "Next break 12:55"


def test_pause_for_two_hours() -> None:
    h = Harness(at(0, "09:00"))
    h.planner.pause(2)
    h.run_until(at(0, "11:30"))
    assert h.times() == [at(0, "11:25")]


def test_resume_ends_a_pause_early() -> None:
    h = Harness(at(0, "10:00"))
    h.planner.pause(2)
    h.run_until(at(0, "10:20"))
    h.planner.resume()
    assert h.planner.paused_until(h.now) is None
    assert h.planner.status_line(h.now) == "Next break 10:45"
    h.run_until(at(0, "10:45"))
    assert h.times() == [at(0, "10:45")]


def test_pause_until_tomorrow_waits_for_the_next_working_day() -> None:
    h = Harness(at(4, "14:00"))  # Friday
    h.planner.pause_until_tomorrow()
    assert h.planner.paused_until(h.now) == at(7, "09:00")
    assert h.planner.status_line(h.now) == "Breaks paused until Mon 09:00"
    h.run_until(at(7, "09:30"), step=timedelta(minutes=5))
    assert h.times() == [at(7, "09:25")]


# --- the digest and the evening prompt -----------------------------------------------------------


def test_the_digest_lists_todays_follow_ups_once() -> None:
    asked: list[date] = []

    def due(day: date) -> list[str]:
        asked.append(day)
        return ["Acme (Backend)", "Globex\x1b[31m (SRE)"]

    h = Harness(at(0, "09:00"))
    h.planner = h.build(due_followups=due)
    h.run_until(at(0, "10:00"))
    assert asked == [MONDAY]
    assert [(when, title, body) for when, title, body in h.sent if title == DIGEST_TITLE] == [
        (at(0, "09:30"), DIGEST_TITLE, "2 follow-ups are due today: Acme (Backend), Globex (SRE).")
    ]


@pytest.mark.parametrize(
    ("names", "body"),
    [
        (["Acme"], "One follow-up is due today: Acme."),
        (["A", "B", "C", "D", "E"], "5 follow-ups are due today: A, B, C and 2 more."),
    ],
)
def test_the_digest_wording(names: list[str], body: str) -> None:
    h = Harness(at(0, "09:29"))
    h.planner = h.build(due_followups=lambda day: names)
    h.run_until(at(0, "09:30"))
    assert h.sent == [(at(0, "09:30"), DIGEST_TITLE, body)]


@pytest.mark.parametrize("nothing", [[], None, ["  ", "\x1b[0m"]])
def test_no_digest_when_nothing_is_due(nothing: list[str] | None) -> None:
    asked: list[date] = []

    def due(day: date) -> list[str] | None:
        asked.append(day)
        return nothing

    h = Harness(at(0, "09:29"))
    h.planner = h.build(due_followups=due)
    h.run_until(at(0, "09:31"))
    assert asked == [MONDAY]
    assert h.sent == []


def test_no_digest_on_a_day_off() -> None:
    asked: list[date] = []
    h = Harness(at(5, "09:00"))  # Saturday
    h.planner = h.build(due_followups=lambda day: asked.append(day) or ["Acme"])
    h.run_until(at(5, "12:00"))
    assert asked == []


def test_a_digest_missed_during_a_suspend_comes_on_waking() -> None:
    asked: list[date] = []
    h = Harness(at(4, "09:00"))  # Friday
    h.planner = h.build(due_followups=lambda day: asked.append(day) or ["Acme"])
    h.jump_to(at(7, "10:00"))  # Monday: the break that was due comes first, the digest a minute later
    h.run_until(at(7, "10:05"))
    assert asked == [at(7, "00:00").date()]
    assert h.times(DIGEST_TITLE) == [at(7, "10:01")]
    assert h.times() == [at(7, "10:00"), at(7, "10:01")]


def test_the_evening_prompt_calls_the_app() -> None:
    prompts: list[datetime] = []
    h = Harness(at(0, "18:00"), BreakSettings(evening_prompt=True))
    h.planner = h.build(on_evening_prompt=lambda: prompts.append(h.now))
    h.run_until(at(0, "19:00"))
    assert prompts == [at(0, "18:30")]


def test_the_evening_prompt_without_the_app_is_a_notification() -> None:
    h = Harness(at(0, "18:00"), BreakSettings(evening_prompt=True))
    h.run_until(at(0, "19:00"))
    assert h.sent == [(at(0, "18:30"), EVENING_TITLE, EVENING_BODY)]


def test_the_evening_prompt_is_off_by_default() -> None:
    h = Harness(at(0, "18:00"))
    h.run_until(at(0, "19:00"))
    assert h.sent == []


def test_an_evening_prompt_missed_overnight_waits_for_the_evening() -> None:
    h = Harness(at(0, "18:00"), BreakSettings(evening_prompt=True, work_start="07:00"))
    h.jump_to(at(1, "08:30"))
    assert h.times(EVENING_TITLE) == []
    h.run_until(at(1, "18:31"), step=timedelta(minutes=5))
    assert h.times(EVENING_TITLE) == [at(1, "18:30")]


# --- reliability ---------------------------------------------------------------------------------


def test_a_failing_delivery_is_logged_and_not_fired_every_tick(caplog: pytest.LogCaptureFixture) -> None:
    attempts: list[datetime] = []

    def broken(title: str, body: str, kind: str) -> None:
        attempts.append(datetime.now())
        raise RuntimeError("notification daemon gone")

    move_to(at(0, "09:00"))
    planner = BreakPlanner(BreakSettings(), deliver=broken)
    move_to(at(0, "09:25"))
    for _ in range(30):  # many ticks at the same moment, as a fast loop would do
        planner.tick()
    move_to(at(0, "09:49"))
    planner.tick()
    assert attempts == [at(0, "09:25")]
    assert "notification daemon gone" in caplog.text
    assert planner.next_break(at(0, "09:49")) == at(0, "09:50")


def test_a_failing_follow_up_lookup_is_logged_and_not_retried_every_tick(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[date] = []

    def broken(day: date) -> list[str]:
        calls.append(day)
        raise OSError("store is locked")

    h = Harness(at(0, "09:29"))
    h.planner = h.build(due_followups=broken)
    h.run_until(at(0, "09:40"), step=timedelta(seconds=10))
    assert calls == [MONDAY]
    assert "store is locked" in caplog.text
    h.run_until(at(0, "10:00"))
    assert h.times() == [at(0, "09:54")]  # the breaks went on regardless


def test_one_reminder_not_a_burst_after_a_three_hour_jump() -> None:
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "09:10"))
    h.jump_to(at(0, "12:10"))
    assert h.times() == [at(0, "12:10")]
    h.run_until(at(0, "12:36"))
    assert h.times() == [at(0, "12:10"), at(0, "12:35")]


def test_a_jump_into_the_evening_sends_nothing() -> None:
    h = Harness(at(0, "17:40"))
    h.jump_to(at(0, "22:00"))
    assert h.sent == []
    assert h.planner.status_line(h.now) == "Quiet hours — next break Tue 09:25"


def test_a_clock_set_back_does_not_postpone_breaks() -> None:
    h = Harness(at(0, "12:00"))
    h.jump_to(at(0, "10:00"))
    assert h.planner.next_break(h.now) == at(0, "10:25")


def test_the_module_level_scheduler_is_never_used() -> None:
    h = Harness(at(0, "09:00"))
    h.run_until(at(0, "10:00"))
    assert schedule.jobs == []


# --- what the screens show -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "line"),
    [
        (at(0, "09:00"), "Next break 09:25"),
        (at(0, "07:00"), "Quiet hours — next break 09:25"),
        (at(0, "08:30"), "Outside working hours — next break 09:25"),
        (at(0, "19:00"), "Outside working hours — next break Tue 09:25"),
        (at(4, "19:00"), "Outside working hours — next break Mon 09:25"),
        (at(5, "12:00"), "Outside working hours — next break Mon 09:25"),
        (at(0, "23:00"), "Quiet hours — next break Tue 09:25"),
    ],
)
def test_status_line(now: datetime, line: str) -> None:
    assert Harness(now).planner.status_line(now) == line


def test_status_line_far_ahead_names_the_date() -> None:
    now = at(0, "10:00")
    planner = Harness(now, BreakSettings(work_days=("mon",))).planner
    planner.pause_until_tomorrow()
    assert planner.status_line(now) == "Breaks paused until Mon 11 Mar 09:00"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"work_start": "9.30"}, "breaks.work_start: expected a time like"),
        ({"quiet_end": "25:00"}, "breaks.quiet_end: expected a time like"),
        ({"micro_break_minutes": 0}, "breaks.micro_break_minutes: expected a whole number of minutes from 5 to 240"),
        ({"work_days": ["someday"]}, "breaks.work_days: unknown day 'someday'"),
        ({"work_start": "09:00", "work_end": "09:00"}, "they need to differ"),
    ],
)
def test_settings_name_what_is_wrong(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BreakSettings(**changes)  # type: ignore[arg-type]


# --- one scheduler per data dir ------------------------------------------------------------------

LOCK_PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from companion.breaks_service import SchedulerLock\n"
    "lock = SchedulerLock(Path(sys.argv[1]))\n"
    "print(lock.is_held_elsewhere(), lock.acquire())\n"
)


def probe_lock(data_dir: Path) -> str:
    """(is it held elsewhere, could I take it), as another process sees it."""
    probe = subprocess.run(
        [sys.executable, "-c", LOCK_PROBE, str(data_dir)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert probe.stderr == ""
    return probe.stdout.strip()


def test_a_second_process_cannot_take_the_lock(tmp_path: Path) -> None:
    lock = SchedulerLock(tmp_path / "data")
    assert lock.acquire()
    assert probe_lock(tmp_path / "data") == "True False"
    lock.release()
    assert probe_lock(tmp_path / "data") == "False True"


def test_a_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    first, second = SchedulerLock(tmp_path), SchedulerLock(tmp_path)
    assert first.acquire() and first.held
    assert not first.is_held_elsewhere()
    assert second.is_held_elsewhere()
    assert not second.acquire() and not second.held
    first.release()
    assert second.acquire()
    second.release()


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    lock = SchedulerLock(tmp_path / "data")
    lock.acquire()
    assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(lock.path.parent.stat().st_mode) == 0o700
    lock.release()


def test_a_crashed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_PROBE + "sys.stdout.flush()\nsys.stdin.read()\n", str(tmp_path)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "False True"
    assert not SchedulerLock(tmp_path).acquire()
    holder.kill()
    holder.wait(timeout=30)
    assert SchedulerLock(tmp_path).acquire()


def test_nobody_holds_the_lock_of_a_data_dir_that_does_not_exist(tmp_path: Path) -> None:
    assert not SchedulerLock(tmp_path / "never-created").is_held_elsewhere()
    assert not (tmp_path / "never-created").exists()


# --- `companion breaks` --------------------------------------------------------------------------

SERVICE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from companion.breaks import BreakSettings\n"
    "from companion.breaks_service import run_service\n"
    "sys.exit(run_service(Path(sys.argv[1]), BreakSettings()))\n"
)


def vm_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS line")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_the_service_runs_light_and_stops_cleanly_on_a_signal(tmp_path: Path, stop_signal: signal.Signals) -> None:
    service = subprocess.Popen(
        [sys.executable, "-c", SERVICE, str(tmp_path)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert service.stdout is not None
    first_line = service.stdout.readline()  # printed once the loop is ready
    rss = vm_rss(service.pid)
    service.send_signal(stop_signal)
    rest, errors = service.communicate(timeout=30)
    assert first_line.startswith("companion breaks: ") and first_line.endswith("Ctrl+C stops.\n")
    assert (service.returncode, rest, errors) == (0, "companion breaks: stopped. Take care.\n", "")
    assert rss <= 30 * MiB, f"RSS {rss / MiB:.1f} MiB"


def test_the_service_imports_neither_textual_nor_rich() -> None:
    code = (
        "import sys, companion.breaks_service; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout == "[]\n"


def test_only_one_service_per_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = SchedulerLock(tmp_path)
    lock.acquire()
    assert run_service(tmp_path, BreakSettings(), stop_event=threading.Event()) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "companion breaks: breaks are already handled by another companion process.\n"
    lock.release()


def test_a_stopped_service_releases_the_lock_and_the_signal_handlers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    stop = threading.Event()
    stop.set()
    assert run_service(tmp_path, BreakSettings(), stop_event=stop) == 0
    assert capsys.readouterr().out.endswith("companion breaks: stopped. Take care.\n")
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers
    assert not SchedulerLock(tmp_path).is_held_elsewhere()


def test_the_service_can_run_in_a_thread_and_stop_by_event(tmp_path: Path) -> None:
    stop = threading.Event()
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(run_service(tmp_path, BreakSettings(), stop_event=stop)))
    worker.start()
    stop.set()
    worker.join(timeout=30)
    assert codes == [0]

"""The planner's rules with the system clock moved by time-machine: bursts, DST, interviews, holds, idle, state."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from companion import dates
from companion.break_inputs import interview_source
from companion.break_state import StateFile, state_path
from companion.breaks import (
    AFTER,
    BREAK_KINDS,
    LONG,
    MICRO,
    NUDGE,
    BreakPlanner,
    BreakSettings,
)
from companion.config import WEEKDAY_NAMES
from companion.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2024, 3, 4)


def at(day: int, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


class Clock:
    """The system clock, moved by time-machine; `real` times are UTC, whatever the wall clock says.

    `elapsed` is the time that really passed (as a monotonic clock counts it): a suspend adds to it,
    setting the clock back does not take from it.
    """

    def __init__(self, traveller: time_machine.Coordinates, zone: ZoneInfo | None) -> None:
        self.traveller = traveller
        self.zone = zone
        self.elapsed = timedelta(0)

    def set_local(self, moment: datetime) -> None:
        self.traveller.move_to(moment.replace(tzinfo=self.zone) if self.zone else moment.astimezone())

    def set_real(self, moment: datetime) -> None:
        self.traveller.move_to(moment.astimezone(self.zone) if self.zone else moment)

    @staticmethod
    def real() -> datetime:
        return datetime.now(UTC)


@pytest.fixture
def clock() -> Iterator[Clock]:
    with time_machine.travel(at(0, "08:00").astimezone(), tick=False) as traveller:
        yield Clock(traveller, None)


@pytest.fixture
def berlin() -> Iterator[Clock]:
    """The process's local time zone is Europe/Berlin while the test runs (time-machine sets TZ)."""
    with time_machine.travel(datetime(2024, 3, 30, 12, tzinfo=BERLIN), tick=False) as traveller:
        yield Clock(traveller, BERLIN)


class Sent:
    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock
        self.items: list[tuple[datetime, timedelta, str, str, str]] = []  # (local, elapsed, kind, title, body)

    def __call__(self, title: str, body: str, kind: str) -> None:
        elapsed = self.clock.elapsed if self.clock else Clock.real() - datetime(2000, 1, 1, tzinfo=UTC)
        self.items.append((datetime.now(), elapsed, kind, title, body))

    def breaks(self) -> list[tuple[datetime, timedelta, str, str, str]]:
        return [item for item in self.items if item[2] in BREAK_KINDS]


def run(planner: BreakPlanner, clock: Clock, start_real: datetime, minutes: int, step: int = 60) -> None:
    """Tick every `step` seconds of real time for `minutes`."""
    for n in range(1, minutes * 60 // step + 1):
        clock.set_real(start_real + timedelta(seconds=n * step))
        clock.elapsed += timedelta(seconds=step)
        planner.tick()


# --- never a burst ---------------------------------------------------------------------------------

SIZES = [1, 3, 4, 5, 14, 15, 24, 25, 26, 60, 89, 90, 91, 179, 240, 600, 60 * 15, 60 * 26, 60 * 24 * 3]


@pytest.mark.parametrize("start", ["09:07", "10:28", "17:40", "20:50"])
def test_a_sweep_of_suspends_and_clock_steps_never_makes_a_burst(clock: Clock, start: str) -> None:
    settings = BreakSettings(work_start="08:00", work_end="22:00")  # working hours run into quiet hours
    for forward in (True, False):
        for size in SIZES:
            clock.set_local(at(0, start))
            sent = Sent(clock)
            planner = BreakPlanner(settings, deliver=sent)
            run(planner, clock, Clock.real(), 60)
            before = len(sent.items)
            jump = timedelta(minutes=size) if forward else -timedelta(minutes=min(size, 600))
            clock.set_real(Clock.real() + jump)  # a suspend (forward) or the clock set back
            clock.elapsed += jump if forward else timedelta(0)
            planner.tick()
            assert len(sent.items) - before <= 1, (start, size, forward, sent.items[before:])
            run(planner, clock, Clock.real(), 90)
            elapsed = [moment for _, moment, *_ in sent.breaks()]
            gaps = [b - a for a, b in itertools.pairwise(elapsed)]
            assert all(gap >= timedelta(minutes=4) for gap in gaps), (start, size, forward, sent.breaks())
            assert not any(planner.in_quiet_hours(local) for local, *_ in sent.items), (start, size, forward)
            if not forward:  # a step back never leaves a long silence: the cadence starts again
                last_allowed = [local for local, *_ in sent.breaks()]
                assert last_allowed or not planner.breaks_allowed(datetime.now()), (start, size)


@pytest.mark.parametrize(
    ("first_local", "change_real", "label"),
    [
        (datetime(2024, 3, 30, 23, 0), datetime(2024, 3, 31, 1, 0, tzinfo=UTC), "spring: 02:00 becomes 03:00"),
        (datetime(2024, 10, 26, 23, 0), datetime(2024, 10, 27, 1, 0, tzinfo=UTC), "autumn: 03:00 becomes 02:00"),
    ],
)
def test_dst_changes_in_berlin_send_one_reminder_at_a_time(
    berlin: Clock, first_local: datetime, change_real: datetime, label: str
) -> None:
    settings = BreakSettings(work_start="22:00", work_end="06:00", quiet_start="12:00", quiet_end="12:00",
                             work_days=WEEKDAY_NAMES)  # fmt: skip
    berlin.set_local(first_local)
    begin = Clock.real()
    sent = Sent(berlin)
    planner = BreakPlanner(settings, deliver=sent)
    run(planner, berlin, begin, 5 * 60, step=15)
    elapsed = [moment for _, moment, *_ in sent.breaks()]
    assert elapsed[0] < change_real - begin < elapsed[-1], label
    gaps = [b - a for a, b in itertools.pairwise(elapsed)]
    assert all(timedelta(minutes=4) <= gap <= timedelta(minutes=26) for gap in gaps), (label, gaps)
    assert str(datetime.now().astimezone().tzinfo) in ("CET", "CEST")


def test_a_plan_across_the_spring_change_has_offsets_that_name_it(berlin: Clock) -> None:
    settings = BreakSettings(work_start="22:00", work_end="06:00", quiet_start="12:00", quiet_end="12:00",
                             work_days=WEEKDAY_NAMES)  # fmt: skip
    berlin.set_local(datetime(2024, 3, 30, 22, 0))
    planner = BreakPlanner(settings, deliver=Sent())
    stamps = [dates.timestamp(event.at) for event in planner.plan(datetime(2024, 3, 30, 22, 0), 6)]
    assert any(stamp.endswith("+01:00") for stamp in stamps) and any(stamp.endswith("+02:00") for stamp in stamps)
    assert not any("T02:" in stamp for stamp in stamps)  # 02:00-03:00 does not exist that night


# --- the plan is what is sent ----------------------------------------------------------------------


def interview(store: Store, starts: datetime, minutes: int = 60, who: str = "Dana [TODO] [/]") -> None:
    store.insert("interviews", {
        "application_id": "app1", "starts_at": dates.timestamp(starts), "minutes": minutes, "kind": "video",
        "with": who, "where": "", "notes": "",
    })  # fmt: skip


def test_the_plan_is_what_the_running_planner_sends(clock: Clock, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock=lambda: at(0, "08:00"))
    interview(store, at(0, "14:00"))
    settings = BreakSettings(evening_prompt=True)
    clock.set_local(at(0, "08:30"))
    sent = Sent()
    planner = BreakPlanner(settings, deliver=sent, interviews=interview_source(store),
                           due_followups=lambda day: ["Acme (Backend)"])  # fmt: skip
    planned = planner.plan(at(0, "08:30"), 12)
    run(planner, clock, Clock.real(), 12 * 60, step=15)
    assert [(e.at, e.kind, e.title, e.body) for e in planned] == [
        (local.replace(second=0), kind, title, body) for local, _, kind, title, body in sent.items
    ]
    kinds = {event.kind for event in planned}
    assert {MICRO, LONG, NUDGE, AFTER, "follow_up_digest", "evening_prompt"} <= kinds


def test_interviews_are_quiet_with_a_nudge_before_and_a_kind_prompt_after(clock: Clock, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock=lambda: at(0, "08:00"))
    interview(store, at(0, "14:00"), minutes=45)
    clock.set_local(at(0, "09:00"))
    planner = BreakPlanner(BreakSettings(), deliver=Sent(), interviews=interview_source(store))
    events = planner.plan(at(0, "09:00"), 9)
    breaks = [event.at for event in events if event.kind in BREAK_KINDS]
    assert not any(at(0, "13:30") <= moment < at(0, "15:00") for moment in breaks)
    assert at(0, "15:25") in breaks  # one interval after the quiet window ends
    nudge = next(event for event in events if event.kind == NUDGE)
    assert nudge.at == at(0, "13:45")
    assert (
        nudge.body
        == "A calm minute before your interview with Dana [TODO] [/] at 14:00? Press b for the Breathe screen."
    )
    after = next(event for event in events if event.kind == AFTER)
    assert after.at == at(0, "15:00") and after.title == "You did the interview with Dana [TODO] [/]"
    assert "thank-you note" in after.body and "win" in after.body
    assert planner.status_line(at(0, "13:40")).startswith("Quiet around your interview until 15:00")


def test_quiet_times_around_interviews_and_the_nudge_follow_the_settings(clock: Clock, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock=lambda: at(0, "08:00"))
    interview(store, at(0, "14:00"))
    clock.set_local(at(0, "09:00"))
    settings = BreakSettings(
        interview_quiet_before_minutes=60, interview_quiet_after_minutes=0, interview_nudge_minutes=0
    )
    events = BreakPlanner(settings, deliver=Sent(), interviews=interview_source(store)).plan(at(0, "09:00"), 9)
    breaks = [event.at for event in events if event.kind in BREAK_KINDS]
    assert not any(at(0, "13:00") <= moment < at(0, "15:00") for moment in breaks)
    assert at(0, "15:25") in breaks
    assert NUDGE not in {event.kind for event in events}
    assert [event.at for event in events if event.kind == AFTER] == [at(0, "15:00")]


def test_an_interview_note_is_sent_once_even_after_a_restart(clock: Clock, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", clock=lambda: at(0, "08:00"))
    interview(store, at(0, "14:00"))
    state = StateFile(state_path(tmp_path / "data"))
    clock.set_local(at(0, "13:40"))
    sent = Sent()
    planner = BreakPlanner(BreakSettings(), deliver=sent, interviews=interview_source(store),
                           state=state.load(), save=state.save)  # fmt: skip
    run(planner, clock, Clock.real(), 10)
    again = BreakPlanner(BreakSettings(), deliver=sent, interviews=interview_source(store),
                         state=state.load(), save=state.save)  # fmt: skip
    run(again, clock, Clock.real(), 10)
    assert [kind for _, _, kind, *_ in sent.items] == [NUDGE]


# --- do not disturb, idle, the person's controls ---------------------------------------------------


def test_do_not_disturb_holds_reminders_and_one_comes_when_it_ends(clock: Clock) -> None:
    dnd = ["dunst is paused"]
    clock.set_local(at(0, "09:00"))
    sent = Sent()
    planner = BreakPlanner(BreakSettings(), deliver=sent, held=lambda: dnd[0] or None)
    run(planner, clock, Clock.real(), 120)
    assert sent.items == []
    planned = planner.plan(datetime.now(), 2, held=dnd[0])
    assert planned and all(event.note == "held: dunst is paused" for event in planned)
    dnd[0] = ""
    run(planner, clock, Clock.real(), 3)
    assert len(sent.items) == 1 and sent.items[0][2] == LONG  # one reminder, the long one that covers both


def test_a_natural_pause_counts_as_a_break(clock: Clock) -> None:
    idle = [0.0]
    clock.set_local(at(0, "09:00"))
    sent = Sent()
    planner = BreakPlanner(BreakSettings(), deliver=sent, idle_seconds=lambda: idle[0])
    run(planner, clock, Clock.real(), 20)
    idle[0] = 180.0  # away from keyboard and mouse for 3 minutes at 09:20
    run(planner, clock, Clock.real(), 1)
    idle[0] = 0.0
    run(planner, clock, Clock.real(), 30)
    assert [local.strftime("%H:%M") for local, *_ in sent.items] == ["09:46"]  # 25 minutes after the pause


def test_pause_and_snooze_survive_a_restart(clock: Clock, tmp_path: Path) -> None:
    state = StateFile(state_path(tmp_path))
    clock.set_local(at(0, "10:00"))
    BreakPlanner(BreakSettings(), deliver=Sent(), state=state.load(), save=state.save).pause(1)
    restarted = BreakPlanner(BreakSettings(), deliver=Sent(), state=state.load(), save=state.save)
    assert restarted.status_line(at(0, "10:05")) == "Breaks paused until 11:00"
    restarted.resume()
    assert restarted.snooze(15) == "Snoozed: next break 10:40"
    again = BreakPlanner(BreakSettings(), deliver=Sent(), state=state.load(), save=state.save)
    assert again.next_break(at(0, "10:00")) == at(0, "10:40")
    assert json.loads(state.path.read_text())["snoozed_kind"] == MICRO
    assert state.path.name.startswith("breaks-state-") and state.path.parent == tmp_path


def test_a_pause_written_by_another_process_is_picked_up(clock: Clock, tmp_path: Path) -> None:
    state = StateFile(state_path(tmp_path))
    clock.set_local(at(0, "10:00"))
    sent = Sent()
    running = BreakPlanner(BreakSettings(), deliver=sent, state=state.load(), save=state.save)
    other = StateFile(state_path(tmp_path))
    BreakPlanner(BreakSettings(), deliver=Sent(), state=other.load(), save=other.save).pause(2)
    assert state.changed()
    running.reload_state(state.load())
    run(running, clock, Clock.real(), 60)
    assert sent.items == [] and running.status_line(datetime.now()) == "Breaks paused until 12:00"


def test_a_damaged_state_file_means_nothing_is_paused(clock: Clock, tmp_path: Path) -> None:
    state = StateFile(state_path(tmp_path))
    state.path.write_text("{not json")
    clock.set_local(at(0, "10:00"))
    assert BreakPlanner(BreakSettings(), deliver=Sent(), state=state.load()).status_line(at(0, "10:00")) == (
        "Next break 10:25"
    )


def test_snooze_in_quiet_hours_says_so_instead_of_moving_a_break_days_away(clock: Clock) -> None:
    clock.set_local(at(4, "22:00"))  # Friday night
    planner = BreakPlanner(BreakSettings(), deliver=Sent())
    said = planner.snooze(5)
    assert said == "Nothing to snooze: quiet hours — next break Mon 09:25"
    assert planner.next_break(at(4, "22:00")) == at(7, "09:25")


def test_snooze_at_the_end_of_the_day_says_when_breaks_come_again(clock: Clock) -> None:
    clock.set_local(at(0, "17:30"))
    planner = BreakPlanner(BreakSettings(), deliver=Sent())
    assert planner.snooze(15) == "Nothing to snooze: no breaks until Tue 09:00"


def test_the_skip_limit_is_off_by_default_and_kind_when_reached(clock: Clock) -> None:
    clock.set_local(at(0, "09:00"))
    free = BreakPlanner(BreakSettings(), deliver=Sent())
    for _ in range(10):
        free.skipped_shown()
    assert free.actions(MICRO, at(0, "09:00")) == (("snooze", "Snooze 5 min"), ("skip", "Skip"), ("pause", "Pause 1 h"))
    limited = BreakPlanner(BreakSettings(daily_skip_limit=2), deliver=Sent())
    limited.skip_next()
    limited.skipped_shown()
    said = limited.skip_next()
    assert said == "Skips for today are used up (your limit is 2); snoozing is always there."
    assert not any(word in said.lower() for word in ("fail", "should", "must", "again?"))
    assert limited.actions(MICRO, at(0, "09:00")) == (("snooze", "Snooze 5 min"),)
    assert limited.actions(NUDGE, at(0, "09:00")) == ()
    clock.set_local(at(1, "09:00"))
    assert limited.skip_refused(at(1, "09:00")) == ""  # a new day


def test_answers_from_a_notification_act_on_the_schedule(clock: Clock) -> None:
    clock.set_local(at(0, "09:00"))
    sent = Sent()
    planner = BreakPlanner(BreakSettings(), deliver=sent)
    run(planner, clock, Clock.real(), 25)
    assert planner.answer("snooze") == "Snoozed: next break 09:30"
    assert planner.answer("pause").startswith("Breaks paused until 10:25")
    assert planner.answer("unknown") == planner.status_line(datetime.now())

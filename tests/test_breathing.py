"""The breathing engine: presets, pacing from a monotonic clock, custom patterns, history maths."""

from __future__ import annotations

import json
import random
from datetime import datetime
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from companion.breathing import (
    CUSTOM_SHAPE,
    MAX_NAME_LENGTH,
    BreathingSession,
    Pattern,
    PatternError,
    Phase,
    PhaseKind,
    closing_line,
    custom_pattern,
    field_name,
    load_presets,
    minutes_this_week,
    pattern_from_dict,
    pattern_to_dict,
    phase_at,
    preset,
    validate_pattern,
)

IN, TOP_UP, HOLD, OUT = PhaseKind.INHALE, PhaseKind.TOP_UP, PhaseKind.HOLD, PhaseKind.EXHALE


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def started_session(pattern: Pattern, **length: float) -> tuple[BreathingSession, FakeClock]:
    clock = FakeClock()
    session = BreathingSession(pattern, clock=clock, **length)  # type: ignore[arg-type]
    session.start()
    return session, clock


# --- presets ---------------------------------------------------------------------------------------


def test_the_five_presets_ship_with_names_descriptions_and_their_rhythms() -> None:
    presets = {pattern.id: pattern for pattern in load_presets()}
    assert {pid: p.rhythm for pid, p in presets.items()} == {
        "box": "4-4-4-4",
        "478": "4-7-8",
        "coherent": "5.5-5.5",
        "sigh": "2-1-6",
        "long-exhale": "4-0-8-0",
    }
    for pattern in presets.values():
        assert pattern.name and pattern.description
    assert [phase.kind for phase in presets["sigh"].phases] == [IN, TOP_UP, OUT]


def test_unknown_preset_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="box, 478, coherent, sigh, long-exhale"):
        preset("square")


# (kind, start second, end second) of each non-empty phase of one cycle.
PRESET_TIMELINES = {
    "box": [(IN, 0, 4), (HOLD, 4, 8), (OUT, 8, 12), (HOLD, 12, 16)],
    "478": [(IN, 0, 4), (HOLD, 4, 11), (OUT, 11, 19)],
    "coherent": [(IN, 0, 5.5), (OUT, 5.5, 11)],
    "sigh": [(IN, 0, 2), (TOP_UP, 2, 3), (OUT, 3, 9)],
    "long-exhale": [(IN, 0, 4), (OUT, 4, 12)],
}


@pytest.mark.parametrize("preset_id", sorted(PRESET_TIMELINES))
def test_phase_boundaries_of_each_preset(preset_id: str) -> None:
    pattern = preset(preset_id)
    timeline = PRESET_TIMELINES[preset_id]
    cycle = timeline[-1][2]
    assert pattern.cycle_seconds == cycle
    for cycle_offset, cycle_number in ((0, 1), (cycle, 2), (cycle * 5, 6)):
        for kind, start, end in timeline:
            at_start = phase_at(pattern, cycle_offset + start)
            assert (at_start.phase.kind, at_start.cycle) == (kind, cycle_number)
            assert at_start.progress == pytest.approx(0.0)
            assert at_start.seconds_left == pytest.approx(end - start)
            just_before_end = phase_at(pattern, cycle_offset + end - 0.001)
            assert just_before_end.phase.kind is kind
            assert just_before_end.seconds_left == pytest.approx(0.001)


def test_zero_second_phases_are_skipped() -> None:
    pattern = preset("long-exhale")
    kinds_seen = {phase_at(pattern, tenth / 10).phase.kind for tenth in range(600)}
    assert kinds_seen == {IN, OUT}
    assert phase_at(pattern, 4.0).index == 2  # straight from the in-breath to the out-breath
    assert phase_at(pattern, 12.0).index == 0


def test_a_pattern_with_nothing_to_breathe_is_refused() -> None:
    with pytest.raises(PatternError):
        Pattern("Empty", (Phase(IN, 0), Phase(OUT, 0)))


# --- scale for the visual ---------------------------------------------------------------------------


def test_box_scale_grows_holds_full_shrinks_and_holds_empty() -> None:
    pattern = preset("box")
    assert [phase_at(pattern, t).scale for t in (0, 2, 4, 6, 8, 10, 12, 14)] == pytest.approx(
        [0.0, 0.5, 1.0, 1.0, 1.0, 0.5, 0.0, 0.0]
    )


def test_the_sigh_goes_most_of_the_way_in_tops_up_then_lets_go() -> None:
    pattern = preset("sigh")
    samples = {t: phase_at(pattern, t) for t in (0, 1, 2, 2.5, 3, 6, 9)}
    assert [(state.label, state.scale) for state in samples.values()] == [
        ("Breathe in", pytest.approx(0.0)),
        ("Breathe in", pytest.approx(0.4)),
        ("In again, a little more", pytest.approx(0.8)),
        ("In again, a little more", pytest.approx(0.9)),
        ("Breathe out", pytest.approx(1.0)),
        ("Breathe out", pytest.approx(0.5)),
        ("Breathe in", pytest.approx(0.0)),
    ]
    assert samples[9].cycle == 2


@given(
    preset_index=st.integers(min_value=0, max_value=4),
    elapsed=st.floats(min_value=0, max_value=100_000, allow_nan=False),
)
def test_every_state_stays_in_range(preset_index: int, elapsed: float) -> None:
    state = phase_at(load_presets()[preset_index], elapsed)
    assert 0.0 <= state.progress <= 1.0
    assert 0.0 <= state.scale <= 1.0
    assert 0.0 <= state.seconds_left <= state.phase.seconds
    assert state.phase.seconds > 0
    assert state.cycle >= 1


# --- session: clock, pause, cycles, end ---------------------------------------------------------------


def test_time_comes_from_the_clock_not_from_calls() -> None:
    session, clock = started_session(preset("box"))
    clock.advance(5.0)
    first = session.phase_at()
    for _ in range(100):  # asking often does not move the breath on
        session.phase_at()
    assert session.phase_at() == first
    assert (first.phase.kind, first.seconds_left) == (HOLD, pytest.approx(3.0))


def test_before_start_nothing_has_elapsed_and_pause_does_nothing() -> None:
    clock = FakeClock()
    session = BreathingSession(preset("box"), clock=clock)
    session.pause()
    clock.advance(30)
    assert (session.elapsed(), session.started, session.paused) == (0.0, False, False)


def test_paused_time_does_not_advance_the_phase() -> None:
    session, clock = started_session(preset("478"))
    clock.advance(3.0)
    session.pause()
    before = session.phase_at()
    clock.advance(120.0)
    assert session.paused
    assert session.elapsed() == pytest.approx(3.0)
    assert session.phase_at() == before
    session.resume()
    clock.advance(1.5)
    state = session.phase_at()
    assert session.elapsed() == pytest.approx(4.5)
    assert (state.phase.kind, state.seconds_left) == (HOLD, pytest.approx(6.5))


def test_pause_and_resume_twice_count_only_the_breathing_time() -> None:
    session, clock = started_session(preset("coherent"))
    for breathe, rest in ((2.0, 10.0), (3.0, 0.5)):
        clock.advance(breathe)
        session.pause()
        session.pause()  # a second pause is harmless
        clock.advance(rest)
        session.resume()
        session.resume()  # and so is a second resume
    assert session.elapsed() == pytest.approx(5.0)


def test_start_again_begins_from_the_first_breath() -> None:
    session, clock = started_session(preset("box"))
    clock.advance(40)
    session.pause()
    session.start()
    clock.advance(1)
    assert session.elapsed() == pytest.approx(1.0)
    assert session.phase_at().cycle == 1


def test_cycles_are_counted_from_one() -> None:
    pattern = preset("coherent")
    assert [phase_at(pattern, t).cycle for t in (0, 10.99, 11, 21.99, 22, 110)] == [1, 1, 2, 2, 3, 11]


def test_ten_minute_session_with_irregular_ticks_does_not_drift() -> None:
    """Sample like a busy screen would: uneven frames, a pause; boundaries stay on the exact seconds."""
    pattern = preset("478")
    exact_lengths = [Fraction(phase.seconds) for phase in pattern.phases if phase.seconds > 0]
    boundaries: list[Fraction] = []
    moment = Fraction(0)
    while moment < 700:
        for length in exact_lengths:
            moment += length
            boundaries.append(moment)

    session, clock = started_session(pattern, minutes=10)
    ticks = random.Random(20240601)
    previous_elapsed, previous_index = 0.0, session.phase_at().index
    changes = 0
    while not session.is_finished():
        clock.advance(ticks.uniform(0.005, 0.4))
        if ticks.random() < 0.01:
            session.pause()
            clock.advance(ticks.uniform(1, 30))
            session.resume()
        elapsed = session.elapsed()
        state = session.phase_at()
        predicted_end = elapsed + state.seconds_left
        nearest = min(boundaries, key=lambda boundary: abs(boundary - Fraction(predicted_end)))
        assert abs(float(nearest) - predicted_end) < 0.1
        if state.index != previous_index:
            changes += 1
            crossed = [b for b in boundaries if previous_elapsed < b <= elapsed]
            assert crossed, f"phase changed at {elapsed:.3f}s with no boundary since {previous_elapsed:.3f}s"
        previous_elapsed, previous_index = elapsed, state.index

    # 600 s of 19 s cycles, rounded up to whole cycles: 32 cycles of 3 phases; the last tick, at or
    # past the end, already shows the first breath of a 33rd cycle, so every boundary was seen once.
    assert session.target_seconds == pytest.approx(32 * 19)
    assert changes == 32 * 3
    assert session.summary().completed_cycles == 32


def test_session_by_minutes_ends_on_a_whole_cycle() -> None:
    session, clock = started_session(preset("box"), minutes=1)
    assert session.target_seconds == 64  # 60 s rounded up to 4 cycles of 16 s
    clock.advance(63.9)
    assert not session.is_finished()
    clock.advance(0.1)
    assert session.is_finished()
    clock.advance(5)
    assert session.summary().seconds == pytest.approx(64)
    assert session.summary().completed_cycles == 4


def test_session_by_minutes_that_fit_exactly_is_not_lengthened() -> None:
    session, _ = started_session(preset("coherent"), minutes=1.1)  # 66 s = 6 cycles of 11 s
    assert session.target_seconds == pytest.approx(66)


def test_session_by_cycles() -> None:
    session, _ = started_session(preset("sigh"), cycles=3)
    assert session.target_seconds == 27
    assert not session.is_finished(26.99)
    assert session.is_finished(27)
    assert session.summary(20.0).completed_cycles == 2


def test_open_ended_session_finishes_only_when_stopped() -> None:
    session, _ = started_session(preset("box"))
    assert session.target_seconds is None
    assert not session.is_finished(10_000)
    assert session.summary(50.0) == type(session.summary(0))(seconds=50.0, completed_cycles=3)


@pytest.mark.parametrize("length", [{"minutes": 1, "cycles": 2}, {"minutes": 0}, {"cycles": 0}])
def test_session_length_must_make_sense(length: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        BreathingSession(preset("box"), **length)  # type: ignore[arg-type]


# --- custom patterns ----------------------------------------------------------------------------------


def test_a_valid_custom_pattern_has_no_errors_and_builds() -> None:
    assert validate_pattern("Evening", [4, 2, "6,5", "0"]) == []
    pattern = custom_pattern("  Evening\x1b[31m  ", [4, 2, "6,5", "0"])
    assert pattern.name == "Evening"
    assert [(p.kind, p.seconds) for p in pattern.phases] == [(IN, 4), (HOLD, 2), (OUT, 6.5), (HOLD, 0)]
    assert phase_at(pattern, 12.4).phase.kind is OUT
    assert phase_at(pattern, 12.5).index == 0  # the 0 s hold after breathing out is skipped


@pytest.mark.parametrize(
    ("name", "phases", "message"),
    [
        ("", [4, 4, 4, 4], "Please give your pattern a name."),
        ("   \x07 ", [4, 4, 4, 4], "Please give your pattern a name."),
        ("x" * (MAX_NAME_LENGTH + 1), [4, 4, 4, 4], "Please keep the name to 40 characters or fewer (it has 41)."),
        ("Calm", [0, 4, 4, 4], "Breathe in needs a little time: please choose more than 0 seconds."),
        ("Calm", [4, 4, 0, 4], "Breathe out needs a little time: please choose more than 0 seconds."),
        ("Calm", [21, 4, 4, 4], "Breathe in: please choose more than 0 and up to 20 seconds."),
        ("Calm", [4, -1, 4, 4], "Hold after breathing in: please choose between 0 and 20 seconds."),
        ("Calm", [4, 4, 4, 20.5], "Hold after breathing out: please choose between 0 and 20 seconds."),
        ("Calm", [4, 4, "nan", 4], "Breathe out: please choose more than 0 and up to 20 seconds."),
        ("Calm", ["four", 4, 4, 4], "Breathe in: please enter a number of seconds, like 4."),
        ("Calm", [4, 4, 4], "A custom pattern has four numbers: breathe in, hold, breathe out, hold."),
    ],
)
def test_each_validation_error(name: str, phases: list[float | str], message: str) -> None:
    assert validate_pattern(name, phases) == [message]
    with pytest.raises(PatternError) as caught:
        custom_pattern(name, phases)
    assert caught.value.messages == [message]
    assert isinstance(caught.value, ValueError)


def test_the_custom_form_fields_are_named_for_people() -> None:
    assert [field_name(CUSTOM_SHAPE, index) for index in range(4)] == [
        "Breathe in",
        "Hold after breathing in",
        "Breathe out",
        "Hold after breathing out",
    ]


def test_limits_are_inclusive() -> None:
    assert validate_pattern("x" * MAX_NAME_LENGTH, [20, 0, 20, 0]) == []


def test_all_problems_are_reported_at_once() -> None:
    errors = validate_pattern("", [0, 30, "", 4])
    assert errors == [
        "Please give your pattern a name.",
        "Breathe in needs a little time: please choose more than 0 seconds.",
        "Hold after breathing in: please choose between 0 and 20 seconds.",
        "Breathe out: please enter a number of seconds, like 4.",
    ]
    assert str(PatternError(errors)).startswith("Please give your pattern a name. Breathe in needs")


def test_custom_and_preset_patterns_survive_a_trip_through_json() -> None:
    custom = custom_pattern("Desk reset", [3.5, 1, 7, 0])
    for pattern in (custom, *load_presets()):
        stored = json.loads(json.dumps(pattern_to_dict(pattern)))
        assert pattern_from_dict(stored) == pattern
    assert pattern_to_dict(custom)["phases"] == [
        {"kind": "inhale", "seconds": 3.5},
        {"kind": "hold", "seconds": 1.0},
        {"kind": "exhale", "seconds": 7.0},
        {"kind": "hold", "seconds": 0.0},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Calm"}, "This pattern has no phases to breathe."),
        ({"name": "Calm", "phases": [{"kind": "sniff", "seconds": 2}]}, "Phase 1 has an unknown kind 'sniff'"),
        ({"name": "Calm", "phases": [{"kind": "inhale"}]}, "Phase 1 needs a number of seconds."),
        (
            {"name": "Calm", "phases": [{"kind": "inhale", "seconds": 4}, {"kind": "exhale", "seconds": 0}]},
            "Breathe out needs a little time",
        ),
        (
            {"name": "Calm", "phases": [{"kind": "exhale", "seconds": 4}, {"kind": "hold", "seconds": 99}]},
            "Hold after breathing out: please choose between 0 and 20 seconds.",
        ),
        ({"name": "", "phases": [{"kind": "inhale", "seconds": 4}]}, "Please give your pattern a name."),
    ],
)
def test_stored_patterns_that_cannot_be_paced_are_refused_clearly(data: dict[str, object], message: str) -> None:
    with pytest.raises(PatternError, match=message):
        pattern_from_dict(data)


# --- history and closing words ------------------------------------------------------------------------


def test_minutes_this_week_counts_monday_to_sunday_across_a_year_end() -> None:
    now = datetime(2025, 1, 1, 9, 0)  # a Wednesday; its ISO week starts Monday 2024-12-30
    records = [
        (datetime(2024, 12, 29, 23, 59), 600.0),  # Sunday before: last week
        (datetime(2024, 12, 30, 0, 0), 120.0),  # Monday, first minute of the week
        (datetime(2025, 1, 1, 8, 30), 90.0),
        (datetime(2025, 1, 5, 23, 59), 30.0),  # Sunday night, still this week
        (datetime(2025, 1, 6, 0, 0), 300.0),  # next Monday
    ]
    assert minutes_this_week(records, now) == pytest.approx(4.0)
    assert minutes_this_week(records, datetime(2025, 1, 6, 7, 0)) == pytest.approx(5.0)
    assert minutes_this_week(records, datetime(2024, 12, 29, 12, 0)) == pytest.approx(10.0)
    assert minutes_this_week([], now) == 0


@pytest.mark.parametrize(
    ("seconds", "line"),
    [
        (0, "Whenever you're ready, this space is here for you."),
        (25, "A few calm breaths. Even a short pause makes a difference."),
        (64, "1 minute of calm. Well done taking this time."),
        (185, "3 minutes of calm. Well done taking this time."),
        (610, "10 minutes of calm. Well done taking this time."),
    ],
)
def test_closing_line_is_gentle_at_every_length(seconds: float, line: str) -> None:
    assert closing_line(seconds) == line
    assert not any(word in line.lower() for word in ("fail", "lost", "streak", "only"))

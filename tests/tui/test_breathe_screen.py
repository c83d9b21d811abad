"""The Breathe screen driven like a person would, with a hand-moved monotonic clock.

The screen reads time only from `screen.clock`; the tests move that clock and ask the screen to
look (`refresh_breath`, which its timers call), so nothing here sleeps or depends on timing.
"""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import Digits, Input, Static

from companion import breath_log
from companion.breathing import closing_line, preset
from companion.config import load_config
from companion.context import Context
from companion.dates import timestamp
from companion.tui.app import CompanionApp
from companion.tui.modals.breath_pattern_form import PatternForm
from companion.tui.modals.breath_pattern_list import PatternList
from companion.tui.modals.confirm import Confirm
from companion.tui.screens.breathe import BreatheScreen, seconds_until_change
from companion.tui.widgets.breath_visual import (
    REST_FRACTION,
    STEPS,
    BreathVisual,
    coverage,
    disc_frame,
)
from companion.tui.widgets.key_bar import KeyBar
from tests.conftest import FIXED_NOW

SIZE = (120, 40)


class FakeClock:
    def __init__(self, start: float = 5000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


async def open_breathe(pilot: Pilot[None]) -> tuple[BreatheScreen, FakeClock]:
    await pilot.press("b")
    screen = pilot.app.screen
    assert isinstance(screen, BreatheScreen)
    clock = FakeClock()
    screen.clock = clock
    return screen, clock


def shown(screen: BreatheScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).render())


def countdown(screen: BreatheScreen) -> str:
    return screen.query_one("#breathe-countdown", Digits).value


def footer_keys(screen: BreatheScreen) -> dict[str, str]:
    return {key: active.binding.description for key, active in screen.active_bindings.items()}


# --- a session ---------------------------------------------------------------------------------------


async def test_space_starts_and_everything_shown_follows_the_clock(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        assert shown(screen, "breathe-phase") == "Press space to begin."
        assert not screen.animating
        await pilot.press("space")
        assert screen.session is not None and screen.animating
        assert (shown(screen, "breathe-phase"), countdown(screen)) == ("Breathe in", "4")
        clock.advance(5.0)  # box breathing: 4 s in, then the hold after breathing in
        screen.refresh_breath()
        assert (shown(screen, "breathe-phase"), countdown(screen)) == ("Hold", "3")
        assert shown(screen, "breathe-progress") == "Breath 1 of 12  ·  3:07 left"
        assert screen.query_one(BreathVisual).step == STEPS  # full lungs, holding still
        clock.advance(5.0)
        screen.refresh_breath()
        assert (shown(screen, "breathe-phase"), countdown(screen)) == ("Breathe out", "2")
        assert screen.query_one(BreathVisual).step == STEPS // 2  # halfway out
        assert footer_keys(screen)["space"] == "Pause"
        assert "left" not in footer_keys(screen)  # choosing waits until the session ends


async def test_pause_holds_the_breath_still_and_resume_carries_on(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        await pilot.press("space")
        clock.advance(3.0)
        await pilot.press("space")
        assert screen.session is not None and screen.session.paused
        assert not screen.animating  # no timer runs while paused
        before = (shown(screen, "breathe-phase"), countdown(screen), screen.query_one(BreathVisual).step)
        clock.advance(120.0)
        screen.refresh_breath()
        assert (shown(screen, "breathe-phase"), countdown(screen), screen.query_one(BreathVisual).step) == before
        assert shown(screen, "breathe-progress") == "Paused: space carries on, Escape ends."
        assert footer_keys(screen)["space"] == "Resume"
        await pilot.press("space")
        assert screen.animating
        clock.advance(1.5)  # 4.5 s breathed: half a second into the hold
        screen.refresh_breath()
        assert (shown(screen, "breathe-phase"), countdown(screen)) == ("Hold", "4")


async def test_escape_ends_and_keeps_a_stopped_session(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        assert shown(screen, "breathe-week") == breath_log.week_line(0)
        await pilot.press("space")
        clock.advance(40.0)
        await pilot.press("escape")
        assert screen.session is None and not screen.animating
        [stored] = context.store.all(breath_log.SESSIONS_TABLE)
        assert {k: v for k, v in stored.items() if k != "id"} == {
            "pattern_id": "box",
            "pattern_name": "Box breathing",
            "started_at": timestamp(FIXED_NOW),
            "seconds": 40.0,
            "cycles": 2,
            "finished": False,
            "updated_at": timestamp(FIXED_NOW),  # every write carries it, for merges between machines
        }
        assert shown(screen, "breathe-phase") == closing_line(40.0)
        assert shown(screen, "breathe-week") == "A few calm breaths this week."
        assert footer_keys(screen)["space"] == "Start"


async def test_a_session_ends_gently_at_its_planned_length(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        await pilot.press("minus", "minus")  # 3 minutes -> 1 minute: four 16 s breaths
        assert shown(screen, "breathe-length") == "Length: 1 minute (4 breaths, 1:04)"
        await pilot.press("space")
        clock.advance(63.9)
        screen.refresh_breath()
        assert screen.session is not None
        clock.advance(0.2)
        screen.refresh_breath()
        assert screen.session is None
        [stored] = breath_log.all_sessions(context.store)
        assert (stored.seconds, stored.cycles, stored.finished) == (64.0, 4, True)
        assert shown(screen, "breathe-phase") == "1 minute of calm. Well done taking this time."
        assert shown(screen, "breathe-week") == "1 minute of calm this week."


async def test_a_few_seconds_by_mistake_are_not_stored(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        await pilot.press("space")
        clock.advance(2.0)
        await pilot.press("escape")
        assert screen.session is None
        assert context.store.all(breath_log.SESSIONS_TABLE) == []


async def test_leaving_the_screen_pauses_the_breath(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        await pilot.press("space")
        clock.advance(6.0)
        await pilot.press("t")
        assert screen.session is not None and screen.session.paused and not screen.animating
        clock.advance(300.0)
        await pilot.press("b")
        assert screen.session.elapsed() == 6.0


# --- reduced motion ------------------------------------------------------------------------------------


async def test_reduced_motion_from_config_shows_only_words_and_countdown(context: Context) -> None:
    context.config = context.config.replace(reduced_motion=True)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await open_breathe(pilot)
        visual = screen.query_one(BreathVisual)
        assert not visual.display
        await pilot.press("space")
        assert not screen.animating  # no frame timer, only a wake-up when the numbers change
        clock.advance(4.5)
        screen.refresh_breath()
        assert (shown(screen, "breathe-phase"), countdown(screen)) == ("Hold", "4")
        assert not visual.display
        await pilot.press("m")
        assert visual.display and screen.animating
        await pilot.press("m")
        assert not visual.display and not screen.animating


async def test_m_turns_motion_off_and_on(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        assert screen.query_one(BreathVisual).display
        await pilot.press("m")
        assert screen.reduced_motion and not screen.query_one(BreathVisual).display
        assert context.config.reduced_motion and load_config(context.config_path).config.reduced_motion  # it stays
        await pilot.press("m")
        assert not screen.reduced_motion and not load_config(context.config_path).config.reduced_motion


async def test_motion_still_changes_when_the_settings_file_cannot_be_saved(context: Context) -> None:
    context.config_path.write_text("[display\n")  # not TOML: companion never overwrites it
    app = CompanionApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, _ = await open_breathe(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert screen.reduced_motion and context.config_path.read_text() == "[display\n"
        assert any("For now only" in str(n.message) for n in app._notifications)


# --- choosing a pattern and a length ---------------------------------------------------------------------


async def test_left_and_right_choose_the_pattern_the_session_uses(context: Context) -> None:
    saved = breath_log.add_pattern(context.store, "Desk reset", [3, 0, 6, 0], now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        assert shown(screen, "breathe-pattern").startswith("←  Box breathing  ·  4-4-4-4  →")
        await pilot.press("right")
        assert screen.selected_pattern == preset("478")
        await pilot.press("left", "left")  # past the first preset to the last pattern: the person's own
        assert screen.selected_pattern == saved
        assert shown(screen, "breathe-pattern") == "←  Desk reset  ·  3-0-6-0  →      6 of 6"
        await pilot.press("space")
        assert screen.session is not None and screen.session.pattern == saved
        await pilot.press("right")  # no switching in the middle of a breath
        assert screen.selected_pattern == saved


async def test_length_in_minutes_or_breaths(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        assert shown(screen, "breathe-length") == "Length: 3 minutes (12 breaths, 3:12)"
        await pilot.press("plus")
        assert shown(screen, "breathe-length") == "Length: 5 minutes (19 breaths, 5:04)"
        await pilot.press("u")
        assert shown(screen, "breathe-length") == "Length: 10 breaths, 2:40"
        await pilot.press("minus", "minus", "minus")  # stops at the shortest choice
        assert shown(screen, "breathe-length") == "Length: 3 breaths, 0:48"
        await pilot.press("space")
        assert screen.session is not None and screen.session.target_seconds == 48


# --- custom patterns ----------------------------------------------------------------------------------------


async def test_create_shows_every_problem_in_the_dialog_then_saves(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, PatternForm)
        form.query_one("#pattern-phase-0", Input).value = "0"
        form.query_one("#pattern-phase-2", Input).value = "25"
        await pilot.press("enter")
        assert app.screen is form  # still open, with what was typed
        assert str(form.query_one("#pattern-error", Static).render()).splitlines() == [
            "Please give your pattern a name.",
            "Breathe in needs a little time: please choose more than 0 seconds.",
            "Breathe out: please choose more than 0 and up to 20 seconds.",
        ]
        assert context.store.all(breath_log.PATTERNS_TABLE) == []
        await pilot.press(*"Calm", "space", *"[b]me")  # typed into the focused name field
        form.query_one("#pattern-phase-0", Input).value = "4"
        form.query_one("#pattern-phase-2", Input).value = "7"
        await pilot.press("enter")
        assert app.screen is screen
        [saved] = breath_log.custom_patterns(context.store)
        assert (saved.name, saved.rhythm) == ("Calm [b]me", "4-0-7-0")
        assert screen.selected_pattern == saved
        assert shown(screen, "breathe-pattern").startswith("←  Calm [b]me  ·  4-0-7-0  →")


async def test_escape_closes_the_form_without_saving(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        await pilot.press("c", *"Nope", "escape")
        assert isinstance(app.screen, Confirm)  # a typed name is not dropped without asking
        await pilot.press("y")
        assert app.screen is screen
        assert context.store.all(breath_log.PATTERNS_TABLE) == []


async def test_edit_and_delete_work_on_your_own_patterns_only(context: Context) -> None:
    saved = breath_log.add_pattern(context.store, "Evening", [4, 0, 8, 0], now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        bar = {key.binding.id for key in screen.query_one(KeyBar).shown_keys()}
        assert "breathe.edit" not in bar and "breathe.delete" not in bar  # not offered on a preset...
        await pilot.press("e")
        assert app.screen is screen  # ...and a preset cannot be edited: e says why
        assert any("built-in patterns stay as they are" in str(n.message) for n in app._notifications)
        await pilot.press("left")
        assert footer_keys(screen)["e"] == "Edit pattern"
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, PatternForm)
        assert [form.query_one(f"#pattern-phase-{i}", Input).value for i in range(4)] == ["4", "0", "8", "0"]
        form.query_one("#pattern-phase-1", Input).value = "2"
        await pilot.press("enter")
        assert screen.selected_pattern is not None and screen.selected_pattern.rhythm == "4-2-8-0"
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        assert app.screen is screen
        assert breath_log.custom_patterns(context.store) == []
        assert screen.selected_pattern == preset("long-exhale")
        assert saved.id not in {p.id for p in breath_log.all_patterns(context.store)}


async def test_your_patterns_list_edits_and_deletes(context: Context) -> None:
    breath_log.add_pattern(context.store, "Morning", [4, 0, 6, 0], now=FIXED_NOW)
    breath_log.add_pattern(context.store, "Night", [4, 7, 8, 0], now=FIXED_NOW.replace(minute=31))
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await open_breathe(pilot)
        await pilot.press("o")
        listing = app.screen
        assert isinstance(listing, PatternList)
        await pilot.press("down", "d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep it after all
        assert [p.name for p in breath_log.custom_patterns(context.store)] == ["Morning", "Night"]
        await pilot.press("d", "y")
        assert [p.name for p in breath_log.custom_patterns(context.store)] == ["Morning"]
        await pilot.press("enter")
        assert isinstance(app.screen, PatternForm)
        await pilot.press("escape", "escape")
        assert app.screen is screen
        await pilot.press("left")  # from the first preset back to the last pattern: the one left
        assert screen.selected_pattern is not None and screen.selected_pattern.name == "Morning"


# --- the shape and the wake-ups ------------------------------------------------------------------------------

SHAPE, BACKGROUND = Color(0, 120, 212), Color(18, 18, 18)


def covered_cells(step: int, width: int, height: int) -> list[list[str]]:
    """Each cell of a drawn frame as "solid", "blank" or "edge"."""
    kinds = []
    for line in disc_frame(step, width, height, SHAPE, BACKGROUND):
        row: list[str] = []
        for segment in line:
            assert segment.style is not None and segment.style.bgcolor is not None
            if segment.text.strip():
                row += ["edge"] * len(segment.text)
            else:
                solid = segment.style.bgcolor.triplet == SHAPE.rich_color.triplet
                row += ["solid" if solid else "blank"] * len(segment.text)
        kinds.append(row)
    return kinds


@pytest.mark.parametrize(("width", "height"), [(116, 25), (76, 8), (117, 26), (9, 3), (1, 1)])
def test_the_disc_matches_its_per_pixel_definition_at_every_size(width: int, height: int) -> None:
    """The fast drawing fills whole runs; every cell it calls solid or blank must really be so."""
    full = max(1.0, min(width, 2 * height) / 2 - 0.5)
    for step in range(STEPS + 1):
        radius = full * (REST_FRACTION + (1 - REST_FRACTION) * step / STEPS)
        for row, kinds in enumerate(covered_cells(step, width, height)):
            assert len(kinds) == width
            top_dy = 2 * row + 0.5 - height
            for column, kind in enumerate(kinds):
                dx = column + 0.5 - width / 2
                pixels = (coverage(radius, dx, top_dy), coverage(radius, dx, top_dy + 1))
                if kind == "solid":
                    assert pixels == (1.0, 1.0)
                elif kind == "blank":
                    assert pixels == (0.0, 0.0)


def test_the_disc_grows_with_the_breath_and_never_vanishes() -> None:
    sizes = [sum(row.count("solid") for row in covered_cells(step, 60, 20)) for step in range(0, STEPS + 1, 8)]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
    assert sizes[0] > 0


@pytest.mark.parametrize(("value", "wait"), [(3.2, 0.2), (3.0, 1.0), (0.25, 0.25), (191.5, 0.5)])
def test_reduced_motion_wakes_when_the_shown_number_changes(value: float, wait: float) -> None:
    assert seconds_until_change(value) == pytest.approx(wait)


# --- snapshot -------------------------------------------------------------------------------------------------


def test_breathe_snapshot_in_reduced_motion(snap_compare, context: Context) -> None:
    context.config = context.config.replace(reduced_motion=True)
    breath_log.record_session(
        context.store, preset("sigh"), breath_log.SessionSummary(150.0, 16), started_at=FIXED_NOW, finished=True
    )

    async def breathe_a_little(pilot: Pilot[None]) -> None:
        screen, clock = await open_breathe(pilot)
        await pilot.press("space")
        clock.advance(5.3)
        screen.refresh_breath()

    assert snap_compare(CompanionApp(context), run_before=breathe_a_little, terminal_size=SIZE)

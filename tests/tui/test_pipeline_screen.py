"""Pilot tests of the Pipeline screen: every key of DESIGN §5, the forms, the debrief, and a snapshot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, ContentSwitcher, Input, Label, Select, Static, TextArea

from companion import pipeline
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.application_follow_up import FollowUpForm
from companion.tui.modals.application_form import ApplicationForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.debrief import DebriefModal
from companion.tui.modals.your_name import YourNamePrompt
from companion.tui.screens.pipeline import PipelineScreen
from companion.tui.widgets.pipeline_column import StageColumn
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] [bold]x"


@pytest.fixture(autouse=True)
def no_win_questions(context: Context) -> None:
    """Moves here are about the board; offering them as wins has its own tests (tests/tui/test_interviews_tui.py)."""
    context.config = context.config.replace(pipeline_wins="never")
    context.config_path.write_text('[pipeline]\npipeline_wins = "never"\n')  # kept when a save re-reads the file


def seed(context: Context) -> dict[str, pipeline.Application]:
    """A small pipeline: one per active stage, one closed, a follow-up due and a quiet one."""
    store, made = context.store, {}
    for company, role, stage, extra in [
        ("Initech", "Data Analyst", "wishlist", {}),
        (f"Acme {HOSTILE}", "Backend Engineer", "applied", {"follow_up_on": FIXED_NOW.date()}),
        ("Globex", "SRE", "screening", {}),
        ("Hooli", "Platform", "interviewing", {}),
        ("Umbrella", "QA", "rejected", {}),
    ]:
        made[company.split()[0]] = pipeline.add_application(
            store, pipeline.Details(company, role, **extra), stage=stage, now=FIXED_NOW
        )
    quiet_since = FIXED_NOW - timedelta(days=30)
    made["Quiet"] = pipeline.add_application(
        store, pipeline.Details("Quietco", "Dev", applied_on=quiet_since.date()), now=quiet_since
    )
    return made


def board(app: CompanionApp) -> PipelineScreen:
    assert isinstance(app.screen, PipelineScreen)
    return app.screen


def column(app: CompanionApp, key: str) -> StageColumn:
    return board(app).query_one(f"#column-{key}", StageColumn)


def card_texts(app: CompanionApp, key: str) -> list[str]:
    shown = column(app, key)
    return [shown.card_text(index) for index in range(shown.option_count)]


def static_text(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def stored(context: Context, application_id: str) -> pipeline.Application:
    return pipeline.Application.from_record(context.store.get(pipeline.TABLE, application_id) or {})


async def open_pipeline(app: CompanionApp, pilot) -> PipelineScreen:  # type: ignore[no-untyped-def]
    await pilot.press("p")
    await pilot.pause()
    return board(app)


async def test_board_shows_every_stage_user_text_literally_and_what_needs_attention(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pipeline(app, pilot)
        assert [column(app, key).border_title for key in ("wishlist", "applied", "closed")] == [
            "Wishlist 1",
            "Applied 2",
            "Closed 1",
        ]
        assert card_texts(app, "applied")[0] == f"Acme {HOSTILE}\nBackend Engineer\n⏰ follow up today"
        assert card_texts(app, "closed") == ["Umbrella\nQA\nrejected"]
        assert static_text(app, "#pipeline-breadth").startswith("4 in play (aim: 5). 1 more would spread the odds")
        assert static_text(app, "#pipeline-due") == f"Follow-ups due: Acme {HOSTILE} (today)"
        assert "Quiet for 21+ days: Quietco." in static_text(app, "#pipeline-quiet")
        assert isinstance(app.focused, StageColumn) and app.focused.key == "applied"
        assert static_text(app, "#pipeline-detail").startswith(f"Acme {HOSTILE} — Backend Engineer · applied")
        assert screen.selected() is not None


async def test_arrows_choose_columns_and_cards(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pipeline(app, pilot)
        await pilot.press("down")
        assert screen.selected().id == made["Quiet"].id  # type: ignore[union-attr]
        await pilot.press("right", "right")
        assert screen.selected().id == made["Hooli"].id  # type: ignore[union-attr]
        await pilot.press("left", "left", "left", "left")
        assert screen.selected().id == made["Initech"].id  # type: ignore[union-attr]


async def test_add_requires_company_and_role_and_reads_dates(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pipeline(app, pilot)
        assert "press a to add the first one" in static_text(app, "#pipeline-detail")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ApplicationForm)
        await pilot.press("enter")
        assert "please fill in the company and the role" in static_text(app, "#app-error")
        await pilot.press(*HOSTILE, "tab", *"Dev [/]")
        form.query_one("#app-follow-up", Input).value = "2026-02-30"
        await pilot.press("enter")
        assert "Follow up on: '2026-02-30' is not a real date" in static_text(app, "#app-error")
        form.query_one("#app-follow-up", Input).value = "+3d"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        [added] = pipeline.all_applications(context.store)
        assert (added.company, added.role, added.follow_up_on, added.applied_on) == (
            HOSTILE,
            "Dev [/]",
            "2026-11-30",
            "2026-11-27",
        )
        assert screen.selected().id == added.id  # type: ignore[union-attr]
        assert card_texts(app, "applied") == [f"{HOSTILE}\nDev [/]\nfollow up Mon 30 Nov"]


async def test_escape_cancels_the_form_without_saving(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("a", *"Acme", "tab", *"Dev", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # what was typed is not dropped without asking
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert pipeline.all_applications(context.store) == []


async def test_enter_edits_and_records_feedback_received(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("right")  # screening: Globex
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#app-company", Input).value == "Globex"
        form.query_one("#app-role", Input).value = "Senior SRE"
        form.query_one("#app-feedback", TextArea).text = "Loved the [b]incident[/b] story"
        form.query_one("#app-notes", TextArea).text = "first line\nsecond line"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = stored(context, made["Globex"].id)
        assert (saved.role, saved.notes, saved.feedback.text, saved.feedback.received_on) == (
            "Senior SRE",
            "first line\nsecond line",
            "Loved the [b]incident[/b] story",
            "2026-11-27",
        )
        assert "feedback received" in static_text(app, "#pipeline-detail")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("key", ["a", "enter"])
async def test_the_form_opens_from_its_top_with_the_company_label_in_sight(
    context: Context, key: str, size: tuple[int, int]
) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=size) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press(key)  # add, or edit the selected one
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ApplicationForm)
        body = form.query_one(".dialog-body", VerticalScroll)
        label = body.query_one(Label)
        assert str(label.render()) == "Company *"
        assert body.scroll_y == 0 and label.region.y == body.region.y  # right under the title
        assert app.focused is form.query_one("#app-company", Input)
        await pilot.press(*"x")
        assert form.query_one("#app-company", Input).value.endswith("x")  # typing lands in the company


async def test_enter_on_the_closed_stage_list_saves_and_the_hint_says_what_enter_does(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("enter", "tab", "tab")  # edit Acme, to the Stage
        form = app.screen
        assert isinstance(form, ApplicationForm)
        stage = form.query_one("#app-stage", Select)
        assert app.focused is stage
        assert static_text(app, "#app-hint") == "Stage · Enter saves · Space opens the list · Escape cancels"
        await pilot.press("space")
        await pilot.pause()
        assert stage.expanded
        assert static_text(app, "#app-hint") == "Stage · Enter picks · Escape closes the list"
        await pilot.press("escape")  # closes the list only
        await pilot.pause()
        assert app.screen is form and not stage.expanded
        await pilot.press("down", "down", "enter")  # the list opens on down; Enter picks the one after Applied
        await pilot.pause()
        assert app.screen is form and stage.value == "screening" and app.focused is stage
        assert static_text(app, "#app-hint").startswith("Stage · Enter saves")
        await pilot.press("tab")
        assert static_text(app, "#app-hint").startswith("Date applied · Enter saves")
        form.query_one("#app-notes", TextArea).focus()
        await pilot.pause()
        assert static_text(app, "#app-hint") == "Notes · Enter: new line · ctrl+s saves · Escape cancels"
        stage.focus()
        await pilot.pause()
        await pilot.press("enter")  # the list is closed: Enter saves
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert stored(context, made["Acme"].id).stage == "screening"


async def test_changing_the_stage_to_rejected_in_the_form_opens_the_debrief(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("enter")
        app.screen.query_one("#app-stage", Select).value = "rejected"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DebriefModal)
        assert [e["stage"] for e in stored(context, made["Acme"].id).history] == ["applied", "rejected"]


async def test_brackets_move_along_and_back_and_the_selection_follows(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pipeline(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        acme = stored(context, made["Acme"].id)
        assert [e["stage"] for e in acme.history] == ["applied", "screening", "interviewing"]
        assert screen.selected().id == acme.id and app.focused is column(app, "interviewing")  # type: ignore[union-attr]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert stored(context, acme.id).stage == "screening"


async def test_offer_then_accepted_and_closed_ones_reopen_with_left_bracket(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("right", "right")  # Hooli, interviewing
        for _ in range(3):  # → offer → accepted → stays closed
            await pilot.press("right_square_bracket")
            await pilot.pause()
        hooli = stored(context, made["Hooli"].id)
        assert [e["stage"] for e in hooli.history] == ["interviewing", "offer", "accepted"]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert stored(context, hooli.id).stage == "offer"


async def test_x_rejects_and_the_debrief_runs_every_step(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefModal)
        assert stored(context, made["Acme"].id).stage == "rejected"
        await pilot.press("1", "1", "enter")
        assert "not on the scale" in static_text(app, "#debrief-error")
        await pilot.press("backspace", "backspace", "4", "enter")
        assert debrief.query_one(ContentSwitcher).current == "debrief-reflection"
        await pilot.press(*HOSTILE, "enter", *"practice system design", "enter", *"calmer", "enter")
        await pilot.pause()
        assert isinstance(app.screen, YourNamePrompt)  # the first message written: asked once for the name
        await pilot.press(*"Ada [b]Lovelace", "enter")
        await pilot.pause()
        assert app.screen is debrief and context.config.your_name == "Ada [b]Lovelace"
        assert 'your_name = "Ada [b]Lovelace"' in context.config_path.read_text()
        assert debrief.query_one(ContentSwitcher).current == "debrief-request"
        assert app.clipboard == pipeline.feedback_request_message(stored(context, made["Acme"].id), "Ada [b]Lovelace")
        assert app.clipboard.endswith("Best regards,\nAda [b]Lovelace\n")
        assert f"Backend Engineer role at Acme {HOSTILE}" in static_text(app, "#debrief-message")
        await pilot.press("c")
        await pilot.press("enter")
        await pilot.pause()
        assert debrief.query_one(ContentSwitcher).current == "debrief-reminder"
        await pilot.press(*"+7d", "enter")
        await pilot.pause()
        assert debrief.query_one(ContentSwitcher).current == "debrief-card"
        assert "Another way to see it" in static_text(app, "#debrief-card-text")
        assert "press r for the Reframe screen" in static_text(app, "#debrief-card-text")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)

    [reflection] = context.store.all(pipeline.REFLECTIONS)
    assert {
        key: reflection[key] for key in ("kind", "application_id", "feeling", "went_well", "to_improve", "grown")
    } == {
        "kind": "debrief",
        "application_id": made["Acme"].id,
        "feeling": 4,
        "went_well": HOSTILE,
        "to_improve": "practice system design",
        "grown": "calmer",
    }
    acme = stored(context, made["Acme"].id)
    assert (acme.feedback.requested_on, acme.follow_up_on) == ("2026-11-27", "2026-12-04")


async def test_every_debrief_step_can_be_skipped(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", "enter")  # no feeling, three empty answers
        await pilot.pause()
        assert isinstance(app.screen, YourNamePrompt)
        await pilot.press("escape")  # the name can be skipped too
        await pilot.pause()
        await pilot.press("s")  # no feedback request
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "debrief-card"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
    assert context.store.all(pipeline.REFLECTIONS) == []
    assert stored(context, made["Acme"].id).feedback.requested_on == ""


async def test_escape_keeps_a_confirmed_feeling_and_x_on_a_rejected_one_only_debriefs(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("2", "enter", *"not yet saved", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)  # the typed answer is not saved yet: asked first
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DebriefModal)
    [reflection] = context.store.all(pipeline.REFLECTIONS)
    assert (reflection["feeling"], reflection["went_well"]) == (2, "")
    assert [e["stage"] for e in stored(context, made["Acme"].id).history] == ["applied", "rejected"]


async def test_g_marks_no_response_without_blame(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("down", "g")
        await pilot.pause()
        assert stored(context, made["Quiet"].id).stage == "no_response"
        assert "Quietco\nDev\nno response" in card_texts(app, "closed")
        assert static_text(app, "#pipeline-quiet") == ""
        messages = [str(n.message) for n in app._notifications]
        assert any("isn't a verdict on you" in m for m in messages)


async def test_f_sets_a_follow_up_and_counts_one_sent_today(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("f")
        form = app.screen
        assert isinstance(form, FollowUpForm)
        assert form.query_one("#follow-up-done", Checkbox).value is True  # it was due today
        form.query_one("#follow-up-date", Input).value = "fri 30"
        await pilot.press("enter")
        assert "Follow up on:" in static_text(app, "#follow-up-error")
        form.query_one("#follow-up-date", Input).value = "2026-12-04"
        await pilot.press("enter")
        await pilot.pause()
        acme = stored(context, made["Acme"].id)
        assert (acme.follow_up_on, acme.followed_up) == ("2026-12-04", ["2026-11-27"])
        assert not static_text(app, "#pipeline-due")


async def test_the_planned_follow_up_is_confirmed_with_its_day_as_shown_everywhere(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("f")
        form = app.screen
        form.query_one("#follow-up-done", Checkbox).value = False
        form.query_one("#follow-up-date", Input).value = "2026-12-04"
        await pilot.press("enter")
        await pilot.pause()
        assert "Follow up Fri 4 Dec" in [str(n.message) for n in app._notifications]  # not "fri 4 dec"


async def test_enter_on_the_followed_up_checkbox_saves_and_space_ticks_it(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("f")
        form = app.screen
        assert isinstance(form, FollowUpForm)
        form.query_one("#follow-up-date", Input).value = "2026-12-04"
        await pilot.press("tab")
        done = form.query_one("#follow-up-done", Checkbox)
        assert app.focused is done and done.value is True  # it was due today
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        acme = stored(context, made["Acme"].id)
        assert (acme.follow_up_on, acme.followed_up) == ("2026-12-04", ["2026-11-27"])

        await pilot.press("f", "tab")
        done = app.screen.query_one("#follow-up-done", Checkbox)
        assert static_text(app, ".dialog-hint") == "Enter saves · Space ticks or unticks · Escape cancels"
        await pilot.press("space")
        assert done.value is True
        await pilot.press("space")
        assert done.value is False
        await pilot.press("shift+tab")
        assert static_text(app, ".dialog-hint") == "Enter saves · Tab reaches the checkbox · Escape cancels"


async def test_slash_filters_literally_and_escape_clears(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("slash", *"[bold]")
        assert [column(app, key).option_count for key in ("wishlist", "applied", "screening", "closed")] == [0, 1, 0, 0]
        await pilot.press("enter")
        assert isinstance(app.focused, StageColumn)
        await pilot.press("escape")
        assert column(app, "applied").option_count == 2
        assert not app.screen.query_one("#pipeline-filter", Input).display


async def test_s_shows_the_stats_and_back(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_pipeline(app, pilot)
        await pilot.press("s")
        assert screen.query_one(ContentSwitcher).current == "pipeline-stats"
        text = static_text(app, "#pipeline-stats-text")
        assert "Effort, last 8 weeks" in text and "applied 5 → screening 2 → interviewing 1 → offer 0" in text
        await pilot.press("x")  # board keys rest while the stats show
        assert not isinstance(app.screen, DebriefModal)
        await pilot.press("s")
        assert screen.query_one(ContentSwitcher).current == "pipeline-board"
        assert isinstance(app.focused, StageColumn)


async def test_d_deletes_after_asking(context: Context) -> None:
    made = seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.press("d", "y")
        await pilot.pause()
        assert context.store.get(pipeline.TABLE, made["Acme"].id) is None


async def test_writes_from_another_process_appear(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pipeline(app, pilot)
        pipeline.add_application(context.store, pipeline.Details("Outside", "Dev"), now=FIXED_NOW)
        app.poll_data_file()
        await pilot.pause()
        assert card_texts(app, "applied") == ["Outside\nDev"]


async def test_usable_at_80_by_24(context: Context) -> None:
    seed(context)
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(app, pilot)
        await pilot.pause()
        # Shorter names keep the count in the title.
        titles = [column(app, key).border_title for key in ("wishlist", "applied", "screening", "interviewing")]
        assert titles == ["Wish 1", "Sent 2", "Screen 1", "Int. 1"]
        assert all(column(app, key).region.height >= 8 for key in ("applied", "closed"))
        await pilot.press("a")
        assert isinstance(app.screen, ApplicationForm)
        assert app.screen.query_one("#app-error").region.bottom <= 24


def test_board_snapshot(snap_compare, context: Context) -> None:
    seed(context)
    assert snap_compare(CompanionApp(context), press=["p"], terminal_size=(120, 40))

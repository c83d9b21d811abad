"""The import dialog from the palette: a path, the dry-run table, then one write on confirm."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Input, Static

from companion import pipeline
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.import_dialog import ImportDialog, open_import_dialog

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


async def wait_for_plan(pilot, dialog: ImportDialog) -> str:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        plan = str(dialog.query_one("#import-plan", Static).render())
        error = str(dialog.query_one("#import-error", Static).render())
        if plan or (error and error != "Reading…"):
            return plan or error
    raise AssertionError("the dry run never finished")


async def test_palette_import_shows_the_dry_run_then_imports_on_confirm(context: Context, tmp_path: Path) -> None:
    source = Path(shutil.copy(FIXTURES / "huntr_jobs.csv", tmp_path / "[TODO] huntr.csv"))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        open_import_dialog(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one(Input).value = str(source)
        await pilot.press("enter")
        plan = await wait_for_plan(pilot, dialog)
        assert "[TODO] huntr.csv: read as a Huntr jobs export (recognised by its content)." in plan
        assert "add           application  line 2" in plan and "Would add 8 applications." in plan
        assert not context.store.all("applications")  # a dry run
        button = dialog.query_one("#import-yes", Button)
        assert not button.disabled and app.focused is button
        assert app.screen.region.contains_region(button.region), button.region  # in sight, not under the table
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
        await app.workers.wait_for_complete()  # written off the app's thread
        await pilot.pause()
        assert len(pipeline.all_applications(context.store)) == 8
        titles = [notification.title for notification in app._notifications]
        assert "Imported [TODO] huntr.csv" in titles, titles  # said on the app's thread, shown literally


async def test_a_file_that_cannot_be_read_is_explained_in_the_dialog(context: Context, tmp_path: Path) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        open_import_dialog(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one(Input).value = str(tmp_path / "[/] missing.csv")
        await pilot.press("enter")
        message = await wait_for_plan(pilot, dialog)
        assert "could not read" in message and "[/] missing.csv" in message
        assert dialog.query_one("#import-yes", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)


async def test_the_palette_lists_import(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Import from another tool" in titles
        await pilot.pause()


async def test_a_write_refused_after_the_dry_run_is_said_and_the_app_goes_on(context: Context, tmp_path: Path) -> None:
    source = Path(shutil.copy(FIXTURES / "huntr_jobs.csv", tmp_path / "huntr.csv"))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        open_import_dialog(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one(Input).value = str(source)
        await pilot.press("enter")
        await wait_for_plan(pilot, dialog)
        source.unlink()  # gone between the look and the yes
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [refused] = [n for n in app._notifications if n.title == "Not imported"]
        assert refused.severity == "error" and "huntr.csv" in refused.message
        assert not context.store.all("applications")
        await pilot.press("l")  # the app still answers
        await pilot.pause()
        assert app.current_mode == "wins"

"""Break reminders inside the app: the status line, the palette controls, and one sender per data dir."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime, timedelta

import time_machine
from textual.widgets import Static

from companion.breaks_service import SchedulerLock
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.break_reminders import HANDLED_ELSEWHERE
from tests.conftest import FIXED_NOW


def calm_text(app: CompanionApp) -> str:
    return str(app.screen.query_one("#today-calm", Static).render())


async def test_status_line_on_today_and_palette_controls(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Next break 10:55" in calm_text(app)  # 25 minutes after 10:30 on a working Friday
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for expected in (
            "Snooze breaks 5 min",
            "Snooze breaks 15 min",
            "Skip the next break",
            "Pause breaks for 1 h",
            "Pause breaks for 2 h",
            "Pause breaks until tomorrow",
            "Resume breaks",
        ):
            assert expected in titles
        app.breaks.pause(2)
        assert app.breaks.status_line() == "Breaks paused until 12:30"
        app.breaks.resume()
        app.breaks.snooze(15)
        assert app.breaks.status_line().startswith("Next break")
        await pilot.pause()


async def test_a_due_break_without_a_desktop_becomes_a_toast(context: Context, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no session bus here: the real fallback runs
    # schedule reads the system clock, so the test moves it (time-machine) and the app reads it too.
    traveller = time_machine.travel(FIXED_NOW.astimezone(), tick=False)
    clock = traveller.start()
    clocked = Context(
        context.data_dir, context.config_path, context.config, clock=datetime.now, welcome_first_run=False
    )
    app = CompanionApp(clocked)
    async with app.run_test(size=(120, 40)) as pilot:
        clock.move_to((FIXED_NOW + timedelta(minutes=26)).astimezone())
        app.breaks.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        toasts = [n for n in app._notifications if "break" in n.title.lower()]
        assert len(toasts) == 1 and not toasts[0].markup
        app.breaks.tick()  # the same minute again: no second reminder
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len([n for n in app._notifications if "break" in n.title.lower()]) == 1
    traveller.stop()


async def test_when_the_background_service_holds_the_lock_the_app_stays_quiet(context: Context) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from companion.breaks_service import SchedulerLock
            lock = SchedulerLock({str(context.data_dir)!r})
            assert lock.acquire()
            print("held", flush=True)
            time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert SchedulerLock(context.data_dir).is_held_elsewhere()
        app = CompanionApp(context)
        async with app.run_test(size=(120, 40)) as pilot:
            assert app.breaks.planner is None
            assert HANDLED_ELSEWHERE in calm_text(app)
            app.breaks.snooze(5)
            await pilot.pause()
            assert any("handled by the background service" in n.message for n in app._notifications)
    finally:
        holder.kill()
        holder.wait()


async def test_after_switching_to_the_demo_the_digest_reads_the_demos_data(
    context: Context, monkeypatch, tmp_path
) -> None:
    from companion import pipeline
    from companion.breaks import DIGEST_TITLE

    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no session bus: the reminder becomes a toast
    start = FIXED_NOW.replace(hour=9, minute=10)  # the first break is at 09:35
    due = pipeline.Details("Private Real Co", "Backend Engineer", follow_up_on=start.date())
    pipeline.add_application(context.store, due, now=start)
    traveller = time_machine.travel(start.astimezone(), tick=False)
    clock = traveller.start()
    try:
        clocked = Context(
            context.data_dir, context.config_path, context.config, clock=datetime.now, welcome_first_run=False
        )
        app = CompanionApp(clocked)
        async with app.run_test(size=(120, 40)) as pilot:
            app.show_demo()
            demo_due = pipeline.Details("Demo Follow-up Co", "Backend Engineer", follow_up_on=start.date())
            pipeline.add_application(app.context.store, demo_due, now=start)
            clock.move_to((start + timedelta(minutes=21)).astimezone())  # the digest is at 09:30
            app.breaks.tick()
            await app.workers.wait_for_complete()
            await pilot.pause()
            digests = [str(n.message) for n in app._notifications if n.title == DIGEST_TITLE]
            assert len(digests) == 1 and "Demo Follow-up Co" in digests[0], digests
            assert not any("Private Real Co" in str(n.message) for n in app._notifications)
    finally:
        traveller.stop()

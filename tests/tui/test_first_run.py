"""The first run welcomes once, offers the demo, and the demo never touches real data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import pipeline, wins
from companion.context import Context
from companion.demo import seed
from companion.store import Store
from companion.tui.app import DEMO_SUBTITLE, CompanionApp
from companion.tui.modals.welcome import WelcomeModal
from tests.conftest import FIXED_NOW
from tests.e2e.tmux import companion_in_terminal


async def test_welcome_shows_once_on_a_fresh_data_dir(context: Context) -> None:
    fresh = context.replace(welcome_first_run=True)
    app = CompanionApp(fresh)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeModal)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeModal)
    again = CompanionApp(context.replace(welcome_first_run=True, _store=None))
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, WelcomeModal)


async def test_welcome_offers_the_demo_in_the_same_app(context: Context) -> None:
    app = CompanionApp(context.replace(welcome_first_run=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.context.demo and app.sub_title == DEMO_SUBTITLE
        demo_dir = app.context.data_dir
        assert len(pipeline.all_applications(app.context.store)) == 12
        await pilot.press("p")  # keys keep working right away
        await pilot.pause()
        assert app.current_mode == "pipeline"
    assert not demo_dir.exists()  # the throw-away copy is gone with the app
    assert not context.store.path.exists()  # choosing the demo writes nothing of the person's


def test_seeded_demo_has_every_stage_and_area(store: Store) -> None:
    seed(store, FIXED_NOW)
    stages = {app.stage for app in pipeline.all_applications(store)}
    assert stages == {"wishlist", "applied", "screening", "interviewing", "offer", "accepted", "rejected", "withdrawn"}
    assert len(wins.all_wins(store)) >= 8
    assert store.all("breath_sessions") and {r["kind"] for r in store.all("reflections")} == {
        "debrief",
        "thought_record",
    }


@pytest.mark.tmux
def test_demo_leaves_the_real_data_dir_byte_for_byte(data_dir: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "companion", "win", "my real win"], check=True, timeout=60, env=os.environ)
    before = {p.name: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    terminal = companion_in_terminal(data_dir, tmp_path / "config.toml", "--demo", extra_env={"TMPDIR": str(temp_root)})
    try:
        screen = terminal.wait_for("demo data")
        assert "Lumen Labs" in screen or "in play" in screen
        terminal.keys("w")
        terminal.wait_for("A small win")
        terminal.type("a demo win")
        terminal.keys("Enter")
        terminal.wait_for("Win logged")
        terminal.keys("q")
        terminal.wait_for(lambda _: terminal.pane_dead(), timeout=10)
        assert not list(temp_root.iterdir())  # the throw-away copy is gone
    finally:
        terminal.close()
    after = {p.name: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == before

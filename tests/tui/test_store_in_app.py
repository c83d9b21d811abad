"""The store tells the app: one refresh per burst of commits, another machine's copy merged with a toast,
and a write the store refuses is a message on every screen, never a crash."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from companion import card_store, pipeline, reframe, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.confirm import Confirm
from tests.conftest import FIXED_NOW

SIZE = (120, 40)


def messages(app: CompanionApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_burst_of_commits_is_one_refresh(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.data_version
        for text in ("one", "two", "three"):
            wins.add_win(context.store, text, now=FIXED_NOW)
        await pilot.pause()
        assert app.data_version == before + 1
        assert "three" in str(app.screen.query_one("#today-wins").render())


async def test_a_commit_from_a_worker_thread_refreshes_the_screen(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.data_version
        writer = threading.Thread(target=wins.add_win, args=(context.store, "from a thread"), kwargs={"now": FIXED_NOW})
        writer.start()
        while writer.is_alive():
            await pilot.pause(0.01)
        await pilot.pause(0.05)  # well under the 1 s poll: the commit signal did it
        assert app.data_version == before + 1
        assert "from a thread" in str(app.screen.query_one("#today-wins").render())


async def test_a_conflict_copy_is_merged_while_the_app_is_open(context: Context) -> None:
    wins.add_win(context.store, "on this machine", now=FIXED_NOW)
    other = json.loads(context.store.path.read_text())
    other["wins"]["2"] = {
        "id": "other-1",
        "text": "on the other machine",
        "tags": [],
        "created_at": "2026-11-27T09:00:00+00:00",
        "updated_at": "2026-11-27T09:00:00+00:00",
    }
    app = CompanionApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        copy = context.data_dir / "companion.sync-conflict-20261127-100000-ABCDEFG.json"
        copy.write_text(json.dumps(other))
        for _ in range(40):
            await pilot.pause(0.05)
            if any("Merged" in m for m in messages(app)):
                break
        assert (
            [m for m in messages(app) if "Merged" in m]
            == [m for m in messages(app) if "Merged the other machine's copy from Syncthing: 1 win added" in m]
            != []
        )
        assert "on the other machine" in str(app.screen.query_one("#today-wins").render())
        assert (context.data_dir / "merged" / copy.name).exists()


@pytest.fixture
def read_only_later(context: Context) -> Path:
    """Data in place, then the data dir made read-only by its owner (refused even for root)."""
    wins.add_win(context.store, "a win to keep", now=FIXED_NOW)
    pipeline.add_application(context.store, pipeline.Details("Acme", "Backend Engineer"), now=FIXED_NOW)
    return context.data_dir


async def _refused(app: CompanionApp, pilot: object, directory: Path, *keys: str) -> None:
    directory.chmod(0o500)
    try:
        for key in keys:
            await pilot.press(key)  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
            if isinstance(app.screen, Confirm):
                await pilot.press("y")  # type: ignore[attr-defined]
                await pilot.pause()  # type: ignore[attr-defined]
    finally:
        directory.chmod(0o700)
    assert app.is_running and app.return_code is None
    assert any("read-only" in m for m in messages(app)), messages(app)


@pytest.mark.parametrize("area, keys", [("pipeline", ("p", "d")), ("wins", ("l", "d"))])
async def test_a_refused_delete_is_a_message_not_a_crash(
    context: Context, read_only_later: Path, area: str, keys: tuple[str, ...]
) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _refused(app, pilot, read_only_later, *keys)
        assert app.current_mode == area
    assert len(wins.all_wins(context.store)) == 1 and len(pipeline.all_applications(context.store)) == 1


async def test_a_refused_star_on_reframe_is_a_message_not_a_crash(context: Context, read_only_later: Path) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _refused(app, pilot, read_only_later, "r", "s")
    assert card_store.favourite_ids(context.store) == set()
    assert reframe.load_deck()  # the deck itself is untouched

"""Several processes write at once while the app is open and writing too: nothing is lost or doubled.

Four worker loops each run 50 short `companion win` / `companion app add` processes (alternating),
all at the same time, while a Pilot-driven CompanionApp in this process logs wins through its
quick-add dialog. Afterwards every record from every writer is in the file once, with its own id,
and the open app shows the outside writes once it polled the file.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from textual.widgets import Input

from companion import pipeline, wins
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.win_form import WinForm
from companion.tui.widgets.virtual_table import VirtualTable
from tests.conftest import companion_command, subprocess_env
from tests.reliability.helpers import DATA_FILE

WORKERS = 4
WRITES_PER_WORKER = 50
APP_WINS = 15


async def _worker(number: int, env: dict[str, str]) -> list[str]:
    """Alternate `companion win` and `companion app add`; return the failures (none expected)."""
    failures: list[str] = []
    for n in range(WRITES_PER_WORKER):
        if n % 2 == 0:
            args = ("win", "--", f"outside win {number}-{n}")
        else:
            args = ("app", "add", f"Company {number}-{n}", f"Role {number}-{n}")
        process = await asyncio.create_subprocess_exec(
            *companion_command(*args),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        _, stderr = await process.communicate()
        if process.returncode != 0:
            failures.append(f"{args}: exit {process.returncode}: {stderr.decode()}")
    return failures


def _expected() -> tuple[set[str], set[str]]:
    outside_wins = {f"outside win {w}-{n}" for w in range(WORKERS) for n in range(0, WRITES_PER_WORKER, 2)}
    companies = {f"Company {w}-{n}" for w in range(WORKERS) for n in range(1, WRITES_PER_WORKER, 2)}
    return outside_wins, companies


@pytest.mark.slow
async def test_processes_and_the_open_app_write_together_without_loss(context: Context) -> None:
    env = subprocess_env(COMPANION_DATA_DIR=str(context.data_dir))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        workers = [asyncio.create_task(_worker(number, env)) for number in range(WORKERS)]
        for n in range(APP_WINS):
            await pilot.press("w")
            assert isinstance(app.screen, WinForm)
            app.screen.query_one("#win-text", Input).value = f"app win {n}"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, WinForm), f"the app's win {n} was not saved"
        failures = [failure for result in await asyncio.gather(*workers) for failure in result]
        assert failures == []

        outside_wins, companies = _expected()
        app_wins = {f"app win {n}" for n in range(APP_WINS)}
        data = json.loads((context.data_dir / DATA_FILE).read_bytes())
        stored_wins = list(data["wins"].values())
        stored_apps = list(data["applications"].values())
        assert sorted(w["text"] for w in stored_wins) == sorted(outside_wins | app_wins)
        assert sorted(a["company"] for a in stored_apps) == sorted(companies)
        all_ids = [record["id"] for record in stored_wins + stored_apps]
        assert len(set(all_ids)) == len(all_ids)

        # The open app shows what the other processes wrote once it has polled the file.
        app.poll_data_file()
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        assert table.row_count == len(outside_wins) + APP_WINS
        shown = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert shown == outside_wins | app_wins
        await pilot.press("p")
        await pilot.pause()
        assert {a.company for a in app.screen._applications} == companies  # type: ignore[attr-defined]
    # The core reads the same, through its own code.
    assert len(wins.all_wins(context.store)) == len(outside_wins) + APP_WINS
    assert len(pipeline.all_applications(context.store)) == len(companies)

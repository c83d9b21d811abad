"""A full disk: the write is refused with "the disk is full", the previous data is intact, no temp files stay.

The real test mounts a 64 KiB tmpfs as the data dir and fills it. Where mounting is not possible,
the `simulated` variant makes fsync (where a full disk shows up for delayed allocation) fail with
ENOSPC instead. CI runs as root and must be able to mount: there the `mount` variant fails rather
than skips. The test id says which variant ran.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from companion import wins
from companion.cli import main
from companion.config import Config
from companion.context import Context
from companion.store import Store, StoreError
from companion.tui.app import CompanionApp
from companion.tui.modals.win_form import WinForm
from tests.conftest import FIXED_NOW
from tests.reliability.helpers import (
    DATA_FILE,
    assert_one_line_error,
    fill_disk,
    leftover_temp_files,
    run_cli,
    small_tmpfs,
    snapshot_files,
)

FULL = "the disk is full"


@dataclass
class FullDisk:
    directory: Path
    variant: str
    filler: Path | None = None

    def make_room(self, monkeypatch: pytest.MonkeyPatch) -> None:
        if self.filler is not None:
            self.filler.unlink()
        monkeypatch.undo()


def _enospc(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _first_days(directory: Path) -> Store:
    """Two days of data, so today's backup already exists: a write today goes straight to the file."""
    yesterday = Store(directory, clock=lambda: FIXED_NOW - timedelta(days=1))
    wins.add_win(yesterday, "Yesterday: a kind rejection email", now=FIXED_NOW - timedelta(days=1))
    today = Store(directory, clock=lambda: FIXED_NOW)
    wins.add_win(today, "Today: finished the portfolio page", now=FIXED_NOW)
    wins.add_win(today, "Today: a second small win", now=FIXED_NOW)
    return today


@pytest.fixture(params=["mount", "simulated"])
def full_disk(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    directory = tmp_path / "data"
    if request.param == "simulated":
        _first_days(directory)
        monkeypatch.setattr(os, "fsync", _enospc)
        yield FullDisk(directory, "simulated")
        return
    with small_tmpfs(directory) as mounted:
        if not mounted:
            pytest.skip("mounting is not possible here; the simulated variant covers this")
        _first_days(directory)
        yield FullDisk(directory, "mount", fill_disk(directory))


def _data_files(directory: Path) -> dict[str, bytes]:
    """The person's data: lock files (empty, made by the app and the store) and the filler do not count."""
    return {n: data for n, data in snapshot_files(directory).items() if n != "filler.bin" and not n.endswith(".lock")}


def test_a_write_on_a_full_disk_is_refused_and_the_data_kept(
    full_disk: FullDisk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _data_files(full_disk.directory)
    store = Store(full_disk.directory, clock=lambda: FIXED_NOW)
    with pytest.raises(StoreError, match=FULL):
        wins.add_win(store, "this one does not fit", now=FIXED_NOW)
    for command in (["win", "--", "nor does this"], ["app", "add", "Acme", "Engineer"]):
        assert main(["--data-dir", str(full_disk.directory), *command]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and FULL in err[0] and "not changed" in err[0], err
    if full_disk.variant == "mount":
        assert FULL in assert_one_line_error(run_cli("win", "--", "from a process", data_dir=full_disk.directory))
    assert _data_files(full_disk.directory) == before
    assert leftover_temp_files(full_disk.directory) == []
    # With room again, writing simply works and nothing earlier is missing.
    full_disk.make_room(monkeypatch)
    wins.add_win(Store(full_disk.directory, clock=lambda: FIXED_NOW), "room again", now=FIXED_NOW)
    texts = {w.text for w in wins.all_wins(Store(full_disk.directory))}
    assert texts == {
        "Yesterday: a kind rejection email",
        "Today: finished the portfolio page",
        "Today: a second small win",
        "room again",
    }


async def test_the_app_on_a_full_disk_keeps_the_text_and_says_why(full_disk: FullDisk, tmp_path: Path) -> None:
    before = _data_files(full_disk.directory)
    context = Context(
        full_disk.directory, tmp_path / "none.toml", Config(), clock=lambda: FIXED_NOW, welcome_first_run=False
    )
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        app.screen.query_one("#win-text", Input).value = "typed while the disk is full"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinForm), "the dialog stays open so the text can be saved later"
        assert app.screen.query_one("#win-text", Input).value == "typed while the disk is full"
        assert FULL in str(app.screen.query_one("#win-error", Static).render())
    assert _data_files(full_disk.directory) == before
    assert leftover_temp_files(full_disk.directory) == []


@pytest.mark.parametrize("variant", ["mount", "simulated"])
def test_a_backup_that_did_not_fit_is_not_left_behind(
    variant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "data"
    with small_tmpfs(directory) if variant == "mount" else contextlib.nullcontext(False) as mounted:
        if variant == "mount" and not mounted:
            pytest.skip("mounting is not possible here; the simulated variant covers this")
        yesterday = Store(directory, clock=lambda: FIXED_NOW - timedelta(days=1))
        wins.add_win(yesterday, "first", now=FIXED_NOW)
        wins.add_win(yesterday, "second", now=FIXED_NOW)  # backs up "first"
        if variant == "mount":
            wins.add_win(yesterday, "x" * 400, now=FIXED_NOW)  # a file big enough that its copy cannot fit
            fill_disk(directory)
        else:
            monkeypatch.setattr(os, "fsync", _enospc)  # the backup is the day's first write: it hits the full disk
        today = Store(directory, clock=lambda: FIXED_NOW)
        with pytest.raises(StoreError, match=FULL):
            wins.add_win(today, "first write of a new day", now=FIXED_NOW)
        monkeypatch.undo()
        names = sorted(p.name for p in today.backups())
        assert names == [f"companion-000001-{(FIXED_NOW - timedelta(days=1)).date()}.json"], names
        assert leftover_temp_files(directory) == []
        # The consequence that matters: recovering from a damaged file brings back real data.
        (directory / DATA_FILE).write_bytes(b"{damaged")
        (directory / "filler.bin").unlink(missing_ok=True)
        today.recover()
        assert {w["text"] for w in today.all("wins")} == {"first"}

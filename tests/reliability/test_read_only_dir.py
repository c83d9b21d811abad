"""A read-only data dir: reading still works, writing is refused in one clear line, nothing is lost.

We run as root (CI too), and chmod does not stop root, so the real test shows the data dir through a
read-only bind mount. Where mounting is not possible, the `simulated` variant makes every call that
would change the data dir fail with EROFS instead (CI must be able to mount: there the `mount`
variant fails rather than skips). The test id says which variant ran.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from companion import pipeline, wins
from companion.cli import main
from companion.config import Config
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.modals.win_form import WinForm
from tests.conftest import FIXED_NOW
from tests.reliability.helpers import (
    assert_one_line_error,
    read_only_view,
    run_cli,
    snapshot_files,
)


@dataclass(frozen=True)
class ReadOnlyData:
    directory: Path  # what companion is pointed at
    source: Path  # where the bytes really are (the same dir when simulated)
    variant: str


def simulate_read_only(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Every os call that would change something under `root` fails with EROFS, as on a read-only mount."""
    root = root.resolve()

    def inside(path: object) -> bool:
        try:
            return Path(os.fspath(path)).resolve().is_relative_to(root)  # type: ignore[arg-type]
        except TypeError:  # a file descriptor
            return False

    def refuse(path: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    real_open = os.open
    changing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def fake_open(path: object, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if flags & changing and inside(path):
            refuse(path)
        return real_open(path, flags, mode, dir_fd=dir_fd)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    for name in ("chmod", "mkdir", "replace", "rename", "unlink", "rmdir"):
        real = getattr(os, name)

        def fake(path: object, *args: object, _real: object = real, **kwargs: object) -> object:
            if inside(path):
                refuse(path)
            return _real(path, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(os, name, fake)


def _fill(directory: Path) -> None:
    store = Context(directory, directory.parent / "none.toml", Config(), clock=lambda: FIXED_NOW).store
    wins.add_win(store, "Kept safe: a recruiter replied", ["email"], now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Acme", "Backend Engineer"), now=FIXED_NOW)


@pytest.fixture(params=["mount", "simulated"])
def read_only(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ReadOnlyData]:
    source = tmp_path / "source"
    _fill(source)
    if request.param == "simulated":
        simulate_read_only(monkeypatch, source)
        yield ReadOnlyData(source, source, "simulated")
        return
    with read_only_view(source, tmp_path / "read-only") as mounted:
        if not mounted:
            pytest.skip("mounting is not possible here; the simulated variant covers this")
        yield ReadOnlyData(tmp_path / "read-only", source, "mount")


def _unchanged(read_only: ReadOnlyData, before: dict[str, bytes]) -> None:
    """The person's data is byte for byte the same (empty lock files do not count)."""

    def data(files: dict[str, bytes]) -> dict[str, bytes]:
        return {name: content for name, content in files.items() if not name.endswith(".lock")}

    assert data(snapshot_files(read_only.source)) == data(before)


def test_reading_works_on_a_read_only_dir(read_only: ReadOnlyData, capsys: pytest.CaptureFixture[str]) -> None:
    for command, expected in (
        (["wins"], "a recruiter replied"),
        (["apps"], "Acme"),
        (["export", "csv"], "Acme"),
        (["export", "md"], "a recruiter replied"),
    ):
        assert main(["--data-dir", str(read_only.directory), *command]) == 0, command
        assert expected in capsys.readouterr().out


def test_writing_to_a_read_only_dir_is_refused_in_one_line(
    read_only: ReadOnlyData, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot_files(read_only.source)
    for command in (["win", "--", "a new win"], ["app", "add", "Globex", "Engineer"]):
        code = main(["--data-dir", str(read_only.directory), *command])
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 1 and len(err) == 1 and "read-only" in err[0], (command, code, err)
    _unchanged(read_only, before)
    if read_only.variant == "mount":  # and as a person sees it, from a real process
        assert "read-only" in assert_one_line_error(run_cli("win", "--", "x", data_dir=read_only.directory))
    _unchanged(read_only, before)


def test_json_backup_export_works_on_a_read_only_dir(
    read_only: ReadOnlyData, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(read_only.directory), "export", "json"]) == 0
    assert "a recruiter replied" in capsys.readouterr().out


async def test_app_opens_on_a_read_only_dir_and_shows_the_data(read_only: ReadOnlyData, tmp_path: Path) -> None:
    context = Context(
        read_only.directory, tmp_path / "none.toml", Config(), clock=lambda: FIXED_NOW, welcome_first_run=False
    )
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "a recruiter replied" in str(app.screen.query_one("#today-wins", Static).render())
        await pilot.press("p")
        await pilot.pause()
        assert [a.company for a in app.screen._applications] == ["Acme"]  # type: ignore[attr-defined]


async def test_app_on_a_read_only_dir_keeps_the_text_and_says_why(read_only: ReadOnlyData, tmp_path: Path) -> None:
    before = snapshot_files(read_only.source)
    context = Context(
        read_only.directory, tmp_path / "none.toml", Config(), clock=lambda: FIXED_NOW, welcome_first_run=False
    )
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        app.screen.query_one("#win-text", Input).value = "written on a read-only disk"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinForm)
        assert app.screen.query_one("#win-text", Input).value == "written on a read-only disk"
        assert "read-only" in str(app.screen.query_one("#win-error", Static).render())
    _unchanged(read_only, before)

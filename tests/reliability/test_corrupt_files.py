"""Damaged data files: every command explains in one line, changes no byte, and recover keeps them aside.

The damage: a real data file truncated at many offsets, random bytes, a file of NULs, valid JSON of
the wrong shape, and hand-edited records whose fields have the wrong types. Commands run in-process
through `companion.cli.main` (fast enough for a sweep; an exception would fail the test just as a
traceback would), and a sample runs as real processes to see the exit code and stderr a person sees.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from textual.widgets import Input, Static

from companion import pipeline, wins
from companion.cli import main
from companion.context import Context
from companion.store import CorruptDataError, Store
from companion.tui.app import CompanionApp
from companion.tui.modals.recover import RecoverScreen
from companion.tui.modals.win_form import WinForm
from tests.conftest import FIXED_NOW
from tests.reliability.helpers import (
    DATA_FILE,
    assert_one_line_error,
    run_cli,
    snapshot_files,
)

LOCK_FILE = DATA_FILE + ".lock"
# Commands that read, write, and read under the lock: all must refuse the same way.
COMMANDS = (["wins"], ["win", "--", "a small win"], ["apps"], ["app", "add", "Acme", "Engineer"], ["export", "json"])
TRUNCATION_POINTS = 48
NESTING = 100_000


def make_real_data(directory: Path) -> bytes:
    """A data file as companion writes it, two days old, so a daily backup of day one exists."""
    day_one = Store(directory, clock=lambda: FIXED_NOW - timedelta(days=1))
    for text in ("Asked a good question [bold]x[/]", "Finished the take-home 🎉", "面接の準備をした"):
        wins.add_win(day_one, text, ["interview"], now=FIXED_NOW - timedelta(days=1))
    pipeline.add_application(
        day_one, pipeline.Details("Acme", "Backend Engineer", notes="line one\nline two"), now=FIXED_NOW
    )
    day_two = Store(directory, clock=lambda: FIXED_NOW)
    wins.add_win(day_two, "Day two: sent three applications", now=FIXED_NOW)
    assert day_two.backups(), "the day-two write keeps a backup of day one"
    return day_two.path.read_bytes()


@pytest.fixture(scope="module")
def real_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("real") / "data"
    make_real_data(directory)
    return directory


def damaged_copy(real_data: Path, where: Path, content: bytes) -> Path:
    """A copy of the real data dir (backups included) whose data file holds `content`."""
    shutil.copytree(real_data, where)
    (where / DATA_FILE).write_bytes(content)
    return where


def without_lock(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name != LOCK_FILE}


def assert_refused_without_change(directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command exits 1 with one line on stderr, and no file in the data dir changes."""
    before = without_lock(snapshot_files(directory))
    for command in COMMANDS:
        code = main(["--data-dir", str(directory), *command])
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert code == 1, (command, code, captured.out, captured.err)
        assert len(lines) == 1 and lines[0].startswith("companion: "), (command, captured.err)
        assert "could not be read" in lines[0] or "newer companion" in lines[0], lines[0]
    assert without_lock(snapshot_files(directory)) == before


def assert_recover_keeps_bytes_aside(directory: Path, content: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(directory), "recover"]) == 0
    out = capsys.readouterr().out
    aside = list(directory.glob(f"{DATA_FILE}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert "Kept the unreadable file, unchanged" in out and "Restored the backup" in out
    restored = Store(directory).all("wins")
    assert {w["text"] for w in restored} >= {"Finished the take-home 🎉", "面接の準備をした"}


def truncation_offsets(size: int) -> list[int]:
    """The first and last bytes one by one, and evenly spread offsets in between (never 0, nor so late that
    only the final newline is cut: that file is whole)."""
    size -= 1  # the file ends in a newline
    edges = set(range(1, 17)) | set(range(size - 16, size))
    spread = {1 + (size - 2) * n // TRUNCATION_POINTS for n in range(TRUNCATION_POINTS + 1)}
    return sorted(offset for offset in edges | spread if 0 < offset < size)


def test_truncated_at_any_offset_is_refused_and_recovered(
    real_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = (real_data / DATA_FILE).read_bytes()
    offsets = truncation_offsets(len(full))
    assert len(offsets) > 60
    for offset in offsets:
        directory = damaged_copy(real_data, tmp_path / f"cut-{offset}", full[:offset])
        assert_refused_without_change(directory, capsys)
        assert_recover_keeps_bytes_aside(directory, full[:offset], capsys)


DAMAGE = {
    "nul byte": b'{"wins": {"1": {"text": "a\x00b"}}}\x00',
    "zero-filled file": b"\x00" * 4096,
    "binary": bytes(range(256)) * 4,
    "invalid utf-8": b'{"wins": {"1": {"text": "caf\xe9"}}}',
    "a list": b"[1, 2, 3]",
    "a string": b'"companion"',
    "null": b"null",
    "a number": b"42",
    "a table that is a list": b'{"wins": []}',
    "a record that is a number": b'{"wins": {"1": 5}}',
    "a record that is a string": b'{"meta": {"1": "x"}, "wins": {}}',
    "newer schema": b'{"meta": {"1": {"schema_version": 99}}}',
    "half a record": b'{"wins": {"1": {"text": "half a wr',
}


@pytest.mark.parametrize("content", list(DAMAGE.values()), ids=list(DAMAGE))
def test_damaged_file_is_refused_in_one_line_and_kept(
    content: bytes, real_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = damaged_copy(real_data, tmp_path / "damaged", content)
    assert_refused_without_change(directory, capsys)
    if b'schema_version": 99' in content:
        return  # a newer file is readable by a newer companion: nothing to recover from
    assert_recover_keeps_bytes_aside(directory, content, capsys)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"meta": {"1": {"schema_version": "one"}}}', id="schema version is a word"),
        pytest.param(b'{"meta": {"1": {"schema_version": null}}}', id="schema version is null"),
        pytest.param(b'{"meta": {"1": {"schema_version": 1e999}}}', id="schema version is infinite"),
    ],
)
def test_schema_version_of_the_wrong_type_is_refused_in_one_line(
    content: bytes, real_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = damaged_copy(real_data, tmp_path / "damaged", content)
    assert_refused_without_change(directory, capsys)


def test_deeply_nested_json_is_refused_in_one_line(
    real_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = b"[" * NESTING + b"]" * NESTING
    directory = damaged_copy(real_data, tmp_path / "damaged", content)
    assert_refused_without_change(directory, capsys)


@pytest.mark.parametrize("content", [b"", b" \n"], ids=["empty", "whitespace"])
def test_empty_file_is_explained_not_silently_started_over(
    content: bytes, real_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = damaged_copy(real_data, tmp_path / "damaged", content)
    assert_refused_without_change(directory, capsys)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(min_size=1, max_size=2048).filter(lambda raw: raw.strip() != b""))
def test_random_bytes_never_crash_and_are_never_changed(
    content: bytes, real_data: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = damaged_copy(real_data, tmp_path_factory.mktemp("random") / "data", content)
    try:
        Store(directory).all("wins")
    except CorruptDataError:
        assert_refused_without_change(directory, capsys)
        assert_recover_keeps_bytes_aside(directory, content, capsys)
    else:  # random bytes that happen to be a valid companion file are simply read
        assert main(["--data-dir", str(directory), "wins"]) == 0


WRONG_FIELD_TYPES = {
    "created_at that is not a time": {"wins": {"1": {"text": "x", "created_at": "garbage", "id": "a" * 32}}},
    "tags that are a number": {
        "wins": {"1": {"text": "x", "tags": 5, "created_at": "2026-11-20T10:00:00", "id": "b" * 32}}
    },
    "doc id that is not a number": {"wins": {"x": {"text": "x", "created_at": "2026-11-20T10:00:00", "id": "c" * 32}}},
    "followed_up that is a number": {
        "applications": {"1": {"company": "A", "role": "B", "followed_up": 3, "id": "d" * 32}}
    },
}


@pytest.mark.parametrize("document", [pytest.param(document, id=name) for name, document in WRONG_FIELD_TYPES.items()])
def test_records_with_wrong_field_types_never_crash_a_command(
    document: dict[str, object], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    content = json.dumps({"meta": {"1": {"schema_version": 1}}, **document}).encode()
    (data_dir / DATA_FILE).write_bytes(content)
    for command in (
        ["wins"],
        ["apps"],
        ["export", "csv"],
        ["export", "md"],
        ["win", "--", "new"],
        ["app", "add", "C", "D"],
    ):
        code = main(command)
        captured = capsys.readouterr()
        assert code in (0, 1), (command, code)
        if code == 1:  # refused: then in one line, and nothing written
            assert len(captured.err.strip().splitlines()) == 1
            assert (data_dir / DATA_FILE).read_bytes() == content


async def test_app_starts_on_records_with_wrong_field_types(context: Context) -> None:
    context.data_dir.mkdir(parents=True)
    document = {"meta": {"1": {"schema_version": 1}}, **WRONG_FIELD_TYPES["created_at that is not a time"]}
    (context.data_dir / DATA_FILE).write_text(json.dumps(document))
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "tplbr":
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running


def test_two_recoveries_in_the_same_second_keep_both_unreadable_files(store: Store) -> None:
    store.insert("wins", {"text": "kept"})
    store.path.write_bytes(b"first broken file")
    store.recover(restore_backup=False)
    store.path.write_bytes(b"second broken file")
    store.recover(restore_backup=False)
    kept = sorted(p.read_bytes() for p in store.directory.glob(f"{DATA_FILE}.corrupt-*"))
    assert kept == [b"first broken file", b"second broken file"]


def test_real_processes_report_damage_in_one_line(real_data: Path, tmp_path: Path) -> None:
    full = (real_data / DATA_FILE).read_bytes()
    for name, content in {"truncated": full[: len(full) // 2], "nul": DAMAGE["nul byte"], "list": b"[]"}.items():
        directory = damaged_copy(real_data, tmp_path / name, content)
        for command in (["win", "--", "hello"], ["wins"]):
            line = assert_one_line_error(run_cli(*command, data_dir=directory))
            assert "could not be read" in line and "companion recover" in line
        assert (directory / DATA_FILE).read_bytes() == content
        recovered = run_cli("recover", data_dir=directory)
        assert recovered.returncode == 0 and "Traceback" not in recovered.stderr
        assert [p.read_bytes() for p in directory.glob(f"{DATA_FILE}.corrupt-*")] == [content]


def _static(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_app_explains_a_damaged_file_and_keeps_it_aside(context: Context) -> None:
    context.data_dir.mkdir(parents=True)
    content = b'{"wins": {"1": {"text": "half a wr'
    (context.data_dir / DATA_FILE).write_bytes(content)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen)
        assert (context.data_dir / DATA_FILE).read_bytes() == content  # nothing happens until the person chooses
        await pilot.click("#empty")
        await pilot.pause()
        assert not isinstance(app.screen, RecoverScreen)
    assert [p.read_bytes() for p in context.data_dir.glob(f"{DATA_FILE}.corrupt-*")] == [content]
    assert context.store.all("wins") == []


async def test_file_damaged_while_the_app_is_open_is_never_overwritten(context: Context) -> None:
    wins.add_win(context.store, "before the damage", now=FIXED_NOW)
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        content = (context.data_dir / DATA_FILE).read_bytes()[:-7]
        (context.data_dir / DATA_FILE).write_bytes(content)
        app.poll_data_file()
        await pilot.pause()
        await pilot.press("w")
        assert isinstance(app.screen, WinForm)
        app.screen.query_one("#win-text", Input).value = "written after the damage"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinForm), "the dialog stays open with the text, to try again"
        message = _static(app, "#win-error")
        assert "could not be read" in message and "companion recover" in message
        assert (context.data_dir / DATA_FILE).read_bytes() == content

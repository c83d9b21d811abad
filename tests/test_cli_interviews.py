"""`companion interview add|edit|delete` and `companion interviews`, run as people and scripts run them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import time_machine

from companion import interviews, pipeline, wins
from companion.cli import main
from companion.store import Store
from tests.conftest import FIXED_NOW, companion_command, subprocess_env


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(FIXED_NOW, tick=False):  # Friday 27 Nov 2026, 10:30
        yield


@pytest.fixture
def acme(data_dir: Path) -> pipeline.Application:
    store = Store(data_dir)
    pipeline.add_application(store, pipeline.Details(company="Beta", role="SRE"), now=FIXED_NOW)
    return pipeline.add_application(store, pipeline.Details(company="Acme [TODO]", role="Dev [/]"), now=FIXED_NOW)


def run(*args: str) -> int:
    return main(list(args))


def stored(data_dir: Path) -> list[interviews.Interview]:
    return interviews.all_interviews(Store(data_dir))


def test_add_says_what_it_did_and_moves_the_application(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        "interview",
        "add",
        "acme",
        "tomorrow 9:30",
        "--minutes",
        "45",
        "--kind",
        "take-home",
        "--with",
        "Sam",
        "--where",
        "https://meet.example/x",
        "--notes",
        "[TODO] [/]",
    )
    assert code == 0
    [interview] = stored(data_dir)
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"Added Acme [TODO] — Dev [/], take-home, Sat 28 Nov 09:30 (45 min) with Sam, id {interview.id[:8]}.",
        "Moved Acme [TODO] from applied to interviewing.",
    ]
    assert out.err.startswith("That counts as a win if you like: companion win 'Reached the interviews at Acme")
    assert pipeline.find_application(Store(data_dir), acme.id).stage == "interviewing"
    assert wins.all_wins(Store(data_dir)) == []  # "ask" never writes a win on its own


@pytest.mark.parametrize(
    "args, words",
    [
        (["acme", "yesterday 10:00"], "has passed; to log an interview that already happened, add --past"),
        (["acme", "someday"], "has no time of day I can read"),
        (["acme", "fri 25:00"], "has no time of day I can read"),
        (["zzz", "tomorrow 9:30"], "no application has an id or company starting with 'zzz'"),
        (["", "tomorrow 9:30"], "no application given"),
        (["acme", "tomorrow 9:30", "--minutes", "0"], "from 1 to 720"),
        (["acme", "tomorrow 9:30", "--minutes", "721"], "from 1 to 720"),
        (["acme", "tomorrow 9:30", "--kind", "lunch"], "is not a kind of interview"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert run("interview", "add", *args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert stored(data_dir) == []
    assert pipeline.find_application(Store(data_dir), acme.id).stage == "applied"


def test_an_ambiguous_company_is_refused(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline.add_application(Store(data_dir), pipeline.Details(company="Acme Labs", role="QA"), now=FIXED_NOW)
    assert run("interview", "add", "acm", "tomorrow 9:30") == 2
    assert "fits 2 applications" in capsys.readouterr().err


def test_past_logs_a_done_interview_and_always_logs_its_wins(
    data_dir: Path, tmp_path: Path, acme: pipeline.Application
) -> None:
    (tmp_path / "config.toml").write_text('[pipeline]\npipeline_wins = "always"\n', encoding="utf-8")
    assert run("interview", "add", acme.id[:6], "yesterday 10:00", "--past") == 0
    texts = sorted(win.text for win in wins.all_wins(Store(data_dir)))
    assert texts == ["Did the interview with Acme [TODO] (Dev [/])", "Reached the interviews at Acme [TODO] (Dev [/])"]


def test_list_shows_upcoming_and_all_shows_past_too(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str]
) -> None:
    run("interview", "add", "acme", "yesterday 10:00", "--past")
    run("interview", "add", "beta", "mon 14:00", "--where", "Room 3")
    capsys.readouterr()
    assert run("interviews") == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith("Beta — SRE, other, Mon 30 Nov 14:00 (60 min)  · Room 3")
    assert run("interviews", "--all") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_json_has_the_contract_fields(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str]
) -> None:
    run("interview", "add", "acme", "2026-12-04 14:00", "--kind", "video", "--with", "Sam, HR", "--where", "Zoom")
    capsys.readouterr()
    assert run("interviews", "--json") == 0
    out = capsys.readouterr()
    [record] = json.loads(out.out)
    assert out.err == ""
    assert {key: record[key] for key in ("application_id", "company", "role", "minutes", "kind", "with", "where")} == {
        "application_id": acme.id,
        "company": "Acme [TODO]",
        "role": "Dev [/]",
        "minutes": 60,
        "kind": "video",
        "with": "Sam, HR",
        "where": "Zoom",
    }
    starts = datetime.fromisoformat(record["starts_at"])
    assert starts.tzinfo is not None
    assert starts.astimezone().replace(tzinfo=None) == datetime(2026, 12, 4, 14, 0)
    assert record["id"] == stored(data_dir)[0].id


def test_edit_and_delete_by_prefix(
    data_dir: Path, acme: pipeline.Application, capsys: pytest.CaptureFixture[str]
) -> None:
    run("interview", "add", "acme", "tomorrow 9:30")
    [interview] = stored(data_dir)
    assert run("interview", "edit", interview.id[:6], "--when", "fri 2pm", "--minutes", "90") == 0
    [edited] = stored(data_dir)
    assert (edited.starts_at, edited.minutes) == (datetime(2026, 12, 4, 14, 0), 90)
    assert run("interview", "edit", interview.id[:6]) == 2  # nothing to change
    assert run("interview", "delete", "zz", "--yes") == 2
    assert run("interview", "delete", interview.id[:6], "--yes") == 0
    assert stored(data_dir) == []
    assert "Deleted Acme [TODO] — Dev [/]" in capsys.readouterr().out


def test_delete_without_a_terminal_asks_for_yes(data_dir: Path, acme: pipeline.Application) -> None:
    run("interview", "add", "acme", "tomorrow 9:30")
    result = subprocess.run(
        companion_command("interview", "delete", stored(data_dir)[0].id[:8]),
        check=False,
        env=subprocess_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "add --yes; nothing was deleted" in result.stderr
    assert len(stored(data_dir)) == 1


def test_delete_on_a_terminal_asks_first(
    data_dir: Path, acme: pipeline.Application, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run("interview", "add", "acme", "tomorrow 9:30")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run("interview", "delete", stored(data_dir)[0].id[:8]) == 0
    assert "Kept it" in capsys.readouterr().out and len(stored(data_dir)) == 1
    assert run("interview", "delete", stored(data_dir)[0].id[:8]) == 0
    assert stored(data_dir) == []


@pytest.mark.parametrize("mode, hint, logged", [("ask", True, 0), ("always", False, 1), ("never", False, 0)])
def test_app_move_to_screening_follows_the_wins_setting(
    data_dir: Path,
    tmp_path: Path,
    acme: pipeline.Application,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    hint: bool,
    logged: int,
) -> None:
    (tmp_path / "config.toml").write_text(f'[pipeline]\npipeline_wins = "{mode}"\n', encoding="utf-8")
    assert run("app", "move", acme.id[:8], "screening") == 0
    err = capsys.readouterr().err
    assert ("companion win 'Acme [TODO] replied: a screening for Dev [/]'" in err) is hint
    assert len(wins.all_wins(Store(data_dir))) == logged

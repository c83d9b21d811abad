"""The pipeline from the command line: `app add`, `app move`, `apps`, and export/import of applications."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import pipeline
from companion.cli import main
from companion.store import Store
from tests.conftest import subprocess_env


def run(*args: str) -> int:
    return main(list(args))


def applications(data_dir: Path) -> list[pipeline.Application]:
    return pipeline.all_applications(Store(data_dir))


def test_app_add_saves_and_confirms_in_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("app", "add", "Acme [TODO]", "Dev [/]", "--url", "https://a.example", "--follow-up", "2026-12-04") == 0
    [app] = applications(data_dir)
    out = capsys.readouterr().out
    assert out.startswith(f"Added Acme [TODO] — Dev [/] (applied), id {app.id[:8]}. 1 in play (aim: 5).")
    assert out.count("\n") == 1
    assert (app.url, app.follow_up_on, app.stage) == ("https://a.example", "2026-12-04", "applied")


def test_app_add_with_a_stage_people_type(data_dir: Path) -> None:
    assert run("app", "add", "Acme", "Dev", "--stage", "No Response") == 0
    assert applications(data_dir)[0].stage == "no_response"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--stage", "pending"],
            "'pending' is not a stage; use one of: wishlist, applied, screening, interviewing, offer, accepted, "
            "rejected, no_response, withdrawn",
        ),
        (["--follow-up", "2026-02-30"], "--follow-up: '2026-02-30' is not a real date"),
        (["--follow-up", "someday"], "is not a date I can read"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run("app", "add", "Acme", "Dev", *args) == 2
    assert message in capsys.readouterr().err
    assert not (data_dir / "companion.json").exists()


def test_blank_company_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("app", "add", " ", "Dev") == 2
    assert "please fill in the company" in capsys.readouterr().err


def test_app_move_by_prefix_keeps_history_and_speaks_kindly(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("app", "add", "Acme", "Dev")
    app = applications(data_dir)[0]
    capsys.readouterr()
    assert run("app", "move", app.id[:6], "rejected") == 0
    out = capsys.readouterr().out
    assert out.startswith("Moved Acme — Dev: applied → rejected.")
    assert "Rejection is feedback, not a verdict" in out and "press x" in out
    assert [entry["stage"] for entry in applications(data_dir)[0].history] == ["applied", "rejected"]
    assert run("app", "move", app.id, "applied") == 0
    assert capsys.readouterr().out.startswith("Reopened Acme — Dev: rejected → applied.")
    assert run("app", "move", app.id, "applied") == 0
    assert "already in applied; nothing changed" in capsys.readouterr().out


@pytest.mark.parametrize(
    "ident, stage, message",
    [("zz", "applied", "no application has an id or company starting with 'zz'"), ("", "bogus", "is not a stage")],
)
def test_app_move_refusals_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str], ident: str, stage: str, message: str
) -> None:
    run("app", "add", "Acme", "Dev")
    ident = ident or applications(data_dir)[0].id
    before = Store(data_dir).signature()
    assert run("app", "move", ident, stage) == 2
    assert message in capsys.readouterr().err
    assert Store(data_dir).signature() == before


def test_the_debrief_pointer_names_the_persons_own_keys(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path(os.environ["COMPANION_CONFIG"]).write_text('[keys]\npipeline = "f6"\n"pipeline.rejected" = "!"\n')
    run("app", "add", "Acme", "Dev")
    assert run("app", "move", applications(data_dir)[0].id, "rejected") == 0
    assert "open companion, press f6, select it and press !." in capsys.readouterr().out


def test_apps_lists_filters_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("app", "add", "Acme", "Dev", "--follow-up", "2020-01-06")
    run("app", "add", "Globex", "SRE", "--stage", "screening")
    capsys.readouterr()
    assert run("apps") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "applied       Acme — Dev  · follow up since Mon 6 Jan" in lines[0]
    assert "screening     Globex — SRE" in lines[1]
    assert lines[2].startswith("2 in play (aim: 5).")
    assert run("apps", "--stage", "screening", "--json") == 0
    assert [record["company"] for record in json.loads(capsys.readouterr().out)] == ["Globex"]
    assert run("apps", "--stage", "offer") == 0
    assert capsys.readouterr().out.startswith("No applications in offer.")


def test_apps_with_nothing_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("apps") == 0
    assert "No applications yet. `companion app add COMPANY ROLE` adds one." in capsys.readouterr().out


def test_apps_stats_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    run("app", "add", "Acme", "Dev")
    run("app", "add", "Globex", "SRE", "--stage", "interviewing")
    capsys.readouterr()
    assert run("apps", "--stats") == 0
    text = capsys.readouterr().out
    assert "Effort, last 8 weeks" in text and "applied 2 → screening 1 → interviewing 1 → offer 0" in text
    assert run("apps", "--stats", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["funnel"] == {"applied": 2, "screening": 1, "interviewing": 1, "offer": 0}
    assert stats["response_rate"] == 0.5 and len(stats["week_starts"]) == 8


def test_export_and_import_through_the_command_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("app", "add", "=Acme", "Dev")
    run("win", "Sent two applications")
    backup, sheet = tmp_path / "backup.json", tmp_path / "apps.csv"
    assert run("export", "json", "-o", str(backup)) == 0
    assert run("export", "csv", "-o", str(sheet)) == 0
    assert "'=Acme" in sheet.read_text()

    other = tmp_path / "other"
    assert run("--data-dir", str(other), "import", "csv", str(sheet), "--dry-run") == 0
    assert "Would add 1 application." in capsys.readouterr().out
    assert not (other / "companion.json").exists()
    assert run("--data-dir", str(other), "import", "json", str(backup)) == 0
    assert run("--data-dir", str(other), "export", "json", "-o", str(tmp_path / "again.json")) == 0
    assert (tmp_path / "again.json").read_text() == backup.read_text()


def test_import_csv_without_a_company_column_keeps_the_role_and_names_the_unused_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("Name,Job\nAcme,Dev\n,\n")
    assert run("import", "csv", str(sheet)) == 0  # a row with a role is kept (issue 16), never dropped silently
    out = capsys.readouterr().out
    assert "Added 1 application." in out and "Columns not used: Name" in out
    assert [(a.company, a.role) for a in pipeline.all_applications(Store(os.environ["COMPANION_DATA_DIR"]))] == [
        ("Company not given", "Dev")
    ]


def test_app_commands_never_load_textual_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "companion", "app", "add", "Lean", "Check"],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(),
    )
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "companion" in imported
    assert "textual" not in imported and "rich" not in imported

"""`companion import FILE [--from FORMAT] [--dry-run]`: detection, idempotence, dry runs, encodings, round trips."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from companion import pipeline, transfer
from companion.cli import main
from companion.pipeline import Details
from companion.store import Store
from tests.conftest import FIXED_NOW

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
ALL = [
    "huntr_jobs.csv",
    "jobsync_jobs.csv",
    "simplify_jobs.csv",
    "teal_jobs.csv",
    "jrnl_export.json",
    "jrnl_journal.txt",
    "jrnl_export.md",
    "freecbt_export.csv",
    "freecbt_export.json",
    "linkedin/Connections.csv",
]


@pytest.mark.parametrize("name", ALL)
def test_importing_the_same_file_again_adds_nothing(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(FIXTURES / name)])
    first = capsys.readouterr().out
    assert "recognised by its content" in first
    before = Store(data_dir).path.read_bytes()
    assert main(["import", str(FIXTURES / name)]) == 0
    again = capsys.readouterr().out
    assert "Added nothing new;" in again and "already here." in again
    assert Store(data_dir).path.read_bytes() == before


@pytest.mark.parametrize("name", ALL)
def test_dry_run_shows_the_table_and_creates_nothing(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(FIXTURES / name), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].split() == ["what", "happens", "to", "where"]
    assert "\nadd " in out and out.rstrip().endswith("Dry run: nothing was written.")
    assert not data_dir.exists()


def test_the_old_form_and_from_still_work(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = shutil.copy(FIXTURES / "huntr_jobs.csv", tmp_path / "export.txt")
    assert main(["import", "csv", str(renamed)]) == 0  # read as a plain spreadsheet: title is a role there
    assert "read as a spreadsheet of applications (CSV) (as asked with --from)" in capsys.readouterr().out
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import", str(renamed), "--from", "huntr"]) == 0
    assert "read as a Huntr jobs export (as asked with --from)" in capsys.readouterr().out
    assert {app.origin for app in pipeline.all_applications(Store(other))} >= {"huntr:h1"}


def test_a_file_no_importer_knows_is_refused_with_the_way_out(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just some words\nand more\n", encoding="utf-8")
    assert main(["import", str(unknown)]) == 2
    err = capsys.readouterr().err
    assert "I could not tell which tool made notes.txt; say it with --from" in err and not data_dir.exists()
    assert main(["import", "nonsense", str(unknown)]) == 2
    assert "'nonsense' is not a format" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings(encoding: str, store: Store, tmp_path: Path) -> None:
    text = "Company,Role,Notes\r\nCafé Société,Développeur,“quoted” £\r\n"
    path = tmp_path / "jobs.csv"
    path.write_bytes(text.encode(encoding))
    report = transfer.import_file(store, path, dry_run=False, now=FIXED_NOW)
    [app] = pipeline.all_applications(store)
    assert (app.company, app.role, app.notes) == ("Café Société", "Développeur", "“quoted” £")
    if encoding == "cp1252":
        assert "jobs.csv: the file is not UTF-8; it was read as Windows-1252" in report.notes.lines


def test_formula_cells_are_kept_as_text_and_exported_neutralised(store: Store, tmp_path: Path) -> None:
    transfer.import_file(store, FIXTURES / "huntr_jobs.csv", dry_run=False, now=FIXED_NOW)
    exported = transfer.export_text(store, "csv")
    assert "'=HYPERLINK" in exported and ",=HYPERLINK" not in exported


def test_csv_round_trip_keeps_every_field(store: Store, tmp_path: Path) -> None:
    """Issue 20: created/updated, follow-ups sent and the stage history survive a spreadsheet."""
    transfer.import_file(store, FIXTURES / "huntr_jobs.csv", dry_run=False, now=FIXED_NOW)
    app = pipeline.add_application(store, Details("Acme", "Dev", notes="a\nb"), now=FIXED_NOW)
    pipeline.set_follow_up(store, app.id, None, done_today=True, now=FIXED_NOW + timedelta(days=3))
    pipeline.move(store, app.id, "interviewing", now=FIXED_NOW + timedelta(days=5))
    before = {a.id: a for a in pipeline.all_applications(store)}
    assert before[app.id].followed_up and len(before[app.id].history) == 2
    path = tmp_path / "out.csv"
    path.write_text(transfer.export_text(store, "csv"), encoding="utf-8")
    other = Store(tmp_path / "other", clock=lambda: FIXED_NOW)
    report = transfer.import_file(other, path, dry_run=False, now=FIXED_NOW + timedelta(days=30))
    assert report.label == "a companion CSV export"
    after = {a.id: a for a in pipeline.all_applications(other)}
    assert after == before
    report = transfer.import_file(other, path, dry_run=False, now=FIXED_NOW)
    assert report.outcome is not None and report.outcome.count("already here") == len(before)


def test_json_round_trip_of_imported_records_loses_nothing(store: Store, tmp_path: Path) -> None:
    for name in ("huntr_jobs.csv", "jrnl_export.json", "freecbt_export.json", "linkedin/Connections.csv"):
        transfer.import_file(store, FIXTURES / name, dry_run=False, now=FIXED_NOW)
    backup = tmp_path / "backup.json"
    backup.write_text(transfer.export_text(store, "json"), encoding="utf-8")
    fresh = Store(tmp_path / "fresh", clock=lambda: FIXED_NOW)
    report = transfer.import_file(fresh, backup, dry_run=False, now=FIXED_NOW)
    assert report.label == "a companion backup (JSON)"
    assert transfer.export_text(fresh, "json") == transfer.export_text(store, "json")


def test_an_old_file_without_the_new_fields_still_reads(store: Store) -> None:
    store.insert(
        "applications", {"company": "Old", "role": "Dev", "stage": "applied", "salary_min": "lots", "tags": "x"}
    )
    [app] = pipeline.all_applications(store)
    assert (app.salary, app.salary_min, app.tags, app.deadline, app.excitement, app.origin) == (
        "",
        None,
        [],
        "",
        None,
        "",
    )


def test_a_backup_without_a_schema_version_is_named_as_such(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{"format": "companion-backup", "tables": {}}', encoding="utf-8")
    with pytest.raises(transfer.TransferError, match="does not say which schema"):
        transfer.import_file(store, path, dry_run=True, now=FIXED_NOW)


def test_json_dry_run_creates_no_data_dir(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{"format": "companion-backup", "schema_version": 1, "tables": {"wins": [{"id": "w1"}]}}')
    assert main(["import", "json", str(path), "--dry-run"]) == 0
    assert "wins: 1 added" in capsys.readouterr().out and not data_dir.exists()

"""Import and export: CSV for spreadsheets (hostile cells, malformed rows), JSON backups that round-trip."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion import pipeline, transfer
from companion.dates import timestamp
from companion.importers import files, spreadsheet
from companion.importers.rows import Notes, Row, RowProblem
from companion.pipeline import Application, Details
from companion.store import Store
from tests.conftest import FIXED_NOW


@dataclass
class Read:
    applications: list[Application]
    problems: list[RowProblem]
    notes: list[str]


def read(text: str) -> Read:
    """A spreadsheet read through the CSV importer, as `companion import` reads it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jobs.csv"
        path.write_text(text, encoding="utf-8")
        [part] = files.open_parts(path)
        notes = Notes()
        items = list(spreadsheet.read(part, notes, FIXED_NOW))
    rows = [item for item in items if isinstance(item, Row)]
    return Read(
        [Application.from_record(row.record) for row in rows],
        [item for item in items if isinstance(item, RowProblem)],
        notes.lines,
    )


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- CSV export -------------------------------------------------------------------------------


def test_csv_export_neutralises_every_formula_prefix() -> None:
    hostile = Application(
        company='=HYPERLINK("http://x")',
        role="+1+1",
        notes="-2",
        location="@SUM(A1)",
        source="\tx",
        next_action="\rx",
        url="https://example.com/=fine",
    )
    row = csv_rows(transfer.export_csv([hostile]))[0]
    for header in ("Company", "Role", "Notes", "Location", "Source", "Next Action"):
        assert row[header].startswith("'"), header
    assert row["Company"] == '\'=HYPERLINK("http://x")'
    assert row["URL"] == "https://example.com/=fine"


def test_csv_export_has_one_row_per_application_with_feedback(store: Store) -> None:
    app = pipeline.add_application(store, Details("Acme", "Dev", notes="two\nlines"), now=FIXED_NOW)
    pipeline.request_feedback(store, app.id, remind_on=None, now=FIXED_NOW)
    rows = csv_rows(transfer.export_text(store, "csv"))
    assert [
        (r["Company"], r["Stage"], r["Date Applied"], r["Notes"], r["Feedback Requested"], r["ID"]) for r in rows
    ] == [("Acme", "applied", "2026-11-27", "two\nlines", "2026-11-27", app.id)]


# -- CSV import: reading ----------------------------------------------------------------------


def test_import_maps_the_headers_people_use() -> None:
    text = "\ufeffCompany Name;Position;Status;Date Applied;Link;Comments;Salary\nAcme;Dev;Phone screen;2026-11-02;https://a.example;hi;100k\n"
    result = read(text)
    assert result.problems == [] and result.notes == []
    [app] = result.applications
    assert (app.company, app.role, app.stage, app.applied_on, app.url, app.salary, app.salary_min) == (
        "Acme",
        "Dev",
        "screening",
        "2026-11-02",
        "https://a.example",
        "100k",
        100_000,
    )
    assert app.history == [{"stage": "screening", "at": timestamp(datetime(2026, 11, 2))}]


@pytest.mark.parametrize(
    "status, stage",
    [
        ("", "applied"),
        ("Applied", "applied"),
        ("Ghosted", "no_response"),
        ("no response", "no_response"),
        ("Technical interview", "interviewing"),
        ("To apply", "wishlist"),
        ("Declined", "withdrawn"),
        ("Offer", "offer"),
    ],
)
def test_status_words_from_spreadsheets(status: str, stage: str) -> None:
    assert transfer.parse_csv_stage(status) == stage


def test_each_unreadable_row_is_named_with_its_line_and_the_rest_kept() -> None:
    text = (
        "Company,Role,Status,Date Applied,Notes\n"  # line 1
        'Acme,Dev,applied,2026-11-02,"first\nsecond"\n'  # lines 2-3: a cell over two lines
        ",,applied,,\n"  # line 4: no company, role or link
        "Globex,SRE,pending review,,\n"  # line 5: unknown status
        "Initech,Analyst,,2026-02-30,\n"  # line 6: impossible date
        "Hooli,PM,,,too,many,cells\n"  # line 7: more cells than headers
        "\n"  # line 8: blank, skipped quietly
        "Umbrella,QA,Rejected,2026-11-03,\n"  # line 9: fine
    )
    result = read(text)
    assert [a.company for a in result.applications] == ["Acme", "Umbrella"]
    assert result.applications[0].notes == "first\nsecond"
    assert [(p.line, p.reason.split(" (")[0].split(";")[0]) for p in result.problems] == [
        (4, "no company, role or link in this row"),
        (5, "'pending review' is not a stage I know"),
        (6, "date applied: '2026-02-30' is not a real date"),
        (7, "7 cells but the header has 5"),
    ]
    assert str(result.problems[0]) == "line 4: no company, role or link in this row"


def test_hostile_cells_are_stored_as_plain_text_without_controls() -> None:
    text = 'Company,Role,Notes\n"=cmd|\' /C calc\'!A0","\x1b]0;pwned\x07Dev [/]","[TODO] \x1b[31mred"\n'
    [app] = read(text).applications
    assert (app.company, app.role, app.notes) == ("=cmd|' /C calc'!A0", "Dev [/]", "[TODO] red")


def test_day_month_order_is_read_from_the_whole_file() -> None:
    day_first = read("Company,Role,Date Applied\nA,Dev,13/02/2026\nB,Dev,03/04/2026\n").applications
    assert [a.applied_on for a in day_first] == ["2026-02-13", "2026-04-03"]
    month_first = read("Company,Role,Date Applied\nA,Dev,02/13/2026\nB,Dev,03/04/2026\n").applications
    assert [a.applied_on for a in month_first] == ["2026-02-13", "2026-03-04"]
    unclear = read('Company,Role,Date Applied\nA,Dev,03/04/2026\nB,Dev,"Nov 3, 2026"\n')
    assert [a.applied_on for a in unclear.applications] == ["2026-11-03"]
    assert "could be day/month or month/day" in unclear.problems[0].reason


def test_a_file_without_company_or_role_columns_is_refused_whole() -> None:
    with pytest.raises(transfer.TransferError, match=r"no Company or Role column \(found: Name, Employee\)"):
        read("Name,Employee\nAcme,Dev\n")
    with pytest.raises(transfer.TransferError, match="no header row"):
        read("")


def test_spreadsheet_row_numbers_are_not_taken_as_ids_but_our_own_ids_are() -> None:
    own = "0123456789abcdef0123456789abcdef"
    apps = read(f"ID,Company,Role\n7,A,Dev\n{own},B,Dev\n").applications
    assert [a.id for a in apps] == ["", own]


# -- CSV import: storing ----------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "jobs.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_dry_run_reports_and_writes_nothing(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "Company,Role,Notes\nAcme,Dev,\n,Broken,\n,,only a note\n")
    assert transfer.run_import(store, path, "csv", dry_run=True, now=FIXED_NOW) == 0
    out = capsys.readouterr().out
    assert "jobs.csv: read as a spreadsheet of applications (CSV) (as asked with --from)." in out
    assert "add           application  line 3  Company not given — Broken · applied" in out
    assert "not read                   line 4  no company, role or link in this row" in out
    assert "Would add 2 applications.\n1 row could not be read" in out
    assert "Dry run: nothing was written." in out
    assert not store.path.exists()


def test_importing_twice_adds_nothing_the_second_time(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "Company,Role,Date Applied\nAcme,Dev,2026-11-02\nGlobex,SRE,\nAcme,Dev,2026-11-02\n")
    assert transfer.run_import(store, path, "csv", dry_run=False, now=FIXED_NOW) == 0
    assert "Added 2 applications; 1 already here." in capsys.readouterr().out
    transfer.run_import(store, path, "csv", dry_run=False, now=FIXED_NOW)
    assert "Added nothing new; 3 already here." in capsys.readouterr().out
    assert sorted(a.company for a in pipeline.all_applications(store)) == ["Acme", "Globex"]


def test_nothing_readable_exits_1(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "Company,Role\n,,\nAcme,Dev,extra\n")
    assert transfer.run_import(store, path, "csv", dry_run=False, now=FIXED_NOW) == 1


def test_windows_1252_files_are_read_and_said_so(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "Company,Role\nCafé Société,Développeur\n", encoding="cp1252")
    transfer.run_import(store, path, "csv", dry_run=False, now=FIXED_NOW)
    assert "read as Windows-1252" in capsys.readouterr().out
    assert pipeline.all_applications(store)[0].company == "Café Société"


def test_csv_export_reads_back_into_an_empty_store(store: Store, tmp_path: Path) -> None:
    app = pipeline.add_application(
        store, Details("=Acme", "Dev", notes="a\nb", follow_up_on=date(2026, 12, 1)), now=FIXED_NOW
    )
    pipeline.move(store, app.id, "interviewing", now=FIXED_NOW + timedelta(days=1))
    path = write(tmp_path, transfer.export_text(store, "csv"))
    other = Store(tmp_path / "other", clock=lambda: FIXED_NOW)
    transfer.run_import(other, path, "csv", dry_run=False, now=FIXED_NOW)
    [back] = pipeline.all_applications(other)
    assert (back.id, back.company, back.stage, back.notes, back.follow_up_on, back.applied_on) == (
        app.id,
        "=Acme",
        "interviewing",
        "a\nb",
        "2026-12-01",
        "2026-11-27",
    )


# -- JSON backup and restore ------------------------------------------------------------------


def fill_every_table(store: Store) -> None:
    app = pipeline.add_application(store, Details("Acme [TODO]", "Dev [/]"), now=FIXED_NOW)
    pipeline.save_debrief(store, app.id, 3, "calm", "practice", "patience", now=FIXED_NOW)
    store.insert("wins", {"text": "Asked for feedback", "tags": ["growth"], "created_at": "2026-11-27T10:00:00"})
    store.insert(
        "reflections", {"kind": "thought_record", "automatic_thought": "I always fail", "intensity_before": 80}
    )
    store.insert("breath_sessions", {"pattern": "box", "seconds": 240, "nested": {"a": [1, 2.5, None, True]}})
    store.insert("cards", {"thought": "mine", "keywords": ["é", "ü"]})
    store.insert("favourites", {"card_id": "failed-to-get-the-job"})


def test_json_backup_holds_every_table_but_meta(store: Store) -> None:
    fill_every_table(store)
    document = json.loads(transfer.export_text(store, "json"))
    assert document["format"] == "companion-backup" and document["schema_version"] == 1
    assert sorted(document["tables"]) == [
        "applications",
        "breath_sessions",
        "cards",
        "favourites",
        "reflections",
        "wins",
    ]
    assert len(document["tables"]["reflections"]) == 2


def by_id(record: dict[str, object]) -> str:
    return str(record["id"])


def test_json_round_trip_is_exact(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_every_table(store)
    exported = transfer.export_text(store, "json")
    path = write(tmp_path, exported, "backup.json")
    fresh = Store(tmp_path / "fresh", clock=lambda: FIXED_NOW)
    assert transfer.run_import(fresh, path, "json", dry_run=False, now=FIXED_NOW) == 0
    assert "applications: 1 added, 0 put back as backed up, 0 unchanged" in capsys.readouterr().out
    assert transfer.export_text(fresh, "json") == exported
    for table in ("applications", "wins", "reflections", "breath_sessions", "cards", "favourites"):
        assert sorted(fresh.all(table), key=by_id) == sorted(store.all(table), key=by_id)


def test_restore_puts_changed_records_back_and_keeps_newer_ones(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = pipeline.add_application(store, Details("Acme", "Dev"), now=FIXED_NOW)
    path = write(tmp_path, transfer.export_text(store, "json"), "backup.json")
    pipeline.move(store, app.id, "rejected", now=FIXED_NOW)
    newer = pipeline.add_application(store, Details("Globex", "SRE"), now=FIXED_NOW)

    before = store.signature()
    transfer.run_import(store, path, "json", dry_run=True, now=FIXED_NOW)
    assert "applications: 0 added, 1 put back as backed up, 0 unchanged" in capsys.readouterr().out
    assert store.signature() == before

    transfer.run_import(store, path, "json", dry_run=False, now=FIXED_NOW)
    restored = {a.id: a for a in pipeline.all_applications(store)}
    assert restored[app.id].stage == "applied" and len(restored[app.id].history) == 1
    assert newer.id in restored


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else", "tables": {}}', "not a companion backup"),
        ('{"format": "companion-backup", "schema_version": 99, "tables": {}}', "newer companion"),
        ('{"format": "companion-backup", "schema_version": 1, "tables": {"wins": [{"text": "no id"}]}}', "damaged"),
    ],
)
def test_files_that_are_not_backups_are_refused_before_writing(
    store: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = write(tmp_path, content, "backup.json")
    with pytest.raises(transfer.TransferError, match=message):
        transfer.run_import(store, path, "json", dry_run=False, now=FIXED_NOW)
    assert not store.path.exists()


def test_escape_sequences_in_a_hand_edited_backup_never_reach_the_store(store: Store, tmp_path: Path) -> None:
    document = {
        "format": "companion-backup",
        "schema_version": 1,
        "tables": {"wins": [{"id": "w1", "text": "ok\x1b]52;c;cHduZWQ=\x07 [b]", "tags": ["a\x07b"]}]},
    }
    path = write(tmp_path, json.dumps(document), "backup.json")
    transfer.run_import(store, path, "json", dry_run=False, now=FIXED_NOW)
    [win] = store.all("wins")
    assert (win["id"], win["text"], win["tags"]) == ("w1", "ok [b]", ["ab"])


def test_a_missing_file_is_explained(store: Store, tmp_path: Path) -> None:
    with pytest.raises(transfer.TransferError, match="could not read"):
        transfer.run_import(store, tmp_path / "nope.csv", "csv", dry_run=False, now=FIXED_NOW)

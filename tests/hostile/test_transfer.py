"""Hostile files through `companion import csv|json` and out through `companion export csv`.

Import: every data row is accounted for in the report (imported, skipped as already there, or named
with its line and reason), and what is stored is the cell exactly as cleaned. Export: no cell a
spreadsheet would run as a formula (starting with = + - @ tab or CR) leaves companion unneutralised.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from companion import pipeline
from companion.cli import main
from companion.importers.rows import NO_ROLE
from companion.store import Store
from companion.textsafe import clean_block, clean_line
from tests.conftest import FIXED_NOW, companion_command, subprocess_env
from tests.hostile.corpus import (
    BAD_DATES,
    CSV_FORMULAS,
    HOSTILE,
    ONE_MB,
    assert_stored_clean,
    hostile_text,
)

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADER = ["Company", "Role", "Date Applied", "Stage", "Notes", "URL", "Location"]
_ROW_ID = re.compile(r"^C(\d+)(?: |$)")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_cell = st.one_of(hostile_text, st.sampled_from(CSV_FORMULAS), st.just(""))
_date = st.sampled_from(["", "2026-11-01", "11/27/2026", "27.11.2026", "Nov 3, 2026", *BAD_DATES])
_stage = st.sampled_from(["", "applied", "Interviewing", "rejected", "ghosted", "[bold]offer[/]", "\x1b[31mapplied"])
_row = st.fixed_dictionaries(
    {
        "Company": _cell,
        "Role": _cell,
        "Date Applied": _date,
        "Stage": _stage,
        "Notes": _cell,
        "URL": _cell,
        "Location": _cell,
    }
)


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER)
    writer.writeheader()
    for number, row in enumerate(rows):
        writer.writerow({**row, "Company": f"C{number} {row['Company']}"})
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _report_counts(out: str) -> tuple[int, int, int]:
    """(imported, skipped as already there, rows named as unreadable) from the import report."""
    added = re.search(r"^Added (\d+) application", out, re.MULTILINE)
    imported = int(added.group(1)) if added else 0
    skipped = re.search(r"(\d+) already here", out, re.MULTILINE)
    problems = len(re.findall(r"^  line \d+: .+", out, re.MULTILINE))
    return imported, int(skipped.group(1)) if skipped else 0, problems


@SETTINGS
@given(rows=st.lists(_row, min_size=1, max_size=8))
@example(
    rows=[
        {"Company": "x" * ONE_MB, "Role": "r", "Date Applied": "", "Stage": "", "Notes": "", "URL": "", "Location": ""}
    ]
)
@example(
    rows=[
        {"Company": c, "Role": c, "Date Applied": "", "Stage": "", "Notes": c, "URL": c, "Location": c}
        for c in CSV_FORMULAS
    ]
)
def test_every_imported_row_is_stored_as_cleaned_or_named(
    rows: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path_factory.mktemp("import")
    source = folder / "applications.csv"
    _write_csv(source, rows)
    code = main(["--data-dir", str(folder / "data"), "import", "csv", str(source)])
    captured = capsys.readouterr()
    assert code in (0, 1), (code, captured.err)
    assert _CONTROL.search(captured.out) is None and _CONTROL.search(captured.err) is None
    imported, skipped, problems = _report_counts(captured.out)
    assert imported + skipped + problems == len(rows), captured.out
    assert code == (1 if problems and not imported and not skipped else 0)
    stored = pipeline.all_applications(Store(folder / "data")) if imported else []
    assert len(stored) == imported
    for application in stored:
        found = _ROW_ID.match(application.company)
        assert found is not None, application.company
        number = int(found.group(1))
        row = rows[number]
        assert application.company == clean_line(f"C{number} {row['Company']}")
        assert application.role == (clean_line(row["Role"]) or NO_ROLE)
        assert application.notes == clean_block(row["Notes"])
        assert application.url == clean_line(row["URL"])
        assert application.location == clean_line(row["Location"])
        for text in (application.company, application.role, application.url, application.location):
            assert_stored_clean(text)
        assert_stored_clean(application.notes, multiline=True)


MALFORMED = {
    "a row with too many cells": "Company,Role\nAcme,Dev,extra,cells\nGlobex,Ops\n",
    "an unterminated quote": 'Company,Role\nAcme,Dev\n"Globex,Ops\nInitech,QA\n',
    "a field over the csv limit": "Company,Role\nAcme,Dev\n" + "B" * 200_000 + ",Ops\n",
    "NUL bytes": "Company,Role\nAc\x00me,Dev\n",
    "only a header": "Company,Role\n",
    "blank lines": "Company,Role\n\n\n,\nAcme,Dev\n",
    "semicolons": "Company;Role\nAcme;Dev\n",
    "a BOM": "\ufeffCompany,Role\nAcme,Dev\n",
}


@pytest.mark.parametrize("text", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_files_are_reported_row_by_row(
    text: str, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    code = main(["import", "csv", str(source)])
    out = capsys.readouterr().out
    assert code in (0, 1)
    imported, _, problems = _report_counts(out)
    assert imported == len(pipeline.all_applications(Store(data_dir)))
    if "could not be read" in out:
        assert problems >= 1


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "no header row"),
        ("Name,Employee\nAcme,Dev\n", "no Company or Role column"),
        ("\x1b[31mFirm,Person\n1,2\n", "no Company or Role column"),
        (bytes(range(256)).decode("latin-1") * 3, "column"),
    ],
    ids=["empty", "unknown headers", "escape in header", "binary"],
)
def test_a_file_that_cannot_be_imported_at_all_is_refused_in_one_line(
    text: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8", newline="")
    assert main(["import", "csv", str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and reason in err[0] and _CONTROL.search(err[0]) is None, err


@SETTINGS
@given(values=st.lists(st.one_of(st.sampled_from(CSV_FORMULAS + HOSTILE), hostile_text), min_size=1, max_size=6))
def test_export_neutralises_every_formula_cell(
    values: list[str], tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path_factory.mktemp("export")
    store = Store(folder)
    for value in values:
        details = pipeline.Details(
            company=f"{value}"[:200] or "x",
            role=value[:200] or "r",
            notes=f"{value}\n{value}"[:5000],
            location=value[:200],
            source=value[:200],
            next_action=value[:500],
            url=value[:500],
        )
        try:
            pipeline.add_application(store, details, now=FIXED_NOW)
        except pipeline.ApplicationError:
            continue  # e.g. only controls, cleaned to nothing: refused, fine here
    assert main(["--data-dir", str(folder), "export", "csv"]) == 0
    exported = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    assert rows[0][0] == "Company"
    stored = [(a.company, a.role) for a in pipeline.all_applications(store)]
    assert len(rows) - 1 == len(stored)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(_FORMULA_START), f"a spreadsheet would run {cell!r}"
        company, role = (
            cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell for cell in row[:2]
        )
        assert (company, role) in stored


def test_export_then_import_gives_the_same_text_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = Store(tmp_path / "first"), tmp_path / "second"
    details = pipeline.Details(
        "=Acme+1", "-Lead-", notes="@mention\n=2+2", location="+44 London", next_action="=HYPERLINK()"
    )
    original = pipeline.add_application(first, details, now=FIXED_NOW)
    assert main(["--data-dir", str(first.directory), "export", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert main(["--data-dir", str(second), "import", "csv", str(tmp_path / "out.csv")]) == 0
    capsys.readouterr()
    (back,) = pipeline.all_applications(Store(second))
    assert (back.company, back.role, back.notes, back.location, back.next_action) == (
        original.company,
        original.role,
        original.notes,
        original.location,
        original.next_action,
    )


def test_import_report_never_echoes_controls_from_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "\x1b[31mapplications\x07.csv"
    source.write_text("Company,Role\nAcme,Dev\n")
    assert main(["import", "csv", str(source)]) == 0
    assert _CONTROL.search(capsys.readouterr().out.replace("\n", "")) is None


# -- JSON restore -------------------------------------------------------------------------------


def test_json_backup_of_hostile_data_restores_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = Store(tmp_path / "first", clock=lambda: FIXED_NOW)
    for number, text in enumerate(HOSTILE):
        if clean_line(text):
            pipeline.add_application(
                first, pipeline.Details(f"{text} {number}", text, notes=f"{text}\n{text}"), now=FIXED_NOW
            )
            assert main(["--data-dir", str(first.directory), "win", "--", f"{text} {number}"]) == 0
    assert main(["--data-dir", str(first.directory), "export", "json", "-o", str(tmp_path / "backup.json")]) == 0
    assert main(["--data-dir", str(tmp_path / "second"), "import", "json", str(tmp_path / "backup.json")]) == 0
    capsys.readouterr()
    second = Store(tmp_path / "second")

    def by_id(store: Store, table: str) -> list[dict[str, object]]:
        return sorted(store.all(table), key=lambda record: str(record["id"]))

    for table in ("applications", "wins"):
        assert by_id(second, table) == by_id(first, table)


def _backup(tables: object) -> str:
    return json.dumps({"format": "companion-backup", "version": 1, "schema_version": 1, "tables": tables})


def test_json_restore_strips_escape_sequences(tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "backup.json"
    win = {
        "id": "a" * 32,
        "text": "\x1b]0;owned\x07[bold]x[/] \x9b31mred",
        "tags": ["\x1b[2Jt"],
        "created_at": "2026-11-20T10:00:00",
        "updated_at": "2026-11-20T10:00:00",
    }
    source.write_text(_backup({"wins": [win]}))
    assert main(["import", "json", str(source)]) == 0
    (stored,) = store.all("wins")
    assert stored["text"] == "[bold]x[/] red" and stored["tags"] == ["t"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            _backup({"wins": [{"id": "b" * 32, "text": "x\ud800y", "created_at": "2026-11-20T10:00:00"}]}),
            id="lone surrogate",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000,
            id="nested 100,000 deep",
        ),
    ],
)
def test_json_restore_of_a_hostile_file_never_crashes(text: str, tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "backup.json"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = subprocess.run(
        companion_command("import", "json", str(source)),
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=60,
    )
    assert "Traceback" not in result.stderr and result.returncode in (0, 2), result.stderr


def test_a_restored_record_with_a_bad_time_does_not_break_companion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "backup.json"
    source.write_text(_backup({"wins": [{"id": "c" * 32, "text": "x", "created_at": "garbage"}]}))
    main(["import", "json", str(source)])
    capsys.readouterr()
    assert main(["win", "--", "after the restore"]) == 0

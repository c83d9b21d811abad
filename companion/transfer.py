"""Import and export: applications as CSV for spreadsheets, everything as a JSON backup, and the
exports of the tools people come from.

CSV export writes every field of an application (its timestamps, follow-ups and stage history too),
so a spreadsheet round trip loses nothing. JSON is a whole-data backup of every table that restores
exactly: restoring adds what is missing and puts changed records back as they were, and keeps records
made since the backup. `companion import FILE` recognises the file (companion.importers), keeps
every row it can read and names each one it cannot (line and reason).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from companion import pipeline
from companion.importers import fields
from companion.importers.apply import ADD, HERE, MERGE, Outcome, apply_rows
from companion.importers.fields import TransferError
from companion.importers.rows import Notes, Row, RowProblem
from companion.store import META_TABLE, SCHEMA_VERSION, Store
from companion.textsafe import clean_line, neutralise_csv_cell, strip_controls

BACKUP_FORMAT = "companion-backup"
BACKUP_VERSION = 1


# -- export -----------------------------------------------------------------------------------

# Every field of an application, in its declared order, under its declared header (companion.pipeline.model).
CSV_COLUMNS: list[tuple[str, str]] = [(header, key) for header, key, _ in pipeline.Application.csv_columns()]


def _csv_cell(value: Any) -> str:
    """Lists as `a; b` (a history entry as `stage at`), nothing as an empty cell."""
    if isinstance(value, list):
        return "; ".join(
            f"{item.get('stage', '')} {item.get('at', '')}" if isinstance(item, dict) else str(item) for item in value
        )
    return "" if value is None else str(value)


def _csv_values(application: pipeline.Application) -> dict[str, str]:
    return {key: _csv_cell(value) for key, value in application.csv_values().items()}


def export_csv(applications: Iterable[pipeline.Application]) -> str:
    """One row per application; cells a spreadsheet would run as a formula are made plain text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for header, _ in CSV_COLUMNS])
    for application in applications:
        values = _csv_values(application)
        writer.writerow([neutralise_csv_cell(values[key]) for _, key in CSV_COLUMNS])
    return buffer.getvalue()


def backup_tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every table of the data file (whatever features wrote them), records in id order."""
    names = [name for name in store.table_names() if name != META_TABLE]
    return {name: sorted(store.all(name), key=lambda record: str(record.get("id", ""))) for name in names}


def export_json(store: Store) -> str:
    """A canonical backup: the same data always gives the same bytes, so a round trip is exact."""
    document = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "schema_version": SCHEMA_VERSION,
        "tables": backup_tables(store),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_text(store: Store, fmt: str) -> str:
    if fmt == "json":
        return export_json(store)
    if fmt == "csv":
        return export_csv(pipeline.all_applications(store))
    raise TransferError(f"'{fmt}' is not an export format here; use json or csv")


# -- import: the formats live in companion.importers ---------------------------------------

# Re-exported: the date and stage readers every importer shares.
parse_csv_date = fields.parse_csv_date
parse_csv_stage = fields.parse_csv_stage


# -- JSON restore -----------------------------------------------------------------------------


def _clean_strings(value: Any) -> Any:
    """Escape sequences never reach the store, even from a hand-edited backup."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _clean_strings(item) for key, item in value.items()}
    return value


def parse_backup(text: str) -> dict[str, list[dict[str, Any]]]:
    """The tables of a backup made by `companion export json`, checked before anything is written."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise TransferError("nested too deeply to be a companion backup") from None
    except json.JSONDecodeError as exc:
        raise TransferError(f"not valid JSON ({exc}); is this a file from `companion export json`?") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise TransferError("not a companion backup (make one with `companion export json`)")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise TransferError("this backup does not say which schema it has; is it a file from `companion export json`?")
    if version > SCHEMA_VERSION:
        raise TransferError(f"this backup was made by a newer companion (schema {version}); please upgrade first")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise TransferError("the backup has no tables")
    checked: dict[str, list[dict[str, Any]]] = {}
    for name, records in tables.items():
        if name == META_TABLE:
            continue
        if not isinstance(records, list) or not all(
            isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"] for record in records
        ):
            raise TransferError(f"table '{clean_line(name)}' in the backup is damaged (every record needs an id)")
        checked[name] = [_clean_strings(record) for record in records]
    return checked


@dataclass
class TableRestore:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def restore_backup(store: Store, tables: dict[str, list[dict[str, Any]]], *, dry_run: bool) -> dict[str, TableRestore]:
    """Put every backed-up record back as it was, in one write; newer records are kept.

    A dry run only reads (no lock, no data directory made)."""
    report: dict[str, TableRestore] = {}
    if dry_run:
        for name, records in tables.items():
            _restore_table(report.setdefault(name, TableRestore()), store.all(name), records, None)
        return report
    with store.transaction() as tx:
        for name, records in tables.items():
            _restore_table(report.setdefault(name, TableRestore()), tx.all(name), records, (tx, name))
    return report


def _restore_table(
    counts: TableRestore, stored: list[dict[str, Any]], records: list[dict[str, Any]], target: tuple[Any, str] | None
) -> None:
    """Count (and, given a transaction, write) what restoring one table changes."""
    current = {str(record.get("id")): record for record in stored}
    changed = []
    for record in records:
        before = current.get(record["id"])
        if before == record:
            counts.unchanged += 1
            continue
        if before is None:
            counts.added += 1
        else:
            counts.updated += 1
        changed.append(record)
    if target is not None and changed:
        tx, name = target
        tx.put_many(name, changed)  # one pass over the table: a restore grows linearly with its size


# -- the command ------------------------------------------------------------------------------

_NOUNS = {
    "applications": ("application", "applications"),
    "wins": ("win", "wins"),
    "people": ("person", "people"),
    "reflections": ("thought record", "thought records"),
}


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def _counted(count: int, table: str) -> str:
    one, many = _NOUNS.get(table, (table, table))
    return _plural(count, one, many)


@dataclass
class ImportReport:
    """What an import did (or would do), in words the CLI prints and the app shows."""

    file: str
    label: str
    asked: bool
    dry_run: bool
    notes: Notes = field(default_factory=Notes)
    outcome: Outcome | None = None
    restored: dict[str, TableRestore] | None = None
    not_read: list[str] = field(default_factory=list)

    @property
    def read_nothing(self) -> bool:
        """Rows were there and none could be read: the exit code says so."""
        outcome = self.outcome
        return outcome is not None and bool(outcome.problems) and outcome.rows == len(outcome.problems)

    def table(self) -> list[tuple[str, str, str, str]]:
        """(what would happen, to which table, where in the file, what) for the dry-run table."""
        if self.outcome is None:
            return []
        rows = [
            (line.action, _NOUNS.get(line.table, (line.table,))[0], line.where, line.summary)
            for line in self.outcome.lines
        ]
        rows += [
            ("not read", "", f"line {p.line}" if not p.part else f"{p.part} line {p.line}", p.reason)
            for p in self.outcome.problems
        ]
        return rows

    def summary(self) -> list[str]:
        how = "as asked with --from" if self.asked else "recognised by its content"
        lines = [f"{self.file}: read as {self.label} ({how})."]
        if self.restored is not None:
            lines += self._restored_lines()
        elif self.outcome is not None:
            lines += self._outcome_lines(self.outcome)
        lines += self.notes.lines
        if self.notes.guessed:
            guessed = self.notes.guessed.items()
            guesses = ", ".join(f"'{name}' as {pipeline.stage_label(stage)}" for name, stage in guessed)
            lines.append(f"Guessed from the words used (change them on the board if they are wrong): {guesses}")
        if self.not_read:
            lines.append(
                f"Not read (not a file companion knows): {', '.join(self.not_read[:8])}"
                + (f" and {len(self.not_read) - 8} more" if len(self.not_read) > 8 else "")
            )
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        elif self.restored is not None:
            lines.append("Records made since the backup were kept.")
        return lines

    def _restored_lines(self) -> list[str]:
        assert self.restored is not None
        lines = [
            f"  {name}: {c.added} added, {c.updated} put back as backed up, {c.unchanged} unchanged"
            for name, c in sorted(self.restored.items())
        ]
        return lines or ["  (the backup holds no tables)"]

    def _outcome_lines(self, outcome: Outcome) -> list[str]:
        tables = sorted({table for table, _ in outcome.counts})
        added = ", ".join(_counted(outcome.count(ADD, t), t) for t in tables if outcome.count(ADD, t))
        merged = outcome.count(MERGE)
        verb, merge_verb = ("Would add", "would fill in") if self.dry_run else ("Added", "filled in")
        line = f"{verb} {added or 'nothing new'}"
        if merged:
            line += f"; {merge_verb} details of {_plural(merged, 'record')} already here"
        here = outcome.count(HERE)
        lines = [line + (f"; {here} already here." if here else ".")]
        if outcome.problems and self.dry_run:
            lines.append(f"{_plural(len(outcome.problems), 'row')} could not be read (marked 'not read' above).")
        elif outcome.problems:
            lines.append(f"{_plural(len(outcome.problems), 'row')} could not be read (the rest were kept):")
            lines += [f"  {problem}" for problem in outcome.problems]
        return lines


def _with_part(items: Iterator[Row | RowProblem], part: str) -> Iterator[Row | RowProblem]:
    """Rows of one member of a zip say which member they came from."""
    for item in items:
        if isinstance(item, RowProblem):
            yield replace(item, part=part)
        else:
            item.part = part
            yield item


def import_file(
    store: Store,
    path: Path,
    fmt: str | None = None,
    *,
    dry_run: bool,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Recognise the file (or read it as `fmt`), then add, merge or count every row in one write."""
    from companion.importers import detect, files

    parts = files.open_parts(path)
    name = clean_line(path.name)
    if fmt == detect.BACKUP or (fmt is None and len(parts) == 1 and detect.is_backup(parts[0])):
        if len(parts) != 1:
            raise TransferError(f"{name} is a zip; a companion backup is one JSON file from `companion export json`")
        restored = restore_backup(store, parse_backup(parts[0].read_text()), dry_run=dry_run)
        return ImportReport(name, detect.BACKUP_LABEL, fmt is not None, dry_run, restored=restored)
    chosen: list[tuple[files.Part, detect.Format]] = []
    not_read: list[str] = []
    for part in detect.order_parts(parts):
        found = detect.detect(part)
        if fmt is not None and (len(parts) == 1 or (found is not None and found.name == fmt)):
            found = detect.BY_NAME[fmt]
        elif fmt is not None:
            found = None
        if found is None:
            not_read.append(clean_line(part.name))
        else:
            chosen.append((part, found))
    if not chosen:
        raise TransferError(
            f"I could not tell which tool made {name}; say it with --from ({', '.join(detect.BY_NAME)}, or json)"
        )
    formats = list(dict.fromkeys(found.label for _, found in chosen))
    report = ImportReport(name, " and ".join(formats), fmt is not None, dry_run, not_read=not_read)
    for part, _ in chosen:
        if part.encoding_note:
            report.notes.add(f"{clean_line(part.name)}: {part.encoding_note}")

    def rows() -> Iterator[Row | RowProblem]:
        for part, found in chosen:
            items = found.read(part, report.notes, now)
            try:
                yield from _with_part(items, clean_line(part.name)) if len(parts) > 1 else items
            except TransferError as exc:
                raise TransferError(f"{clean_line(part.name)}: {exc}" if len(parts) > 1 else str(exc)) from None

    report.outcome = apply_rows(store, rows(), dry_run=dry_run, now=now, progress=progress)
    return report


def _progress_line(name: str) -> Callable[[int], None] | None:
    """A progress line on a terminal (stderr), nothing when the output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(rows: int) -> None:
        print(f"\rReading {name}: {rows:,} rows…", end="", file=sys.stderr, flush=True)

    return show


def format_table(rows: list[tuple[str, str, str, str]], width: int = 100) -> list[str]:
    """The dry-run table as aligned text lines, each cut to `width`."""
    if not rows:
        return []
    heads = ("what happens", "to", "where", "")
    widths = [max(len(heads[i]), *(len(row[i]) for row in rows)) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        text = "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(cells)).rstrip()
        return text if len(text) <= width else text[: width - 1] + "…"

    return [line(heads), *(line(row) for row in rows)]


def run_import(store: Store, path: Path, fmt: str | None, *, dry_run: bool, now: datetime) -> int:
    """`companion import FILE [--from FORMAT] [--dry-run]`: what it was taken for, then what happened."""
    progress = _progress_line(clean_line(path.name))
    try:
        report = import_file(store, path, fmt, dry_run=dry_run, now=now, progress=progress)
    finally:
        if progress is not None:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    lines = report.summary()
    table = format_table(report.table(), shutil.get_terminal_size((120, 24)).columns) if dry_run else []
    if report.outcome is not None and dry_run:
        hidden = report.outcome.hidden
        table += [f"… and {n} more to {action}" for action, n in hidden.items() if n]
    print("\n".join([lines[0], *table, *lines[1:]]))
    return 1 if report.read_nothing else 0

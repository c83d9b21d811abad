"""Import and export: applications as CSV for spreadsheets, everything as a JSON backup.

CSV is how people already track a search, so import reads the headers they use (Company, Position,
Status, Date Applied, Link, ...), keeps every row it can read and names each one it cannot (line and
reason). JSON is a whole-data backup of every table that restores exactly: restoring adds what is
missing and puts changed records back as they were, and keeps records made since the backup.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from companion import pipeline
from companion.dates import timestamp
from companion.errors import InputError
from companion.store import META_TABLE, SCHEMA_VERSION, Store
from companion.textsafe import (
    clean_block,
    clean_line,
    neutralise_csv_cell,
    restore_csv_cell,
    strip_controls,
)

BACKUP_FORMAT = "companion-backup"
BACKUP_VERSION = 1


class TransferError(InputError):
    """A file that cannot be imported as a whole; the message says what would work."""


# -- export -----------------------------------------------------------------------------------

CSV_COLUMNS: list[tuple[str, str]] = [
    ("Company", "company"),
    ("Role", "role"),
    ("Stage", "stage"),
    ("Date Applied", "applied_on"),
    ("Follow Up", "follow_up_on"),
    ("Next Action", "next_action"),
    ("Location", "location"),
    ("Source", "source"),
    ("URL", "url"),
    ("Notes", "notes"),
    ("Feedback Requested", "feedback_requested_on"),
    ("Feedback Received", "feedback_received_on"),
    ("Feedback", "feedback"),
    ("Created", "created_at"),
    ("Updated", "updated_at"),
    ("ID", "id"),
]


def _csv_values(application: pipeline.Application) -> dict[str, str]:
    record = application.to_record()
    record["feedback_requested_on"] = application.feedback.requested_on
    record["feedback_received_on"] = application.feedback.received_on
    record["feedback"] = application.feedback.text
    return {key: str(record[key]) for _, key in CSV_COLUMNS}


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


# -- CSV import: reading ----------------------------------------------------------------------

# Header spellings people use, compared with case, spaces and punctuation removed.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organisation", "organization", "org"),
    "role": ("role", "position", "title", "jobtitle", "job", "positiontitle", "roletitle", "jobrole"),
    "stage": ("stage", "status", "applicationstatus", "state"),
    "applied_on": ("dateapplied", "applied", "appliedon", "applieddate", "applicationdate", "dateofapplication", "date"),
    "url": ("url", "link", "joblink", "joburl", "posting", "postingurl", "listing", "joblisting"),
    "notes": ("notes", "note", "comments", "comment"),
    "location": ("location", "city", "place"),
    "source": ("source", "foundvia", "foundon", "via", "channel"),
    "follow_up_on": ("followup", "followupon", "followupdate", "nextfollowup"),
    "next_action": ("nextaction", "nextstep", "nextsteps", "todo"),
    "feedback_requested_on": ("feedbackrequested", "feedbackrequestedon"),
    "feedback_received_on": ("feedbackreceived", "feedbackreceivedon"),
    "feedback": ("feedback",),
    "id": ("id",),
}
IGNORED_HEADERS = frozenset({"created", "createdat", "updated", "updatedat"})
ACCEPTED_HEADERS = "Company; Role/Position/Title; Status/Stage; Date Applied; URL/Link; Notes; Location; Source; Follow Up; Next Action"

# Status words from spreadsheets, read as companion's stages.
STAGE_ALIASES: dict[str, str] = {
    **{word: "wishlist" for word in ("wish list", "to apply", "saved", "interested", "bookmarked", "planned", "researching", "draft")},
    **{word: "applied" for word in ("submitted", "sent", "application sent", "pending", "waiting", "in review", "under review", "new")},
    **{word: "screening" for word in ("screen", "phone screen", "phone", "recruiter call", "recruiter screen", "hr call", "hr screen")},
    **{word: "interviewing" for word in ("interview", "interviews", "technical interview", "onsite", "on site", "final round", "take home", "assessment")},
    **{word: "offer" for word in ("offered", "offer received")},
    **{word: "accepted" for word in ("hired", "offer accepted", "signed")},
    **{word: "rejected" for word in ("rejection", "not selected", "turned down", "unsuccessful", "declined by company")},
    **{word: "no_response" for word in ("ghosted", "no reply", "no answer", "silence", "noresponse")},
    **{word: "withdrawn" for word in ("withdrew", "declined", "declined offer", "not interested", "cancelled", "canceled")},
}

_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_OWN_ID = re.compile(r"[0-9a-f]{32}")
_NAMED_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y")


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> field for the headers companion knows; the other headers, to mention."""
    lookup = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = _header_key(header)
        name = lookup.get(key)
        if name is not None and name not in mapping.values():
            mapping[index] = name
        elif key and key not in IGNORED_HEADERS:
            ignored.append(clean_line(header))
    return mapping, ignored


def parse_csv_stage(text: str) -> str:
    """A status as people write it in a spreadsheet; empty means applied."""
    words = " ".join(re.sub(r"[-_/]", " ", clean_line(text).lower()).split())
    if not words:
        return "applied"
    if words.replace(" ", "_") in pipeline.STAGES:
        return words.replace(" ", "_")
    if words in STAGE_ALIASES:
        return STAGE_ALIASES[words]
    raise TransferError(f"'{clean_line(text)}' is not a stage I know (use one of: {', '.join(pipeline.STAGES)})")


def day_order(values: Iterable[str]) -> str | None:
    """'dmy' or 'mdy' when the file's numeric dates show it (a part above 12), else None."""
    seen: set[str] = set()
    for value in values:
        found = _NUMERIC_DATE.match(value.strip())
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            if first > 12:
                seen.add("dmy")
            elif second > 12:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def parse_csv_date(text: str, order: str | None) -> date | None:
    """The date forms spreadsheets export; day/month order comes from the whole file."""
    value = clean_line(text)
    if not value:
        return None
    iso = _ISO_DATE.match(value)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        numeric = _NUMERIC_DATE.match(value)
        if numeric:
            first, second, year = (int(part) for part in numeric.groups())
            year += 2000 if year < 100 else 0
            if first == second or order == "dmy" or (order is None and first > 12):
                return date(year, second, first)
            if order == "mdy" or second > 12:
                return date(year, first, second)
            raise TransferError(f"'{value}' could be day/month or month/day; please write it as YYYY-MM-DD")
    except ValueError as exc:
        raise TransferError(f"'{value}' is not a real date ({exc})") from None
    for form in _NAMED_DATE_FORMATS:
        try:
            return datetime.strptime(value.replace(",", ""), form).date()
        except ValueError:
            continue
    raise TransferError(f"'{value}' is not a date I can read (use YYYY-MM-DD)")


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class CsvRead:
    """What a CSV file holds: applications ready to store, and the rows that could not be read."""

    applications: list[pipeline.Application] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without the BOM Excel writes); otherwise Windows-1252, said out loud."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "the file is not UTF-8; it was read as Windows-1252"


def _delimiter(text: str) -> str:
    """Comma, semicolon (European spreadsheets) or tab: whichever the header line uses most."""
    first_line = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first_line.count)


def _rows(text: str) -> Iterator[tuple[int, list[str] | None, str]]:
    """(starting line, cells, problem): a cell the csv module cannot read ends the file there."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, None, f"{exc}; the rest of the file could not be read"
            return
        yield line, cells, ""
        line = reader.line_num + 1


def read_csv(text: str, *, now: datetime) -> CsvRead:
    """Read a spreadsheet's rows into applications; every unreadable row is named, the rest kept."""
    rows = list(_rows(text))
    if not rows or rows[0][1] is None or not any(cell.strip() for cell in rows[0][1]):
        raise TransferError("the file has no header row; the first line should name the columns, like Company,Role")
    headers = rows[0][1]
    mapping, ignored = map_headers(headers)
    for needed, label in (("company", "Company"), ("role", "Role (or Position, Title)")):
        if needed not in mapping.values():
            found = ", ".join(clean_line(h) for h in headers if h.strip()) or "none"
            raise TransferError(f"no {label} column (found: {found}); columns companion reads: {ACCEPTED_HEADERS}")
    date_columns = [index for index, name in mapping.items() if name in ("applied_on", "follow_up_on")]
    order = day_order(cells[i] for _, cells, _ in rows[1:] if cells for i in date_columns if i < len(cells))
    result = CsvRead(ignored_headers=ignored)
    for line, cells, problem in rows[1:]:
        if cells is None:
            result.problems.append(RowProblem(line, problem))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(headers):
            result.problems.append(
                RowProblem(line, f"{len(cells)} cells but the header has {len(headers)} (a comma inside a cell needs quotes)")
            )
            continue
        values = {name: restore_csv_cell(cells[index]) if index < len(cells) else "" for index, name in mapping.items()}
        try:
            result.applications.append(_application_from_row(values, order, now))
        except InputError as exc:
            result.problems.append(RowProblem(line, str(exc)))
    return result


def _application_from_row(values: dict[str, str], order: str | None, now: datetime) -> pipeline.Application:
    def day(name: str, label: str) -> date | None:
        try:
            return parse_csv_date(values.get(name, ""), order)
        except TransferError as exc:
            raise TransferError(f"{label}: {exc}") from None

    stage = parse_csv_stage(values.get("stage", ""))
    details = pipeline.Details(
        company=values.get("company", ""),
        role=values.get("role", ""),
        source=values.get("source", ""),
        url=values.get("url", ""),
        location=values.get("location", ""),
        notes=values.get("notes", ""),
        next_action=values.get("next_action", ""),
        applied_on=day("applied_on", "date applied"),
        follow_up_on=day("follow_up_on", "follow up"),
    ).cleaned()
    requested, received = day("feedback_requested_on", "feedback requested"), day("feedback_received_on", "feedback received")
    stamp = timestamp(now)
    # The best we know of when it reached this stage: the day it was sent, else today.
    since = timestamp(datetime.combine(details.applied_on, datetime.min.time())) if details.applied_on else stamp
    record = {
        **pipeline.Application(company=details.company, role=details.role, stage=stage).to_record(),
        **details.changes(),
        "history": [{"stage": stage, "at": since}],
        "feedback": {
            "requested_on": requested.isoformat() if requested else "",
            "received_on": received.isoformat() if received else "",
            "text": clean_block(values.get("feedback", "")),
        },
        "created_at": stamp,
        "updated_at": stamp,
        # Only companion's own ids are kept (an export read back); a spreadsheet's row numbers are not.
        "id": own_id if _OWN_ID.fullmatch(own_id := clean_line(values.get("id", "")).lower()) else "",
    }
    return pipeline.Application.from_record(record)


# -- CSV import: storing ----------------------------------------------------------------------


def _same(application: pipeline.Application) -> tuple[str, str, str]:
    return (application.company.lower(), application.role.lower(), application.applied_on)


@dataclass(frozen=True)
class CsvImport:
    added: list[pipeline.Application]
    already_there: int


def import_applications(store: Store, read: CsvRead, *, dry_run: bool) -> CsvImport:
    """Store what was read in one write; rows already there (same id, or same company, role and
    date applied) are skipped, so importing the same file twice adds nothing the second time."""
    with store.transaction() as tx:
        existing = [pipeline.Application.from_record(record) for record in tx.all(pipeline.TABLE)]
        ids = {application.id for application in existing}
        seen = {_same(application) for application in existing}
        fresh: list[dict[str, Any]] = []
        for application in read.applications:
            if (application.id and application.id in ids) or _same(application) in seen:
                continue
            seen.add(_same(application))
            ids.add(application.id)
            fresh.append(application.to_record())
        if fresh and not dry_run:
            fresh = tx.insert_many(pipeline.TABLE, fresh)
        added = [pipeline.Application.from_record(record) for record in fresh]
    return CsvImport(added, len(read.applications) - len(added))


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
    if not isinstance(version, int) or version > SCHEMA_VERSION:
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
    """Put every backed-up record back as it was, in one write; newer records are kept."""
    report: dict[str, TableRestore] = {}
    with store.transaction() as tx:
        for name, records in tables.items():
            counts = report.setdefault(name, TableRestore())
            current = {str(record.get("id")): record for record in tx.all(name)}
            for record in records:
                before = current.get(record["id"])
                if before == record:
                    counts.unchanged += 1
                    continue
                if before is None:
                    counts.added += 1
                else:
                    counts.updated += 1
                if not dry_run:
                    tx.remove(name, record["id"])
                    tx.insert(name, record)
    return report


# -- the command ------------------------------------------------------------------------------


def _read_file(path: Path) -> bytes:
    try:
        return path.expanduser().read_bytes()
    except OSError as exc:
        raise TransferError(f"could not read {path} ({exc.strerror or exc})") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def run_import(store: Store, fmt: str, path: Path, *, dry_run: bool, now: datetime) -> int:
    """`companion import csv|json FILE [--dry-run]`: report what happened, line by line."""
    raw = _read_file(path)
    if fmt == "json":
        return _run_restore(store, path, raw, dry_run=dry_run)
    text, encoding_note = decode(raw.replace(b"\x00", b""))
    read = read_csv(text, now=now)
    result = import_applications(store, read, dry_run=dry_run)
    verb = "Would import" if dry_run else "Imported"
    print(f"{verb} {_plural(len(result.added), 'application')} from {clean_line(path.name)}.")
    if result.already_there:
        print(f"Skipped {result.already_there} already there.")
    if read.problems:
        print(f"{_plural(len(read.problems), 'row')} could not be read (the rest {'would be' if dry_run else 'were'} kept):")
        for problem in read.problems:
            print(f"  {problem}")
    for note in ([encoding_note] if encoding_note else []) + (
        [f"Columns not used: {', '.join(read.ignored_headers)}"] if read.ignored_headers else []
    ):
        print(note)
    if dry_run:
        print("Dry run: nothing was written.")
    return 1 if read.problems and not read.applications else 0


def _run_restore(store: Store, path: Path, raw: bytes, *, dry_run: bool) -> int:
    text, _ = decode(raw)
    report = restore_backup(store, parse_backup(text), dry_run=dry_run)
    print(f"{'Would restore' if dry_run else 'Restored'} from {clean_line(path.name)}:")
    for name, counts in sorted(report.items()):
        print(f"  {name}: {counts.added} added, {counts.updated} put back as backed up, {counts.unchanged} unchanged")
    if not report:
        print("  (the backup holds no tables)")
    print("Records made since the backup were kept." if not dry_run else "Dry run: nothing was written.")
    return 0

"""What an importer yields: a record for one of companion's tables, or the reason a row was not read.

Importers build records here, so every format stores the same shapes: an application through
`pipeline.Details` (cleaned, lengths checked), a win, a person, a thought record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion import pipeline
from companion.dates import timestamp
from companion.importers.fields import block, cell
from companion.importers.files import Cells, Part, csv_rows, header_key, is_header
from companion.records import form_fields
from companion.textsafe import clean_line, restore_csv_cell

APPLICATIONS = pipeline.TABLE
WINS = "wins"
PEOPLE = "people"
REFLECTIONS = "reflections"
NO_COMPANY = "Company not given"
NO_ROLE = "Role not given"


@dataclass(frozen=True)
class RowProblem:
    """A row that was not imported, with where it is and why, in the person's words."""

    line: int
    reason: str
    part: str = ""

    def __str__(self) -> str:
        where = f"{self.part} line {self.line}" if self.part else f"line {self.line}"
        return f"{where}: {self.reason}"


@dataclass
class Row:
    """One record to store; `key` says when it is already there (the tool's id, or what identifies it)."""

    line: int
    table: str
    record: dict[str, Any]
    key: str
    label: str
    part: str = ""


@dataclass
class Notes:
    """What the reading learned that the person should hear (guessed list names, columns not used)."""

    lines: list[str] = field(default_factory=list)
    guessed: dict[str, str] = field(default_factory=dict)
    _header: list[str] | None = None

    def add(self, line: str) -> None:
        if line and line not in self.lines:
            self.lines.append(line)

    def columns(self, columns: Columns, used: set[str]) -> None:
        """Mention, once per header, the columns a format leaves aside."""
        if columns.header is not self._header:
            self._header = columns.header
            unused = columns.unused(used)
            if unused:
                self.add(f"Columns not used: {', '.join(unused)}")


# -- CSV tables -------------------------------------------------------------------------------


class Columns:
    """A CSV header: cells are looked up by any of the names a tool has used for that column."""

    def __init__(self, header: Cells) -> None:
        self.header = header
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(header_key(name), position)

    def has(self, *names: str) -> bool:
        return any(header_key(name) in self.index for name in names)

    def raw(self, cells: Cells, *names: str) -> str:
        for name in names:
            position = self.index.get(header_key(name))
            if position is not None and position < len(cells):
                return restore_csv_cell(cells[position])
        return ""

    def get(self, cells: Cells, *names: str) -> str:
        return cell(self.raw(cells, *names))

    def text(self, cells: Cells, *names: str) -> str:
        return block(self.raw(cells, *names))

    def unused(self, used: set[str]) -> list[str]:
        keys = {header_key(name) for name in used}
        return [clean_line(name) for name in self.header if header_key(name) and header_key(name) not in keys]


def table_rows(part: Part) -> Iterator[tuple[int, Columns, Cells] | RowProblem]:
    """The data rows of a CSV part after its header (a preamble before it is skipped); blank rows are not rows."""
    columns: Columns | None = None
    with part.text() as stream:
        for line, cells, problem in csv_rows(stream):
            if cells is None:
                yield RowProblem(line, problem)
                return
            if columns is None:
                if is_header(cells):
                    columns = Columns([value.lstrip("\ufeff") for value in cells])
                continue
            if not any(value.strip() for value in cells):
                continue
            if len(cells) > len(columns.header) and any(value.strip() for value in cells[len(columns.header) :]):
                reason = (
                    f"{len(cells)} cells but the header has {len(columns.header)} (a comma inside a cell needs quotes)"
                )
                yield RowProblem(line, reason)
                continue
            yield line, columns, cells


# -- records ----------------------------------------------------------------------------------


def stamp(moment: datetime | None, now: datetime) -> str:
    """A stored timestamp for a moment a tool recorded (naive = local), or now when it recorded none."""
    return timestamp(moment if moment is not None else now)


def application(
    *,
    company: str,
    role: str,
    stage: str,
    now: datetime,
    created: datetime | None = None,
    updated: datetime | None = None,
    moved: datetime | None = None,
    history: list[dict[str, str]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """An application record; a missing company or role is named as missing (the row has the other, or a link).

    `fields` are Application's fields by name: the form's (Details: dates as dates) are cleaned and checked
    as the form's are; the others are stored as given.
    """
    typed = {field.name for field in form_fields(pipeline.Application)}
    details = pipeline.Details(
        company=clean_line(company) or NO_COMPANY,
        role=clean_line(role) or NO_ROLE,
        **{name: value for name, value in fields.items() if name in typed},
    ).cleaned()
    created_at = stamp(created, now)
    applied_on = details.applied_on
    # When it reached this stage, as well as the tool knows: its move, the day it was sent, its creation.
    since = moved or (datetime.combine(applied_on, datetime.min.time()) if applied_on else None) or created
    record = {
        **pipeline.Application(company=details.company, role=details.role, stage=stage).to_record(),
        **details.changes(),
        **{name: value for name, value in fields.items() if name not in typed},
        "history": history or [{"stage": stage, "at": stamp(since, now)}],
        "created_at": created_at,
        "updated_at": stamp(updated, now) if updated else created_at,
    }
    return pipeline.Application.from_record(record).to_record()


def application_label(record: dict[str, Any]) -> str:
    return f"{record['company']} — {record['role']} · {pipeline.stage_label(record['stage'])}"


def application_key(record: dict[str, Any]) -> str:
    """What says "this one is already here": the tool's own id, companion's id, else company, role and date."""
    if record.get("origin"):
        return f"origin:{record['origin']}"
    if record.get("id"):
        return f"id:{record['id']}"
    return "same:" + "|".join(str(record.get(name, "")).casefold() for name in ("company", "role", "applied_on"))


def application_row(line: int, record: dict[str, Any], part: str = "") -> Row:
    return Row(line, APPLICATIONS, record, application_key(record), application_label(record), part)


def needs_company_role_or_link(company: str, role: str, url: str) -> str:
    """The reason a row cannot become an application, or empty when it can."""
    return "" if company or role or url else "no company, role or link in this row"

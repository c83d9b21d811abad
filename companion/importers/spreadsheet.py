"""A spreadsheet of applications (and companion's own CSV export): the headers people use.

Company, Position, Status, Date Applied, Link, ... are matched with case, spaces and punctuation
ignored. companion's own export carries its ids, timestamps, follow-ups and stage history, so a
round trip through a spreadsheet loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from companion import pipeline
from companion.dates import parse_timestamp
from companion.errors import InputError
from companion.importers.fields import (
    TransferError,
    as_moment,
    cell,
    day_order,
    parse_csv_date,
    parse_csv_stage,
    parse_moment,
    parse_salary,
    whole_number,
)
from companion.importers.files import Part, sample_header
from companion.importers.rows import (
    Columns,
    Notes,
    Row,
    RowProblem,
    application,
    application_row,
    table_rows,
)
from companion.textsafe import clean_block, clean_line

NAME = "csv"
LABEL = "a spreadsheet of applications (CSV)"
OWN_LABEL = "a companion CSV export"

# Header spellings people use, compared with case, spaces and punctuation removed: each field's own CSV
# header and the names other tools use, both declared with the field (companion.pipeline.model).
HEADER_ALIASES: dict[str, tuple[str, ...]] = pipeline.Application.header_aliases()
ACCEPTED_HEADERS = (
    "Company; Role/Position/Title; Status/Stage; Date Applied; URL/Link; Notes; Location; Source; Follow Up; "
    "Next Action; Salary; Deadline"
)
COLUMNS = pipeline.Application.csv_columns()
HEADERS = {key: header for header, key, _ in COLUMNS}
_DATE_FIELDS = tuple(key for _, key, declared in COLUMNS if declared.kind == "day")
# Read by hand below: who it is, where it stands, when, and the ids that say it is here already.
_BY_HAND = frozenset(
    {
        "company",
        "role",
        "url",
        "stage",
        "applied_on",
        "follow_up_on",
        "created_at",
        "updated_at",
        "history",
        "source",
        "salary_min",
        "salary_max",
        "salary_currency",
        "id",
    }
)
_LIST_SEPARATOR = "; "


def detect(part: Part, header: list[str]) -> bool:
    lookup = {alias for name in ("company", "role") for alias in HEADER_ALIASES[name]}
    return sum(1 for key in header if key in lookup) >= 2 or ("company" in header and len(header) > 1)


Aliases = dict[str, tuple[str, ...]]
StageOf = Callable[[dict[str, str], Notes], str]


def detect_own(part: Part, header: list[str]) -> bool:
    """companion's own CSV export (its history and origin columns are no other tool's)."""
    return {"company", "role", "stage", "history", "origin", "id"} <= set(header)


def map_headers(headers: list[str], aliases: Aliases = HEADER_ALIASES) -> tuple[dict[str, str], list[str]]:
    """Field -> the header that holds it, for the headers companion knows; the other headers, to mention."""
    lookup = {alias: name for name, names in aliases.items() for alias in names}
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        key = "".join(ch for ch in header.lower() if ch.isalnum())
        name = lookup.get(key)
        if name is not None and name not in mapping:
            mapping[name] = header
        elif key:
            ignored.append(clean_line(header))
    return mapping, ignored


def file_order(part: Part, headers: Callable[[list[str]], list[str]]) -> str | None:
    """The file's day/month order, from a first pass over its date cells (streamed, nothing kept)."""

    def values() -> Iterator[str]:
        for item in table_rows(part):
            if isinstance(item, RowProblem):
                return
            _, columns, cells = item
            yield from (columns.raw(cells, header) for header in headers(columns.header))

    return day_order(values())


def read(
    part: Part,
    notes: Notes,
    now: datetime,
    *,
    aliases: Aliases = HEADER_ALIASES,
    stage_of: StageOf | None = None,
    source: str = "",
) -> Iterator[Row | RowProblem]:
    """Rows by header name; a tracker passes its own header names, how it reads a stage, and its name."""

    def date_headers(header: list[str]) -> list[str]:
        mapping, _ = map_headers(header, aliases)
        return [mapping[name] for name in _DATE_FIELDS if name in mapping]

    order = file_order(part, date_headers)
    checked = False
    for item in table_rows(part):
        if isinstance(item, RowProblem):
            checked = True  # a header came before it
            yield item
            continue
        line, columns, cells = item
        mapping, ignored = map_headers(columns.header, aliases)
        if not checked:
            _check_columns(columns, mapping)
            if ignored:
                notes.add(f"Columns not used: {', '.join(ignored)}")
            checked = True
        values = {name: columns.raw(cells, header) for name, header in mapping.items()}
        if source:  # a tracker's own "nothing here" words (N/A, -) are empty; a person's spreadsheet is kept as typed
            values = {name: value if cell(value) else "" for name, value in values.items()}
        try:
            stage = stage_of(values, notes) if stage_of else None
            yield application_row(line, application_from(values, order, now, stage=stage, source=source))
        except InputError as exc:
            yield RowProblem(line, str(exc))
    if not checked:  # no rows: a header alone is an empty spreadsheet, no header is not one at all
        header = sample_header(part)
        if not header:
            raise TransferError("the file has no header row; the first line should name the columns, like Company,Role")
        _check_columns(Columns(header), map_headers(header, aliases)[0])


def _check_columns(columns: Columns, mapping: dict[str, str]) -> None:
    if "company" not in mapping and "role" not in mapping:
        found = ", ".join(clean_line(h) for h in columns.header if h.strip()) or "none"
        raise TransferError(f"no Company or Role column (found: {found}); columns companion reads: {ACCEPTED_HEADERS}")


def _moment(value: str, order: str | None = None) -> datetime | None:
    """companion's own timestamps exactly; another tool's date or time as well as it reads."""
    text = clean_line(value)
    try:
        return parse_timestamp(text) if text else None
    except ValueError:
        pass
    try:
        return as_moment(parse_moment(text, order))
    except TransferError:
        return None


def _history(value: str) -> list[dict[str, str]]:
    """`applied 2026-11-02T00:00:00+01:00; screening 2026-11-09T…` as companion's export writes it."""
    entries = []
    for piece in value.split(";"):
        stage, _, at = clean_line(piece).partition(" ")
        if stage in pipeline.STAGES and _moment(at) is not None:
            entries.append({"stage": stage, "at": at})
    return entries


def _cells_by_kind(values: dict[str, str], day: Callable[[str, str], str]) -> dict[str, Any]:
    """Each declared column read as its kind says (a day by the file's order, a list split at ';')."""
    read: dict[str, Callable[[str, str], Any]] = {
        "line": lambda text, _: clean_line(text),
        "block": lambda text, _: clean_block(text),
        "day": lambda _, key: day(key, HEADERS[key].lower()),
        "int": lambda text, _: whole_number(text),
        "strings": lambda text, _: [item for item in (clean_line(v) for v in text.split(";")) if item],
        "days": lambda text, _: [item for item in (clean_line(v) for v in text.split(";")) if _is_day(item)],
    }
    return {key: read[declared.kind](values.get(key, ""), key) for _, key, declared in COLUMNS if declared.kind in read}


def application_from(
    values: dict[str, str], order: str | None, now: datetime, *, stage: str | None = None, source: str = ""
) -> dict[str, Any]:
    """An application from cells by field name (trackers map their own headers onto these names)."""

    def day(name: str, label: str) -> str:
        try:
            found = parse_csv_date(values.get(name, ""), order)
        except TransferError as exc:
            raise TransferError(f"{label}: {exc}") from None
        return found.isoformat() if found else ""

    company, role, url = (clean_line(values.get(name, "")) for name in ("company", "role", "url"))
    if not (company or role or url):
        raise TransferError("no company, role or link in this row")
    cells = _cells_by_kind(values, day)
    nested = {key for _, key, _ in COLUMNS if key.startswith("feedback_")}
    low, high, currency = parse_salary(cells["salary"])
    own_id = cells["id"].lower()
    declared: dict[str, Any] = {key: value for key, value in cells.items() if key not in nested and key not in _BY_HAND}
    return application(
        **declared,
        company=company,
        role=role,
        url=url,
        stage=stage or parse_csv_stage(values.get("stage", "")),
        now=now,
        applied_on=parse_csv_date(cells["applied_on"], None),
        follow_up_on=parse_csv_date(cells["follow_up_on"], None),
        created=_moment(values.get("created_at", ""), order),
        updated=_moment(values.get("updated_at", ""), order),
        history=_history(values.get("history", "")),
        source=values.get("source", "") or source,
        feedback={key.removeprefix("feedback_"): cells[key] for key in nested},
        salary_min=cells["salary_min"] or low,
        salary_max=cells["salary_max"] or high,
        salary_currency=cells["salary_currency"] or currency,
        # Only companion's own ids are kept (an export read back); a spreadsheet's row numbers are not.
        id=own_id if len(own_id) == 32 and all(ch in "0123456789abcdef" for ch in own_id) else "",
    )


def _is_day(value: str) -> bool:
    try:
        return parse_csv_date(value, None) is not None and len(value) == 10
    except TransferError:
        return False


def join_list(values: list[str]) -> str:
    """How a list is written in one CSV cell (tags, follow-up days)."""
    return _LIST_SEPARATOR.join(values)

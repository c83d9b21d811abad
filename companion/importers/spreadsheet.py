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

# Header spellings people use, compared with case, spaces and punctuation removed.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "employer", "organisation", "organization", "org"),
    "role": ("role", "position", "title", "jobtitle", "job", "positiontitle", "roletitle", "jobrole", "jobposition"),
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
    "salary": ("salary", "compensation", "pay", "salaryrange"),
    "salary_min": ("salarymin", "minsalary"),
    "salary_max": ("salarymax", "maxsalary"),
    "salary_currency": ("currency", "salarycurrency"),
    "deadline": ("deadline", "applyby", "closingdate"),
    "description": ("description", "jobdescription"),
    "excitement": ("excitement", "priority", "interest"),
    "resume_version": ("resume", "resumeversion", "cv", "cvversion"),
    "cover_letter_version": ("coverletter", "coverletterversion"),
    "tags": ("tags", "labels"),
    "followed_up": ("followupssent", "followedup"),
    "history": ("history", "stagehistory"),
    "origin": ("origin", "importedfrom"),
    "created_at": ("created", "createdat", "dateadded"),
    "updated_at": ("updated", "updatedat", "lastupdated"),
    "id": ("id",),
}
ACCEPTED_HEADERS = (
    "Company; Role/Position/Title; Status/Stage; Date Applied; URL/Link; Notes; Location; Source; Follow Up; "
    "Next Action; Salary; Deadline"
)
_DATE_FIELDS = ("applied_on", "follow_up_on", "feedback_requested_on", "feedback_received_on", "deadline")
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
    stage = stage or parse_csv_stage(values.get("stage", ""))
    applied = day("applied_on", "date applied")
    salary = clean_line(values.get("salary", ""))
    low, high, currency = parse_salary(salary)
    own_id = clean_line(values.get("id", "")).lower()
    return application(
        company=company,
        role=role,
        stage=stage,
        now=now,
        applied_on=parse_csv_date(applied, None),
        created=_moment(values.get("created_at", ""), order),
        updated=_moment(values.get("updated_at", ""), order),
        history=_history(values.get("history", "")),
        source=values.get("source", "") or source,
        url=url,
        location=values.get("location", ""),
        notes=values.get("notes", ""),
        next_action=values.get("next_action", ""),
        follow_up_on=parse_csv_date(day("follow_up_on", "follow up"), None),
        feedback={
            "requested_on": day("feedback_requested_on", "feedback requested"),
            "received_on": day("feedback_received_on", "feedback received"),
            "text": clean_block(values.get("feedback", "")),
        },
        salary=salary,
        salary_min=whole_number(values.get("salary_min", "")) or low,
        salary_max=whole_number(values.get("salary_max", "")) or high,
        salary_currency=clean_line(values.get("salary_currency", "")) or currency,
        deadline=day("deadline", "deadline"),
        description=clean_block(values.get("description", "")),
        excitement=whole_number(values.get("excitement", "")),
        resume_version=clean_line(values.get("resume_version", "")),
        cover_letter_version=clean_line(values.get("cover_letter_version", "")),
        tags=[tag for tag in (clean_line(t) for t in values.get("tags", "").split(";")) if tag],
        followed_up=[d for d in (clean_line(v) for v in values.get("followed_up", "").split(";")) if _is_day(d)],
        origin=clean_line(values.get("origin", "")),
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

"""LinkedIn's data export: job applications (and their `_1`, `_2` splits), saved jobs, connections.

Dates read `6/18/22, 5:28 AM` (month first, local time); Connections.csv starts with a `Notes:`
preamble before its header and dates connections `18 Jun 2022`. A job is known by its link, so a
saved job and the application sent for it are one application here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from companion import people
from companion.errors import InputError
from companion.importers.fields import TransferError, parse_moment
from companion.importers.files import Part
from companion.importers.rows import (
    PEOPLE,
    Columns,
    Notes,
    Row,
    RowProblem,
    application,
    application_row,
    needs_company_role_or_link,
    stamp,
    table_rows,
)
from companion.textsafe import clean_line

NAME = "linkedin"
LABEL = "a LinkedIn data export"
APPLIED_USED = {
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
}
SAVED_USED = {"Saved Date", "Job Url", "Job Title", "Company Name"}
CONNECTIONS_USED = {"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}


def kind(header: list[str]) -> str:
    """Which LinkedIn file a header belongs to ('' when none)."""
    if "applicationdate" in header and "joburl" in header:
        return "applications"
    if "saveddate" in header and "joburl" in header:
        return "saved"
    if {"firstname", "lastname", "connectedon"} <= set(header):
        return "connections"
    return ""


def detect(part: Part, header: list[str]) -> bool:
    return bool(kind(header))


def sort_key(part: Part) -> tuple[int, str]:
    """Applications before saved jobs, so a job applied for is not first stored as a wish."""
    name = part.base_name.lower()
    return (0 if "application" in name else 1 if "saved" in name else 2, name)


def read(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    for item in table_rows(part):
        if isinstance(item, RowProblem):
            yield item
            continue
        line, columns, cells = item
        what = kind(list(columns.index))
        try:
            if what == "connections":
                notes.columns(columns, CONNECTIONS_USED)
                yield _person(line, columns, cells, now)
            elif what in ("applications", "saved"):
                notes.columns(columns, APPLIED_USED if what == "applications" else SAVED_USED)
                yield _job(line, columns, cells, what, now)
            else:
                raise TransferError(
                    "this LinkedIn file is not one companion reads (Job Applications, Saved Jobs, Connections)"
                )
        except InputError as exc:
            yield RowProblem(line, str(exc))


def _job(line: int, columns: Columns, cells: list[str], what: str, now: datetime) -> Row | RowProblem:
    company, role, url = (columns.get(cells, name) for name in ("Company Name", "Job Title", "Job Url"))
    missing = needs_company_role_or_link(company, role, url)
    if missing:
        return RowProblem(line, missing)
    found = parse_moment(columns.get(cells, "Application Date" if what == "applications" else "Saved Date"), "mdy")
    moment = found[1] if found and found[1] else None
    contact = [
        value for value in (columns.get(cells, "Contact Email"), columns.get(cells, "Contact Phone Number")) if value
    ]
    answers = columns.text(cells, "Question And Answers")
    notes = "\n".join(([f"Contact: {', '.join(contact)}"] if contact else []) + ([answers] if answers else []))
    record = application(
        company=company,
        role=role,
        stage="applied" if what == "applications" else "wishlist",
        now=now,
        applied_on=found[0] if found and what == "applications" else None,
        created=moment,
        source="LinkedIn",
        url=url,
        notes=notes,
        resume_version=columns.get(cells, "Resume Name"),
        origin=f"linkedin:{url}" if url else "",
    )
    return application_row(line, record)


def _person(line: int, columns: Columns, cells: list[str], now: datetime) -> Row | RowProblem:
    name = clean_line(f"{columns.get(cells, 'First Name')} {columns.get(cells, 'Last Name')}")
    url = columns.get(cells, "URL")
    if not name:
        return RowProblem(line, "no name in this row (LinkedIn leaves it out for some private profiles)")
    connected = parse_moment(columns.get(cells, "Connected On"), "dmy")
    company = columns.get(cells, "Company")
    created = stamp(datetime.combine(connected[0], datetime.min.time()) if connected else None, now)
    person = people.Person(
        name=name,
        company=company,
        role=columns.get(cells, "Position"),
        email=columns.get(cells, "Email Address"),
        url=url,
        touchpoints=[{"on": connected[0].isoformat(), "text": "Connected on LinkedIn"}] if connected else [],
        created_at=created,
        updated_at=created,
    )
    record = {**person.to_record(), "origin": f"linkedin:{url}" if url else ""}
    key = f"origin:{record['origin']}" if url else f"same:{name.casefold()}|{company.casefold()}"
    return Row(line, PEOPLE, record, key, person.title)

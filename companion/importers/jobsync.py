"""JobSync's jobs CSV: `index,createdAt,applied,appliedDate,Company,JobTitle,jobType,[workplaceType,]Location,
JobSource,Status`.

`applied` is Yes/No (not a date), `N/A` means empty, line endings may mix CRLF and LF. Its statuses
are Draft, Applied, Interview, Offer, Rejected, Expired and Archived: an expired or archived job
that was sent is closed as no response; one never sent is closed as withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from companion.errors import InputError
from companion.importers.fields import (
    as_moment,
    day_order,
    guess_stage,
    parse_moment,
    yes,
)
from companion.importers.files import Part
from companion.importers.rows import (
    Notes,
    Row,
    RowProblem,
    application,
    application_row,
    needs_company_role_or_link,
    table_rows,
)

NAME = "jobsync"
LABEL = "a JobSync jobs export"
USED = {
    "index",
    "createdAt",
    "applied",
    "appliedDate",
    "Company",
    "JobTitle",
    "jobType",
    "workplaceType",
    "Location",
    "Locations",
    "JobSource",
    "Status",
}
CLOSED = {"expired", "archived"}


def detect(part: Part, header: list[str]) -> bool:
    return {"jobtitle", "jobsource", "applieddate"} <= set(header)


def _order(part: Part) -> str | None:
    def values() -> Iterator[str]:
        for item in table_rows(part):
            if not isinstance(item, RowProblem):
                _, columns, cells = item
                yield from (columns.get(cells, name) for name in ("createdAt", "appliedDate"))

    return day_order(values())


def read(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    order = _order(part)
    for item in table_rows(part):
        if isinstance(item, RowProblem):
            yield item
            continue
        line, columns, cells = item
        notes.columns(columns, USED)
        company, role = columns.get(cells, "Company"), columns.get(cells, "JobTitle")
        missing = needs_company_role_or_link(company, role, "")
        if missing:
            yield RowProblem(line, missing)
            continue
        try:
            sent = yes(columns.get(cells, "applied"))
            applied = parse_moment(columns.get(cells, "appliedDate"), order)
            created = parse_moment(columns.get(cells, "createdAt"), order)
            status = columns.get(cells, "Status")
            was_sent = bool(sent or applied)
            if status.lower() in CLOSED:
                stage = "no_response" if was_sent else "withdrawn"
            else:
                stage, guessed = guess_stage(status, "applied" if was_sent else "wishlist")
                if guessed:
                    notes.guessed[status or "(no status)"] = stage
            if stage == "wishlist" and sent:
                stage = "applied"
            kind = ", ".join(
                value for value in (columns.get(cells, "jobType"), columns.get(cells, "workplaceType")) if value
            )
            record = application(
                company=company,
                role=role,
                stage=stage,
                now=now,
                applied_on=applied[0] if applied else None,
                created=as_moment(created),
                source=columns.get(cells, "JobSource"),
                location=columns.get(cells, "Location", "Locations"),
                tags=[kind] if kind else [],
                origin=f"jobsync:{columns.get(cells, 'createdAt')}|{company}|{role}".casefold(),
            )
        except InputError as exc:
            yield RowProblem(line, str(exc))
            continue
        yield application_row(line, record)

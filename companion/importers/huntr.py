"""Huntr's "Download my data" jobs CSV.

Its list names are the person's own words (Wishlist, Applied, Phone Screen, Interview, rejected,
Offer, or anything else): the usual ones are read as stages and every guess is said out loud. `-`
means empty; times are UTC; a deadline is a local midnight stored in UTC (`2024-12-05 05:00:00` is
the 5th); dates re-saved by Excel read `12/4/2024 17:59`. Several boards: the board name becomes a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from companion.errors import InputError
from companion.importers.fields import (
    as_moment,
    day_order,
    guess_stage,
    html_text,
    parse_moment,
    parse_salary,
    utc_day,
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

NAME = "huntr"
LABEL = "a Huntr jobs export"
USED = {
    "id",
    "createdAt",
    "title",
    "salary",
    "location",
    "url",
    "htmlDescription",
    "deadline",
    "lastMovedAt",
    "boardName",
    "listName",
    "companyName",
    "rootDomain",
    "companyDomain",
    "color",
    "boardId",
    "listId",
    "companyId",
    "notes",
    "description",
}


def detect(part: Part, header: list[str]) -> bool:
    return "listname" in header and ("boardname" in header or "htmldescription" in header or "rootdomain" in header)


def _order(part: Part) -> str | None:
    def values() -> Iterator[str]:
        for item in table_rows(part):
            if not isinstance(item, RowProblem):
                _, columns, cells = item
                yield from (columns.get(cells, name) for name in ("createdAt", "deadline", "lastMovedAt"))

    return day_order(values()) or "mdy"  # Huntr is American: Excel re-saves its dates month first


def read(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    order = _order(part)
    boards: set[str] = set()
    for item in table_rows(part):
        if isinstance(item, RowProblem):
            yield item
            continue
        line, columns, cells = item
        notes.columns(columns, USED)
        company, role, url = (columns.get(cells, name) for name in ("companyName", "title", "url"))
        missing = needs_company_role_or_link(company, role, url)
        if missing:
            yield RowProblem(line, missing)
            continue
        list_name = columns.get(cells, "listName")
        stage, guessed = guess_stage(list_name, "applied")
        if guessed:
            notes.guessed[list_name or "(no list)"] = stage
        board = columns.get(cells, "boardName")
        boards.add(board)
        try:
            created = parse_moment(columns.get(cells, "createdAt"), order)
            moved = parse_moment(columns.get(cells, "lastMovedAt"), order)
            deadline = parse_moment(columns.get(cells, "deadline"), order)
            salary = columns.get(cells, "salary")
            low, high, currency = parse_salary(salary)
            created_at = as_moment(created, utc=True)
            record = application(
                company=company,
                role=role,
                stage=stage,
                now=now,
                applied_on=created_at.date() if created_at and stage not in ("wishlist",) else None,
                created=created_at,
                moved=as_moment(moved, utc=True),
                source="Huntr",
                url=url,
                location=columns.get(cells, "location"),
                notes=columns.text(cells, "notes"),
                salary=salary,
                salary_min=low,
                salary_max=high,
                salary_currency=currency,
                deadline=(utc_day(deadline[1]) if deadline[1] else deadline[0]).isoformat() if deadline else "",
                description=html_text(columns.raw(cells, "htmlDescription", "description")),
                tags=[board] if board else [],
                origin=f"huntr:{columns.get(cells, 'id')}" if columns.get(cells, "id") else "",
            )
        except InputError as exc:
            yield RowProblem(line, str(exc))
            continue
        yield application_row(line, record)
    if len(boards) > 1:
        notes.add(f"Boards kept as tags: {', '.join(sorted(board for board in boards if board))}")

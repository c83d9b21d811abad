"""Simplify's and Teal's job tracker CSVs, read by header name (their columns change between versions).

Simplify writes statuses in capitals (APPLIED, SAVED), `N/A` for a date it does not have (a saved job
has no applied date: it stays a wish) and marks archived jobs in a column of their own. Teal keeps
excitement stars, a salary range in two columns, the day a job was saved, a deadline and a follow-up day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from companion.importers import spreadsheet
from companion.importers.fields import cell, guess_stage, yes
from companion.importers.files import Part
from companion.importers.rows import Notes, Row, RowProblem

SIMPLIFY = "simplify"
TEAL = "teal"
LABELS = {SIMPLIFY: "a Simplify job tracker export", TEAL: "a Teal job tracker export"}
_ARCHIVED = ("archived", "isarchived", "archive")
_ARCHIVED_ON = ("archivedat", "archiveddate", "dateArchived")

SIMPLIFY_ALIASES: spreadsheet.Aliases = {
    **spreadsheet.HEADER_ALIASES,
    "applied_on": ("dateapplied", "applieddate", "appliedat", "applicationdate", "appliedon"),
    "created_at": ("datesaved", "saveddate", "savedat", "createdat", "dateadded"),
    "updated_at": ("updatedat", "lastupdated", "dateupdated"),
    "archived": _ARCHIVED,
    "archived_on": _ARCHIVED_ON,
}
TEAL_ALIASES: spreadsheet.Aliases = {
    **spreadsheet.HEADER_ALIASES,
    "role": ("jobposition", "position", "jobtitle", "title", "role"),
    "salary_min": ("minsalary", "salarymin", "minimumsalary"),
    "salary_max": ("maxsalary", "salarymax", "maximumsalary"),
    "created_at": ("datesaved", "saveddate", "createdat"),
    "follow_up_on": ("followup", "followupdate", "followupon"),
    "description": ("jobdescription", "description"),
}


def detect_simplify(part: Part, header: list[str]) -> bool:
    return any(name in header for name in (*_ARCHIVED, *(n.lower() for n in _ARCHIVED_ON))) and spreadsheet.detect(
        part, header
    )


def detect_teal(part: Part, header: list[str]) -> bool:
    return ("excitement" in header or "minsalary" in header or "maxsalary" in header) and (
        "jobposition" in header or spreadsheet.detect(part, header)
    )


def _stage(values: dict[str, str], notes: Notes) -> str:
    """The tracker's status, guessed when it is its own word; an archived job still in play is closed."""
    status = values.get("stage", "").strip()
    sent = bool(cell(values.get("applied_on", "")))
    stage, guessed = guess_stage(status, "applied" if sent else "wishlist")
    if guessed:
        notes.guessed[status or "(no status)"] = stage
    archived = yes(values.get("archived", "")) or bool(cell(values.get("archived_on", "")))
    if archived and stage in ("wishlist", "applied", "screening", "interviewing", "offer"):
        notes.add("Archived jobs still in play were closed: as no response when sent, as withdrawn when not.")
        return "no_response" if stage != "wishlist" else "withdrawn"
    return stage


def read_simplify(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    return spreadsheet.read(part, notes, now, aliases=SIMPLIFY_ALIASES, stage_of=_stage, source="Simplify")


def read_teal(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    return spreadsheet.read(part, notes, now, aliases=TEAL_ALIASES, stage_of=_stage, source="Teal")

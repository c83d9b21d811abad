"""Which tool made a file: each importer recognises its own export by its content (headers, shape).

The most specific formats are asked first; a spreadsheet with a Company or Role column is the
fallback. `--from` skips the guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from companion.importers import (
    freecbt,
    huntr,
    jobsync,
    jrnl,
    linkedin,
    spreadsheet,
    trackers,
)
from companion.importers.files import Part, sample_header
from companion.importers.rows import Notes, Row, RowProblem

BACKUP = "json"
BACKUP_LABEL = "a companion backup (JSON)"


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    detect: Callable[[Part, list[str]], bool]
    read: Callable[[Part, Notes, datetime], Iterator[Row | RowProblem]]


FORMATS = (
    Format(spreadsheet.NAME, spreadsheet.OWN_LABEL, spreadsheet.detect_own, spreadsheet.read),
    Format(huntr.NAME, huntr.LABEL, huntr.detect, huntr.read),
    Format(jobsync.NAME, jobsync.LABEL, jobsync.detect, jobsync.read),
    Format(linkedin.NAME, linkedin.LABEL, linkedin.detect, linkedin.read),
    Format(freecbt.NAME, freecbt.LABEL, freecbt.detect, freecbt.read),
    Format(trackers.SIMPLIFY, trackers.LABELS[trackers.SIMPLIFY], trackers.detect_simplify, trackers.read_simplify),
    Format(trackers.TEAL, trackers.LABELS[trackers.TEAL], trackers.detect_teal, trackers.read_teal),
    Format(jrnl.NAME, jrnl.LABEL, jrnl.detect, jrnl.read),
    Format(spreadsheet.NAME, spreadsheet.LABEL, spreadsheet.detect, spreadsheet.read),
)
BY_NAME = {fmt.name: fmt for fmt in FORMATS}  # `--from csv`: the last csv, any spreadsheet


def is_backup(part: Part) -> bool:
    sample = part.sample.lstrip()
    return sample.startswith("{") and '"companion-backup"' in sample[:4096]


def detect(part: Part) -> Format | None:
    """The format of one file, or None when no importer recognises it."""
    header = sample_header(part) if not part.sample.lstrip().startswith(("{", "[")) else []
    return next((fmt for fmt in FORMATS if fmt.detect(part, header)), None)


def order_parts(parts: list[Part]) -> list[Part]:
    """Zip members in the order that merges best (LinkedIn: applications before saved jobs)."""
    return sorted(parts, key=linkedin.sort_key)

"""FreeCBT thought records (CSV or JSON export) as companion's thought records.

FreeCBT asks for the automatic thought, the thinking traps, a challenge and an alternative thought;
here they are the thought, its traps, the evidence against it and the balanced thought. FreeCBT does
not ask how strong the feeling was, so that stays unanswered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from companion import card_store, reframe
from companion.importers.fields import (
    TransferError,
    as_moment,
    block,
    cell,
    parse_moment,
)
from companion.importers.files import Part
from companion.importers.rows import (
    REFLECTIONS,
    Notes,
    Row,
    RowProblem,
    stamp,
    table_rows,
)

NAME = "freecbt"
LABEL = "a FreeCBT export"
CSV_HEADER = (
    "uuid",
    "createdat",
    "updatedat",
    "automaticthought",
    "cognitivedistortions",
    "challenge",
    "alternativethought",
)
# FreeCBT's traps (slugs) as companion's.
DISTORTIONS = {
    "all-or-nothing": "all-or-nothing",
    "overgeneralization": "overgeneralisation",
    "mind-reading": "mind-reading",
    "fortune-telling": "fortune-telling",
    "magnification-of-the-negative": "mental-filter",
    "minimization-of-the-positive": "discounting-the-positive",
    "catastrophizing": "catastrophising",
    "emotional-reasoning": "emotional-reasoning",
    "should-statements": "should-statements",
    "labeling": "labelling",
    "self-blaming": "personalisation",
    "other-blaming": "blaming",
}


def detect(part: Part, header: list[str]) -> bool:
    if {"automaticthought", "alternativethought"} <= set(header):
        return True
    sample = part.sample.lstrip()
    return (sample.startswith(("{", "[")) and '"automaticThought"' in sample) or sample.startswith(":FreeCBT:")


def _distortions(raw: Any, notes: Notes) -> list[str]:
    """Slugs from a list, legacy {slug, selected} objects, or a CSV cell `a,b`."""
    items = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
    slugs = []
    for item in items:
        if isinstance(item, dict):
            if item.get("selected") is False:
                continue
            item = item.get("slug", "")
        slug = cell(str(item)).lower()
        if slug and slug in DISTORTIONS:
            slugs.append(DISTORTIONS[slug])
        elif slug:
            notes.add(f"FreeCBT trap '{slug[:40]}' has no match here and was left out")
    return list(dict.fromkeys(slugs))


def _row(line: int, thought: dict[str, Any], notes: Notes, now: datetime) -> Row:
    text = cell(str(thought.get("automaticThought", "")))
    if not text:
        raise TransferError("no automatic thought in this record")
    short = text if len(text) <= reframe.MAX_THOUGHT else text[: reframe.MAX_THOUGHT - 1] + "…"
    created = as_moment(parse_moment(str(thought.get("createdAt", ""))), utc=True)
    updated = as_moment(parse_moment(str(thought.get("updatedAt", ""))), utc=True)
    record = reframe.ThoughtRecord(
        automatic_thought=short,
        intensity_before=0,
        situation=text if short != text else "",
        distortions=_distortions(thought.get("cognitiveDistortions"), notes),
        evidence_against=block(str(thought.get("challenge", ""))),
        balanced_thought=block(str(thought.get("alternativeThought", ""))),
        created_at=stamp(created, now),
    )
    uuid = cell(str(thought.get("uuid", "")))
    stored = {
        **reframe.thought_record_to_dict(record),
        "intensity_before": None,  # FreeCBT never asked
        "kind": card_store.THOUGHT_RECORD_KIND,
        "updated_at": stamp(updated or created, now),
        "origin": f"freecbt:{uuid}" if uuid else "",
    }
    key = f"origin:{stored['origin']}" if uuid else f"same:{stored['created_at']}|{short.casefold()}"
    return Row(line, REFLECTIONS, stored, key, f"thought record: {short}")


def read(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    sample = part.sample.lstrip()
    if sample.startswith(":FreeCBT:"):
        raise TransferError(
            "this is FreeCBT's backup code; in FreeCBT choose Export, then CSV or JSON, and import that"
        )
    if sample.startswith(("{", "[")):
        yield from _read_json(part.read_text(), notes, now)
        return
    for item in table_rows(part):
        if isinstance(item, RowProblem):
            yield item
            continue
        line, columns, cells = item
        thought = {
            name: columns.raw(cells, name)
            for name in (
                "uuid",
                "createdAt",
                "updatedAt",
                "automaticThought",
                "cognitiveDistortions",
                "challenge",
                "alternativeThought",
            )
        }
        try:
            yield _row(line, thought, notes, now)
        except TransferError as exc:
            yield RowProblem(line, str(exc))


def _read_json(text: str, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise TransferError(f"not valid JSON ({exc}); export it again from FreeCBT") from None
    thoughts = document.get("thoughts") if isinstance(document, dict) else document
    if not isinstance(thoughts, list):
        raise TransferError("a FreeCBT export has a list of thoughts; this file has none")
    for number, thought in enumerate(thoughts, start=1):
        try:
            if not isinstance(thought, dict):
                raise TransferError("this record is not a JSON object")
            yield _row(number, thought, notes, now)
        except TransferError as exc:
            yield RowProblem(number, str(exc))

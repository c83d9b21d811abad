"""A jrnl journal as wins: its JSON export, its plain-text journal file, or its Markdown export.

Plain text: each entry starts `[2020-06-28 06:22:00 PM] Title. Body…` (jrnl's default time format)
or `[2020-06-28 18:22] …` (`%Y-%m-%d %H:%M`); a starred entry's first line ends with ` *`. Markdown:
`### 2020-06-28 18:22 Title` under year and month headings. Tags lose their `@` or `#`; a star
becomes the tag `starred`. The title is the win; a body is kept with it as its details.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from companion import wins
from companion.importers.fields import TransferError
from companion.importers.files import Part
from companion.importers.rows import WINS, Notes, Row, RowProblem, stamp
from companion.textsafe import clean_block, clean_line

NAME = "jrnl"
LABEL = "a jrnl journal"
STARRED = "starred"
_STAMP = r"(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)"
_TEXT_ENTRY = re.compile(r"^\[" + _STAMP + r"\]\s?(.*)$")
_MARKDOWN_ENTRY = re.compile(r"^#{2,3} " + _STAMP + r"\s+(.*)$")
_TAG = re.compile(r"(?<![\w@#])[@#]([\w][\w+#.-]*\w|\w)")
_HEADING = re.compile(r"^(# \d{4}|## [^\W\d_]+)\s*$")  # the Markdown export's year and month headings
_SENTENCE_END = re.compile(r"([?!.]+)\s+")
_FORMATS = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")


def detect(part: Part, header: list[str]) -> bool:
    sample = part.sample.lstrip()
    if sample.startswith("{"):
        return '"entries"' in sample and ('"starred"' in sample or '"title"' in sample)
    lines = sample.splitlines()[:40]
    return any(_TEXT_ENTRY.match(line) or _MARKDOWN_ENTRY.match(line) for line in lines)


def _when(text: str) -> datetime:
    value = " ".join(text.replace("T", " ").split()).upper()
    for form in _FORMATS:
        try:
            return datetime.strptime(value, form)
        except ValueError:
            continue
    raise TransferError(f"'{clean_line(text)}' is not a time jrnl writes")


def _split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the title ends at the first sentence end or line break; the rest is the body."""
    first, _, rest = text.partition("\n")
    found = _SENTENCE_END.search(first)
    if found:
        return first[: found.end(1)], (first[found.end() :] + "\n" + rest).strip()
    return first, rest.strip()


def _row(line: int, moment: datetime, title: str, body: str, tags: list[str], starred: bool, now: datetime) -> Row:
    title, body = clean_line(title), clean_block(body)
    if not title:
        title, body = _split_title(body)
        title = clean_line(title)
    if not title:
        raise TransferError("an entry with no text")
    found = [*tags, *_TAG.findall(f"{title}\n{body}")]
    text = title if len(title) <= wins.MAX_TEXT else title[: wins.MAX_TEXT - 1] + "…"
    cleaned, all_tags = wins.prepare(text, [tag.lstrip("@#") for tag in found] + ([STARRED] if starred else []))
    created = stamp(moment, now)
    details = clean_block(f"{title}\n{body}") if body or text != title else ""
    record: dict[str, Any] = {
        **wins.Win(text=cleaned, tags=all_tags, created_at=created, updated_at=created).to_record(),
        "details": details,
        "origin": f"jrnl:{moment.isoformat()}|{title[:80]}",
    }
    return Row(line, WINS, record, f"origin:{record['origin']}", cleaned)


def read(part: Part, notes: Notes, now: datetime) -> Iterator[Row | RowProblem]:
    text = part.read_text()
    if text.lstrip().startswith("{"):
        yield from _read_json(text, now)
    else:
        yield from _read_text(text, now)


def _read_json(text: str, now: datetime) -> Iterator[Row | RowProblem]:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise TransferError(f"not valid JSON ({exc}); export with `jrnl --format json`") from None
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise TransferError("a jrnl JSON export has a list of entries; this file has none")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            yield RowProblem(number, "this entry is not a JSON object")
            continue
        try:
            moment = _when(f"{entry.get('date', '')} {entry.get('time', '') or '00:00'}")
            tags = [str(tag) for tag in entry.get("tags", []) or [] if isinstance(tag, str)]
            yield _row(
                number,
                moment,
                str(entry.get("title", "")),
                str(entry.get("body", "")),
                tags,
                entry.get("starred") is True,
                now,
            )
        except TransferError as exc:
            yield RowProblem(number, str(exc))


def _read_text(text: str, now: datetime) -> Iterator[Row | RowProblem]:
    current: tuple[int, str, list[str]] | None = None  # (line, time, lines)
    for number, line in enumerate([*text.splitlines(), None], start=1):
        found = None if line is None else (_TEXT_ENTRY.match(line) or _MARKDOWN_ENTRY.match(line))
        if line is not None and not found:
            if current is not None:
                current[2].append(line)
            continue
        if current is not None:
            yield _text_entry(*current, now=now)
        current = (number, found.group(1), [found.group(2)]) if found else None


def _text_entry(line: int, when: str, lines: list[str], *, now: datetime) -> Row | RowProblem:
    first = lines[0].rstrip()
    starred = first.endswith(" *") or first == "*"
    if starred:
        first = first[:-1].rstrip()
    body_lines = [entry for entry in lines[1:] if not _HEADING.match(entry)]
    try:
        title, rest = _split_title(first)
        return _row(line, _when(when), title, (rest + "\n" + "\n".join(body_lines)).strip(), [], starred, now)
    except TransferError as exc:
        return RowProblem(line, str(exc))

"""Opening what people bring: a file or a zip of files, in whatever encoding, read as a stream.

A 50 MB export must not be read into memory whole: each part is opened as a text stream (the
encoding guessed from its first bytes), CSV rows come one at a time with their line numbers, and a
part can be opened again (a first pass learns the file's day/month order).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO

from companion.importers.fields import TransferError
from companion.textsafe import clean_line

SAMPLE_BYTES = 64 * 1024
ENCODING_SAMPLE = 1024 * 1024
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a long HTML description is one cell


def guess_encoding(head: bytes) -> tuple[str, str]:
    """(codec, note): UTF-8 with or without BOM, UTF-16 (BOM, or the zeros it leaves), else Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", ""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "read as UTF-16"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le", "read as UTF-16"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be", "read as UTF-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the sample's end is not an error
    except UnicodeDecodeError:
        return "cp1252", "the file is not UTF-8; it was read as Windows-1252"
    return "utf-8", ""


class Part:
    """One file to read: a file on disk, or a member of a zip; `open()` may be called more than once."""

    def __init__(self, name: str, opener: Callable[[], IO[bytes]]) -> None:
        self.name = name
        self._opener = opener
        with opener() as handle:
            head = handle.read(ENCODING_SAMPLE)
        self.encoding, self.encoding_note = guess_encoding(head)
        self.sample = head[:SAMPLE_BYTES].decode(self.encoding, errors="replace").lstrip("\ufeff")

    @property
    def base_name(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    @contextmanager
    def text(self) -> Iterator[IO[str]]:
        """The part as text, newlines kept as written (the csv module needs them)."""
        with self._opener() as raw:
            stream = io.TextIOWrapper(raw, encoding=self.encoding, errors="replace", newline="")
            try:
                yield stream
            finally:
                stream.detach()

    def read_text(self) -> str:
        """The whole part (JSON and journals, which are read whole)."""
        with self.text() as stream:
            return stream.read().lstrip("\ufeff").replace("\x00", "")


def open_parts(path: Path) -> list[Part]:
    """The file itself, or every file inside it when it is a zip (a LinkedIn export)."""
    path = path.expanduser()
    try:
        if zipfile.is_zipfile(path):
            archive = zipfile.ZipFile(path)
            return [
                Part(info.filename, partial(archive.open, info))
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith("__MACOSX/")
            ]
        return [Part(path.name, lambda: path.open("rb"))]
    except (OSError, zipfile.BadZipFile) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise TransferError(f"could not read {clean_line(str(path))} ({reason})") from None


def delimiter(first_line: str) -> str:
    """Comma, semicolon (European spreadsheets) or tab: whichever the header line uses most."""
    return max((",", ";", "\t"), key=first_line.count)


Cells = list[str]


def csv_rows(stream: IO[str]) -> Iterator[tuple[int, Cells | None, str]]:
    """(starting line, cells, problem) per row; a cell the csv module cannot read ends the file there.

    The delimiter comes from the first line that has one (LinkedIn puts a `Notes:` preamble first).
    """
    lead: list[str] = []
    for text in stream:
        lead.append(text)
        if any(mark in text for mark in ",;\t") and not text.lstrip().startswith('"'):
            break
        if len(lead) > 20:
            break
    if not lead:
        return
    lines = itertools.chain(lead, stream)
    reader = csv.reader(lines, delimiter=delimiter(lead[-1]))
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, None, f"{exc}; the rest of the file could not be read"
            return
        yield line, [cell.replace("\x00", "") for cell in cells], ""
        line = reader.line_num + 1


def header_key(header: str) -> str:
    """A header compared with case, spaces and punctuation removed: `Date Applied` = `dateapplied`."""
    return "".join(ch for ch in header.lower() if ch.isalnum())


def is_header(cells: Cells) -> bool:
    """A header names at least two columns (a preamble line names one, or none)."""
    return sum(1 for value in cells if value.strip()) >= 2


def sample_header(part: Part) -> list[str]:
    """The header row of a CSV part as keys, from its first bytes (empty when it has none)."""
    for _, cells, _ in csv_rows(io.StringIO(part.sample, newline="")):
        if cells is not None and is_header(cells):
            return [header_key(value) for value in cells]
    return []

"""The data file's text: parse it strictly, encode it whole, and salvage what reads from a damaged one.

The file is TinyDB's JSON layout (`{table: {doc_id: record}}`). It is encoded whole from the parsed
data, so a hand-edited file (a trailing newline from vim, CRLF, pretty-printing, spaces around commas)
can never make a write produce a file that does not parse. The one exception is `appended`: new
records added to the end of the last table of a big file, which the Store does only to bytes it
wrote itself (it records the signature of each file it writes and checks it before appending), so
the text is known to be `encode`'s. Big files are encoded by orjson (about ten times faster than
json); they are parsed by json on the command line, where orjson's import (it imports dataclasses)
costs more than it saves, and by orjson in the app, which has dataclasses already.
"""

from __future__ import annotations

import json
import sys
import zlib
from itertools import repeat
from typing import TYPE_CHECKING

from companion import collector

if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
    Data = dict[str, dict[str, Record]]

META_TABLE = "meta"
TOMBSTONES_TABLE = "tombstones"
# Below this size json is faster than importing orjson and then using it (measured: benchmarks/store_ops.py).
ORJSON_FROM_BYTES = 256 * 1024
_BOM = b"\xef\xbb\xbf"


class UnreadableText(ValueError):
    """The bytes are not a companion data file; the message says why in a few words."""


def parse(raw: bytes) -> Data:
    """The tables of a data file, or UnreadableText. Never guesses: a damaged file is refused whole."""
    if raw.startswith(_BOM):  # Notepad's UTF-8 signature: the text is still fine
        raw = raw[len(_BOM) :]
    if not raw or raw.isspace():  # every write is atomic, so an empty file is damage (isspace: no 2 MB copy)
        raise UnreadableText("the file is empty")
    try:
        with collector.paused():
            data = _loads(raw)
    except RecursionError:
        raise UnreadableText("not a companion data file (nested too deeply)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UnreadableText(f"not valid JSON: {exc}") from None
    # Checked with map() rather than a loop over 10,000 records: this runs on every `companion win`.
    if type(data) is not dict or not all(
        type(table) is dict and set(map(type, table.values())) <= {dict} for table in data.values()
    ):
        raise UnreadableText("not a companion data file (unexpected layout)")
    return data


def _loads(raw: bytes) -> Any:
    # orjson parses 2.7 MB about 2 ms faster than json; its import costs ~1 ms where dataclasses is
    # imported (the app: Textual imports it) and ~13 ms where it is not (`companion win`).
    if len(raw) >= ORJSON_FROM_BYTES and "dataclasses" in sys.modules:
        import orjson

        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # NaN, huge integers, UTF-16: json reads what orjson refuses, or says why not
    return json.loads(raw)


def encode(data: Data) -> bytes:
    """The whole file: pretty-printed while small, so a person can read and edit it; compact once it is
    big, where indentation would add a third to the file and to every command's parse (measured at
    10,000 wins: 3.6 MB and 20 ms to parse indented, 2.6 MB and 12 ms compact)."""
    if sum(len(table) for table in data.values()) * 200 >= ORJSON_FROM_BYTES:
        import orjson

        try:
            return orjson.dumps(data) + b"\n"
        except TypeError:  # a lone surrogate from a damaged paste: json's \u escapes keep it
            return json.dumps(data, separators=(",", ":")).encode("ascii") + b"\n"
    try:
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(data, indent=2).encode("ascii") + b"\n"


def appended(raw: bytes, records: list[tuple[str, Record]]) -> bytes | None:
    """`raw`, a big file as `encode` writes it, with `records` (doc key, record) added at the end of
    its last table; None when it cannot be done so (a small, pretty file; the last table empty; a
    value JSON cannot hold), and the whole file is encoded instead.

    Only for bytes `encode` (or this) made: compact, so the file ends with the last record's `}`,
    the last table's, the root's and a newline. Costs what copying the file costs, where encoding
    10,000 wins costs importing orjson and then using it.
    """
    if not raw.endswith(b"}}}\n"):
        return None
    try:
        added = b"".join(
            b","
            + json.dumps(key).encode()
            + b":"
            + json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
            for key, record in records
        )
    except (TypeError, ValueError):  # a lone surrogate (UnicodeEncodeError), NaN, a value JSON has no word for
        return None
    return b"".join((memoryview(raw)[:-3], added, b"}}\n"))  # one copy of the file, not three


def normalise(data: Data) -> bool:
    """Make hand-edited tables safe for TinyDB; True when anything changed (the next write keeps it).

    TinyDB needs numeric doc_id keys (a key like "abc" made its updates raise ValueError), and every
    record needs a string `id`, which is what identifies it across processes and machines. A record
    added by hand without one gets an id derived from its content, so every reader agrees on it
    until the next write stores it.
    """
    changed = False
    for name, table in data.items():
        if name == META_TABLE:
            continue
        if not _numeric_keys(table):
            data[name] = table = _renumbered(table)
            changed = True
        ids = list(map(dict.get, table.values(), repeat("id")))
        if set(map(type, ids)) <= {str} and "" not in ids:
            continue  # every record has its id: the usual case, checked without a Python loop
        for key, record in table.items():
            record_id = record.get("id")
            if type(record_id) is not str or not record_id:
                record["id"] = _derived_id(name, key, record) if record_id in (None, "") else str(record_id)
                changed = True
    return changed


def _numeric_keys(table: dict[str, Record]) -> bool:
    """Every key a canonical decimal number, as TinyDB writes them (checked at C speed: 10,000 keys)."""
    return all(map(str.isdecimal, table)) and "\n0" not in "\n" + "\n".join(table)


def _renumbered(table: dict[str, Record]) -> dict[str, Record]:
    """Numeric keys kept, every other key given the next free number, in the file's order."""
    kept = {key: record for key, record in table.items() if key.isdecimal() and str(int(key)) == key}
    next_number = max((int(key) for key in kept), default=0) + 1
    result: dict[str, Record] = {}
    for key, record in table.items():
        if key in kept:
            result[key] = record
        else:
            result[str(next_number)] = record
            next_number += 1
    return result


def _derived_id(table: str, key: str, record: Record) -> str:
    text = json.dumps([table, key, record], sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


# Tables that say how companion is doing, not what the person did: a file holding only these is empty.
BOOKKEEPING_TABLES = frozenset({META_TABLE, TOMBSTONES_TABLE, "state"})


def record_counts(data: Data) -> dict[str, int]:
    """How many of the person's records each table holds: what a backup holds, in words."""
    return {name: len(table) for name, table in data.items() if name not in BOOKKEEPING_TABLES and table}


def salvage(raw: bytes) -> Data:
    """Every whole record that reads from the start of a damaged file (a truncated write, a bad edit).

    Reads table by table and record by record and stops at the first thing that does not parse,
    so nothing is guessed: each record returned was in the file exactly as it is.
    """
    text = raw.removeprefix(_BOM).decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    data: Data = {}
    position = _skip(text, 0)
    if not text.startswith("{", position):
        return data
    position += 1
    try:
        while True:
            position = _skip(text, position)
            name, position = decoder.raw_decode(text, position)
            position = _expect(text, position, ":")
            position = _expect(text, position, "{")
            table = data.setdefault(str(name), {})
            while True:
                position = _skip(text, position)
                if text.startswith("}", position):
                    position += 1
                    break
                key, position = decoder.raw_decode(text, position)
                position = _expect(text, position, ":")
                record, position = decoder.raw_decode(text, _skip(text, position))
                if isinstance(key, str) and isinstance(record, dict):
                    table[key] = record
                position = _skip(text, position)
                if text.startswith(",", position):
                    position += 1
            position = _skip(text, position)
            if not text.startswith(",", position):
                break
            position += 1
    except (ValueError, RecursionError):
        pass  # the damage starts here: keep what came before it
    return {name: table for name, table in data.items() if table or name == META_TABLE}


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _expect(text: str, position: int, char: str) -> int:
    position = _skip(text, position)
    if not text.startswith(char, position):
        raise ValueError(f"expected {char!r} at {position}")
    return position + 1

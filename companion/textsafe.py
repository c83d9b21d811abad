"""Make user text safe to store, show and export.

User text is data, never markup or terminal control (DESIGN §8). Everything a person types or
imports passes through `clean_line` / `clean_block` before it is stored, so escape sequences
never reach a terminal or a notification, whichever screen or command shows the text later.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes,
# plus their 8-bit C1 forms (CSI = 0x9b, OSC = 0x9d).
# Compiled on first use (re caches it): most text has no ESC at all, and compiling this costs every
# `companion win` about 1 ms.
_ESCAPE_SEQUENCE = r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI ... final byte
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)   # OSC ... terminator (or end of text)
    | \x1b[PX^_].*?(?:\x1b\\|\x9c|$)            # DCS / SOS / PM / APC strings
    | \x1b[@-Z\\-_]?                            # any other escape (or a lone ESC)
    """
_ESCAPE_STARTS = ("\x1b", "\x9b", "\x9d")
# C0 controls except tab and newline, DEL, the C1 range, and the bidi embeddings, overrides and
# isolates that can make text display in a different order than it is stored ("Trojan Source").
# Joiners (U+200C/D, needed by emoji and many scripts) and LRM/RLM marks are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")

# Cells that a spreadsheet would run as a formula (OWASP CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters, keeping tabs and newlines.

    Bytes that were not UTF-8 (arriving as lone surrogates via surrogateescape) become U+FFFD,
    so the text can always be stored and shown.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(start in text for start in _ESCAPE_STARTS):
        text = re.sub(_ESCAPE_SEQUENCE, "", text, flags=re.VERBOSE | re.DOTALL)
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """No controls and no line breaks, but spaces kept exactly: text shown or edited as typed."""
    return strip_controls(text).replace("\n", " ").replace("\t", " ")


def clean_line(text: str) -> str:
    """One line of user text: no controls, runs of whitespace folded to one space, trimmed."""
    return _SPACES.sub(" ", strip_controls(text)).strip()


def sentence(text: str) -> str:
    """`text` ended with one full stop: none is added after a '.', '…', '!' or '?' it already ends with."""
    return text if text.endswith((".", "…", "!", "?")) else f"{text}."


def clean_block(text: str) -> str:
    """Multi-line user text (notes, reflections): no controls, trailing space trimmed per line."""
    lines = [line.rstrip() for line in strip_controls(text).split("\n")]
    return "\n".join(lines).strip("\n")


def neutralise_csv_cell(value: str) -> str:
    """Prefix a cell a spreadsheet would evaluate, so it is shown as text instead."""
    if value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def restore_csv_cell(value: str) -> str:
    """Undo `neutralise_csv_cell`, so a file companion exported imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_PREFIXES):
        return value[1:]
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters Markdown would turn into formatting, links or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)

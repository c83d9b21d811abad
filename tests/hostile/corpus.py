"""Hostile text: the fixed corpus every entry point gets, hypothesis strategies, and the checks.

The rules every test here holds companion to:
* nothing crashes (no traceback; exit 2 with one line for bad input, 0 otherwise);
* nothing is interpreted: markup shows literally, escape sequences never reach the stored data or
  a terminal (no ESC, CSI or other C0/C1 control in stored text, except newline/tab in notes);
* nothing is lost silently: text is stored exactly as cleaned (`clean_line` / `clean_block`) or
  refused with a message; over-long text is refused with its limit named, never cut.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

MARKUP = (
    "[bold]x[/]",
    "[/]",
    "[TODO]",
    "[link=https://x]y[/link]",
    "[@click=app.quit]z[/]",
    "$var",
    "[b]unclosed",
    "[red on blue]c[/red on blue]",
    "[$accent]themed[/]",
    r"\[escaped]",
    "[[double]]",
    "[/bold]",
    "[reverse blink]x",
)
ESCAPES = (
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m",
    "\x9d0;osc8bit\x9c",
    "\x1bP+q544e\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1bc",
    "\x1b[6n",
    "\x1b",
)
CONTROLS = (
    "a\x00b",
    "\x01\x02\x03\x04\x05\x06",
    "\x07bell",
    "\x08\x08back",
    "\x7fdel",
    "\x85next-line",
    "\x0b\x0cvertical",
    "cr\rcr",
    "tab\there",
)
UNICODE = (
    "👩\u200d💻 Engineer",
    "🏳️\u200d🌈 pride ERG",
    "👨\u200d👩\u200d👧\u200d👦",
    "漢字株式会社 エンジニア",
    "ｆｕｌｌｗｉｄｔｈ",
    "مطور برمجيات أول",
    "מפתח תוכנה בכיר",
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "e\u0301 combining",
    "Z\u0334\u0321\u031ba\u0338l\u0336g\u0337o\u0338",
    "\u200bzero\u200bwidth",
    "\ufeffbom",
)
CSV_FORMULAS = ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x","y")')
HOSTILE = MARKUP + ESCAPES + CONTROLS + UNICODE + CSV_FORMULAS

# Dates a person might type, and the ones that must be refused.
BAD_DATES = (
    "2026-02-30",
    "99999-01-01",
    "0000-01-01",
    "-1",
    "2026-13-01",
    "2026-00-10",
    "31/02/2026",
    "\x1b[31m",
    "[bold]mon[/]",
    "+9999999d",
    "tomorrow\x00",
    "２０２６-１１-２７x",
    "",
)
GOOD_DATES = ("2026-11-27", "today", "tomorrow", "+3d", "+2w", "fri", "0001-01-01", "9999-12-31")

ONE_MB = 1_000_000

# Characters that must never be stored: C0 and C1 controls and DEL. Newline and tab only in notes.
_FORBIDDEN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FORBIDDEN_BLOCK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_stored_clean(text: str, *, multiline: bool = False) -> None:
    """No escape sequence or control character survived into stored text."""
    pattern = _FORBIDDEN_BLOCK if multiline else _FORBIDDEN_LINE
    found = pattern.search(text)
    assert found is None, f"control character {found.group()!r} stored in {text!r}"


_piece = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),  # any code point hypothesis likes (surrogates excluded: see test_cli_input)
    st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=6),  # dense in controls
)
hostile_text = st.lists(_piece, max_size=6).map("".join)
"""Text mixing the corpus with arbitrary Unicode, controls, markup and escape sequences."""

hostile_line = hostile_text.filter(lambda text: "\n" not in text and "\r" not in text)
"""The same, on one line (what a one-line input can hold)."""

"""Key names: typed, matched by Textual, shown in the app's words; held in step with Textual and the bindings."""

from __future__ import annotations

import re
from pathlib import Path

from textual.keys import Keys, _character_to_key

from companion.first_run import AREAS
from companion.keynames import DEFAULT_KEYS, key_label, key_name, punctuation_keys, with_keys
from companion.tui.app import CompanionApp
from companion.tui.keys import describe_key, known_bindings

PACKAGE = Path(__file__).resolve().parents[1] / "companion"


def test_punctuation_and_named_keys_are_the_names_textual_uses() -> None:
    assert punctuation_keys() == {
        char: _character_to_key(char) for char in map(chr, range(0x21, 0x7F)) if not char.isalnum()
    }
    textual_names = {key.value for key in Keys} | {"space", "enter"}  # Textual's events call these two so
    assert all(
        key_name(name) in textual_names for name in ("escape", "tab", "backspace", "pagedown", "home", "f24", "up")
    )


def test_typed_keys_become_textual_names_and_back() -> None:
    assert key_name("Ctrl+?") == "ctrl+question_mark" and key_label("ctrl+question_mark") == "ctrl+?"
    assert key_name(" F2 ") == "f2" and key_name("A") == "A" and key_name("minus") == "minus"
    assert [key_name(typed) for typed in ("ctrl+foo", "", "+", "ctrl+", "bogus+w", "ab")] == [None] * 6


def test_default_keys_in_words_are_the_bindings_defaults() -> None:
    bindings = known_bindings(CompanionApp)
    assert {binding_id: describe_key(bindings[binding_id]).split("/")[0] for binding_id in DEFAULT_KEYS} == DEFAULT_KEYS


def test_every_key_the_apps_words_mention_has_a_default_and_every_default_is_mentioned() -> None:
    written = {
        match for path in PACKAGE.rglob("*.py") for match in re.findall(r"\{key:([a-z_.]+)\}", path.read_text())
    } - {"id"}  # docstrings name the form, `{key:id}`
    built = {area for area, _name, _what in AREAS}  # the welcome builds `{key:<id>}` from these
    assert written | built == DEFAULT_KEYS.keys()


def test_words_show_the_key_in_use() -> None:
    text = "Press {key:breathe} to breathe, {key:help} for keys."
    assert with_keys(text) == "Press b to breathe, ? for keys."
    assert with_keys(text, {"breathe": "ctrl+b,f5", "help": "!"}) == "Press ctrl+b to breathe, ! for keys."
    assert with_keys(text, {"breathe": "ctrl+foo"}) == "Press b to breathe, ? for keys."  # unusable: the default
    assert with_keys("No mention [TODO] {key:}") == "No mention [TODO] {key:}"

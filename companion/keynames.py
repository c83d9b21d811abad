"""Key names three ways: as a person types them, as Textual matches them, as the app's words show them.

The app's words name keys ("press b for the Breathe screen"). A person can rebind any of them, so
those words carry `{key:breathe}` instead, and `with_keys` shows the key really in use.
No Textual here (the core uses this); tests hold these names in step with textual.keys and the bindings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
# Names Textual knows, but a terminal passes these keys on to no program (the desktop or the terminal keeps them).
_UNSENT_MODIFIERS = ("super", "hyper", "meta")
_NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{number}" for number in range(1, 25)),
    }
)
# Textual names a punctuation key after the character's Unicode name, a few of them shorter
# (textual.keys.KEY_NAME_REPLACEMENTS).
_SHORTER_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}

# The default key, as shown, of each action the app's words mention (the binding ids of companion.tui).
DEFAULT_KEYS = {
    "today": "t",
    "pipeline": "p",
    "wins": "l",
    "breathe": "b",
    "reframe": "r",
    "quick_win": "w",
    "help": "?",
    "quit": "q",
    "pipeline.add": "a",
    "pipeline.rejected": "x",
    "pipeline.stats": "s",
    "wins.add": "a",
    "breathe.start": "space",
    "breathe.unit": "u",
    "breathe.create": "c",
    "breathe.list.create": "c",
    "reframe.add": "a",
    "reframe.next": "n",
    "reframe.favourite": "s",
    "reframe.filter": "f",
    "reframe.thought_record": "j",
    "undo": "u",
    "pipeline.interview": "i",
    "pipeline.thank_you": "n",
    "thank_you.copy": "c",
    "pipeline.insights": "o",
    "insights.review": "v",
    "insights.journal": "j",
    "insights.charts": "c",
    "journal.plan": "n",
    "journal.goal": "g",
    "people": "h",
    "people.add": "a",
    "people.touchpoint": "n",
    "people.follow_up": "f",
    "people.link": "k",
    "pipeline.previous": "[",
    "pipeline.column_left": "left",
    "pipeline.column_right": "right",
    "reframe.flip": "space",
    "reframe.explain": "i",
    "reframe.explain.filter": "f",
    "reframe.explain.close": "escape",
    "reframe.thought.next": "ctrl+n",
    "reframe.thought.save": "ctrl+s",
    "reframe.thought.leave": "escape",
    "breathe.resume": "space",
    "breathe.end": "escape",
    "breathe.previous": "left",
    "breathe.next": "right",
    "breathe.longer": "+",
    "breathe.shorter": "-",
    "breathe.list.edit": "e",
    "breathe.list.delete": "d",
    "breathe.list.close": "escape",
    "person_form.save": "ctrl+s",
    "application_form.save": "ctrl+s",
    "debrief.stop": "escape",
    "debrief.skip": "s",
    "debrief.copy": "c",
    "welcome.demo": "d",
    "welcome.start": "enter",
    "help.close": "escape",
    "confirm.no": "n",
    "confirm.yes": "y",
    "win_form.cancel": "escape",
    "path_prompt.cancel": "escape",
    "application_form.cancel": "escape",
    "follow_up.cancel": "escape",
    "interview_form.cancel": "escape",
    "thank_you.close": "escape",
    "thank_you.done": "enter",
    "person_form.cancel": "escape",
    "person_line.cancel": "escape",
    "person_link.cancel": "escape",
    "breathe.form.cancel": "escape",
    "reframe.card_form.cancel": "escape",
    "reframe.filter.cancel": "escape",
    "your_name.skip": "escape",
    "import_cancel": "escape",
    "settings.editor.cancel": "escape",
    "pipeline.clear_filter": "escape",
    "wins.clear_search": "escape",
    "people.clear_search": "escape",
    "journal.back": "escape",
}
# In words an arrow key is its arrow ("← → choose a column"); Escape and Enter are capitalised, as the hints
# name Textual's own Enter beside them ("Enter saves · Escape cancels").
_IN_WORDS = {"left": "←", "right": "→", "up": "↑", "down": "↓", "escape": "Escape", "enter": "Enter"}
_MENTION = re.compile(r"\{key:([a-z_.]+)\}")


@functools.cache
def punctuation_keys() -> dict[str, str]:
    """Each ASCII punctuation character and the name Textual gives its key: `?` is `question_mark`."""
    import unicodedata  # here: only key overrides need it

    names: dict[str, str] = {}
    for character in map(chr, range(0x21, 0x7F)):
        if not character.isalnum():
            name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
            names[character] = _SHORTER_NAMES.get(name, name)
    return names


def key_name(typed: str) -> str | None:
    """One key as Textual names it (`Ctrl+?` is `ctrl+question_mark`), or None when no key has that name.

    Textual takes any name in a keymap, so a made-up one (`ctrl+foo`) would silently leave the action
    without a key; checking first turns that into a message.
    """
    *modifiers, key = typed.strip().split("+")
    modifiers = [modifier.lower() for modifier in modifiers]
    punctuation = punctuation_keys()
    if any(modifier not in _MODIFIERS for modifier in modifiers):
        return None
    if key in punctuation:
        key = punctuation[key]
    elif not (len(key) == 1 and key.isalnum()):  # a single letter keeps its case: A is shift+a
        key = key.lower()
        if key not in _NAMED_KEYS and key not in punctuation.values():
            return None
    return "+".join([*modifiers, key])


def key_problem(typed: str) -> str | None:
    """Why `typed` cannot be used as a key, in a person's words, or None when it can."""
    shown = typed.strip()[:40]
    if key_name(typed) is None:
        return f"{shown!r} is not a key name; use names like a, ?, f2, ctrl+w, several separated by commas"
    unsent = [part for part in typed.strip().lower().split("+")[:-1] if part in _UNSENT_MODIFIERS]
    if unsent:
        return (
            f"{shown!r} cannot reach companion: terminals do not pass the {unsent[0]} key on to programs; "
            "use ctrl, alt or shift with it"
        )
    return None


def key_label(name: str) -> str:
    """A Textual key name as a person presses it: `?` for question_mark, `ctrl+w` as it is."""
    characters = {textual_name: character for character, textual_name in punctuation_keys().items()}
    return "+".join(characters.get(part, part) for part in name.split("+"))


def with_keys(text: str, keys: Mapping[str, str] | None = None) -> str:
    """The text with each `{key:id}` shown as the key in use: the person's own (the first of several) or the default."""
    if "{key:" not in text:
        return text

    def shown(mention: re.Match[str]) -> str:
        chosen = key_name((keys or {}).get(mention[1], "").split(",")[0])
        label = key_label(chosen) if chosen else DEFAULT_KEYS[mention[1]]
        return "+".join(_IN_WORDS.get(part, part) for part in label.split("+"))

    return _MENTION.sub(shown, text)

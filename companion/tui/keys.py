"""Describe bindings for people: the `?` list and the command palette share this."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.screen import Screen


_NAMES = {"question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/", "comma": ","}


def describe_key(binding: Binding, keymap: Mapping[str, str] | None = None) -> str:
    """The key as a person presses it: their own override if they set one, `?` not `question_mark`."""
    override = (keymap or {}).get(binding.id or "")
    if override:
        return "/".join(_NAMES.get(key, key) for key in override.split(","))
    if binding.key_display:
        return binding.key_display
    return "/".join(_NAMES.get(key, key) for key in binding.key.split(","))


def screen_bindings(screen: Screen[object]) -> list[Binding]:
    """The screen's own described bindings, not the app's global ones."""
    return [b for b in screen.BINDINGS if isinstance(b, Binding) and b.description]


def key_rows(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(describe_key(b, keymap), b.description) for b in bindings if isinstance(b, Binding) and b.description]

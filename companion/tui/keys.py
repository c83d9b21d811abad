"""Describe bindings for people: the `?` list and the command palette share this."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


def describe_key(binding: Binding) -> str:
    """The key as the footer shows it, e.g. `?` rather than `question_mark`."""
    if binding.key_display:
        return binding.key_display
    names = {"question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/"}
    return "/".join(names.get(key, key) for key in binding.key.split(","))


def screen_bindings(screen: Screen[object]) -> list[Binding]:
    """The screen's own described bindings, not the app's global ones."""
    return [b for b in screen.BINDINGS if isinstance(b, Binding) and b.description]


def screen_key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    return [(describe_key(b), b.description) for b in screen_bindings(screen)]

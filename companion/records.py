"""Reading stored records tolerantly: a hand-edited file must not crash a command."""

from __future__ import annotations


def string_list(value: object) -> list[str]:
    """A stored list of strings; anything else (a number, null, a dict) reads as empty."""
    return [str(item) for item in value] if isinstance(value, list) else []

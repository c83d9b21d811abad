"""Describe bindings for people: the `?` list and the command palette share this."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from companion.keynames import key_label

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def describe_key(binding: Binding, keymap: Mapping[str, str] | None = None) -> str:
    """Every key of the binding as a person presses it: their own override if they set one, `?` not `question_mark`.

    Not the key bar's `key_display`: "←→ Pattern" there stands for two bindings, and a list of keys names each.
    """
    override = (keymap or {}).get(binding.id or "")
    return "/".join(key_label(key.strip()) for key in (override or binding.key).split(","))


def screen_bindings(screen: Screen[object]) -> list[Binding]:
    """The screen's own described bindings, not the app's global ones."""
    return [b for b in screen.BINDINGS if isinstance(b, Binding) and b.description]


def key_rows(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """One row per key, in binding order: a key doing one thing at a time (space: Start / Pause) is listed once.

    A binding's `tooltip`, when it has one, is its longer name for this list ("Previous pattern" where the
    key bar says "←→ Pattern").
    """
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            what = binding.tooltip or binding.description
            named = rows.setdefault(describe_key(binding, keymap), [])
            if what not in named:
                named.append(what)
    return [(key, " / ".join(named)) for key, named in rows.items()]


@functools.cache
def _bindings_by_owner(app_class: type[App[Any]]) -> tuple[tuple[Binding, ...], tuple[tuple[Binding, ...], ...]]:
    """The app's own bindings (active everywhere), and each screen's, dialog's and widget's.

    Those of the screens and dialogs are read from their source (companion.bindings), never imported:
    a key override must not load every area before the first frame (the modes are lazy for that).
    Cached: class bindings never change while the app runs, and the settings screen asks at every refresh.
    """
    from companion.bindings import declared  # here: only key overrides need it

    everywhere = tuple(
        binding
        for cls in app_class.__mro__
        for binding in cls.__dict__.get("BINDINGS", ())
        if isinstance(binding, Binding)
    )
    owners = tuple(
        tuple(Binding(found.key, found.action, found.description, id=found.id) for found in bindings)
        for bindings in declared()[1]
    )
    return everywhere, owners


def known_bindings(app_class: type[App[Any]]) -> dict[str, Binding]:
    """Every Binding with an id: the app's and those of each screen, dialog and widget."""
    everywhere, owners = _bindings_by_owner(app_class)
    found: dict[str, Binding] = {}
    for binding in [*everywhere, *(binding for bindings in owners for binding in bindings)]:
        if binding.id:
            found.setdefault(binding.id, binding)
    return found


def key_clashes(app_class: type[App[Any]], keymap: Mapping[str, str]) -> list[str]:
    """Where one of the person's keys is also another action's key in the same place (bindings.shared_keys)."""
    from companion.bindings import shared_keys  # here: only key overrides need it

    return shared_keys(*_bindings_by_owner(app_class), keymap) if keymap else []


def apply_keymap(app: CompanionApp) -> list[str]:
    """Use the person's key overrides that make sense (kept in `app.keys_in_use`); return why the others were left out.

    Finding every binding id reads the source of every screen, so this runs only when there are overrides.
    """
    if not app.context.config.keys:
        usable: dict[str, str] = {}
        problems: list[str] = []
    else:
        from companion.settings import split_keymap

        usable, problems = split_keymap(app.context.config.keys, known_bindings(type(app)))
    app.set_keymap(usable)
    app.keys_in_use = usable
    return problems


class LazyScreen:
    """A MODES entry that imports its screen on first use, keeping start-up to what Today needs."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self) -> Screen[Any]:
        return getattr(importlib.import_module(self.module), self.name)()  # type: ignore[no-any-return]


def import_quietly(modules: Iterable[str]) -> None:
    """Import each module now (in a warm-up thread); one that fails is left to fail where it is used."""
    for module in modules:
        try:
            importlib.import_module(module)
        except Exception:  # the area says what went wrong when it is opened
            continue

"""What the core knows of the app without importing it (binding ids, keys, theme names) is what the app has."""

from __future__ import annotations

from textual.app import App
from textual.theme import BUILTIN_THEMES

from companion.bindings import TEXTUAL_APP_BINDINGS, Declared, binding_ids, declared, key_clashes
from companion.config import COMPANION_THEMES, TEXTUAL_THEMES, THEME_NAMES
from companion.tui import keys
from companion.tui.app import CompanionApp
from companion.tui.themes import THEMES


def _plain(bindings: object) -> tuple[Declared, ...]:
    return tuple(Declared(b.key, b.action, b.description, b.id) for b in bindings)  # type: ignore[attr-defined]


def test_bindings_read_from_the_source_are_those_of_the_running_app() -> None:
    everywhere, owners = declared()
    live_everywhere, live_owners = keys._bindings_by_owner(CompanionApp)
    assert everywhere == _plain(live_everywhere)
    assert owners == tuple(_plain(found) for found in live_owners)
    assert binding_ids() == set(keys.known_bindings(CompanionApp))
    assert _plain(App.BINDINGS) == TEXTUAL_APP_BINDINGS


def test_the_command_line_names_the_same_shared_keys_as_the_app() -> None:
    for keymap in ({}, {"quick_win": "x,f2"}, {"wins.search": "question_mark"}, {"quick_win": "ctrl+q"}, {"help": "q"}):
        assert key_clashes(keymap) == keys.key_clashes(CompanionApp, keymap)
    [clash] = key_clashes({"quick_win": "ctrl+q"})
    assert clash.startswith("Your keys give ctrl+q to “Quit”, “Win”: where two of them apply, only one answers.")


def test_theme_names_are_textuals_and_companions() -> None:
    assert set(TEXTUAL_THEMES) == set(BUILTIN_THEMES)
    assert tuple(THEMES) == COMPANION_THEMES
    assert set(BUILTIN_THEMES) | set(THEMES) == THEME_NAMES

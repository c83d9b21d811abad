"""Change one setting from text a person typed: check it, explain a wrong value, save atomically.

What each setting is (its key, default, the values it takes, label and help) is declared once, in
companion.config; the settings screen and `companion config` share these functions, so a value means
the same everywhere. No Textual here: binding ids and theme names come from core modules
(companion.bindings, companion.config.THEME_NAMES) or are passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from companion.config import (
    SETTINGS,
    THEME_NAMES,
    Config,
    LoadedConfig,
    SettingError,
    load_config,
    save_config,
    working_hours_problem,
)
from companion.keynames import key_name, key_problem
from companion.textsafe import one_line

if TYPE_CHECKING:
    from companion.context import Context

_MAX_KEYS_LENGTH = 40  # what companion.config accepts in the file


def display_value(config: Config, name: str) -> str:
    """The value as the screen shows it and as a person would type it back."""
    return SETTINGS[name].kind.shown(getattr(config, name))


def accepted_values(name: str) -> str:
    """What a setting accepts, in the words its own check uses, so ranges are stated once."""
    return SETTINGS[name].kind.accepts


def change_setting(config: Config, name: str, text: str) -> Config:
    """A copy of `config` with one setting changed; SettingError names the key, the value and why if it cannot be."""
    setting = SETTINGS.get(name)
    if setting is None or setting.section == "keys":
        raise SettingError(one_line(name), text, "not a setting companion knows")
    value = setting.check(setting.kind.typed(text))
    changed = config.replace(**{name: value})
    clash = working_hours_problem(changed)
    if clash:
        raise SettingError(setting.key, value, clash)
    return changed


def reset_setting(config: Config, name: str) -> Config:
    """Back to the default (checked like any change: a default can still clash with another value)."""
    return change_setting(config, name, display_value(Config(), name))


def key_text_problem(text: str) -> str | None:
    """Why typed keys cannot be used, or None: key names, each with optional modifiers, joined by commas."""
    for part in text.split(","):
        problem = key_problem(part)
        if problem:
            return problem
    if len(_normalise_keys(text)) > _MAX_KEYS_LENGTH:
        return f"at most {_MAX_KEYS_LENGTH} characters of key names"
    return None


def _normalise_keys(text: str) -> str:
    """Textual's names for checked keys: what its keymap matches against."""
    return ",".join(key_name(part) or part.strip() for part in text.split(","))


def change_key(config: Config, binding_id: str, text: str, known_ids: Collection[str]) -> Config:
    """Rebind one action (a Binding id); empty text gives the action its default key back."""
    key = f"keys.{one_line(binding_id)}"
    if binding_id not in known_ids:
        raise SettingError(key, text, "not an action companion knows")
    keys = dict(config.keys)
    if not text.strip():
        keys.pop(binding_id, None)
        return config.replace(keys=keys)
    problem = key_text_problem(text)
    if problem:
        raise SettingError(key, text, problem)
    keys[binding_id] = _normalise_keys(text)
    return config.replace(keys=keys)


def split_keymap(keys: Mapping[str, str], known_ids: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The key overrides that can be used, and a message for each one that cannot."""
    usable: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, text in keys.items():
        problem = "not an action companion knows" if binding_id not in known_ids else key_text_problem(text)
        if problem:
            problems.append(f"keys.{one_line(binding_id)}: {problem}; ignored")
        else:
            usable[binding_id] = _normalise_keys(text)
    return usable, problems


def check_config(
    loaded: LoadedConfig, known_ids: Collection[str], known_themes: Collection[str] = THEME_NAMES
) -> LoadedConfig:
    """What the app really uses, and every problem: loading's own plus the binding ids and themes that exist."""
    usable, problems = split_keymap(loaded.config.keys, known_ids)
    config = loaded.config.replace(keys=usable)
    if config.theme not in known_themes:
        default = Config().theme
        problems.append(
            f"{SETTINGS['theme'].key}: {config.theme!r} is not a theme companion knows "
            f"({', '.join(sorted(known_themes))}); using the default {default!r}"
        )
        config = config.replace(theme=default)
    # The app may already carry the keymap's problems from its start: each is said once.
    return LoadedConfig(config, list(dict.fromkeys([*loaded.problems, *problems])))


def update_settings_file(path: Path, change: Callable[[Config], Config]) -> Config:
    """Apply one change to the file as it is now (it may have been edited meanwhile); save atomically.

    A file that is not valid TOML is never overwritten: the person's text in it would be lost.
    """
    unreadable = _unreadable(path)
    if unreadable:
        fix = "fix it with `companion config edit` first. Nothing was changed"
        raise SettingError(str(path), None, f"{unreadable}; {fix}")
    updated = change(load_config(path).config)
    try:
        save_config(path, updated)
    except OSError as exc:
        why = f"could not be saved ({exc.strerror or exc}). Nothing was changed"
        raise SettingError(str(path), None, why) from None
    return updated


def _unreadable(path: Path) -> str | None:
    import tomllib  # only when saving: the app imports this module at start-up

    try:
        tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"could not be read ({exc.strerror or exc})"
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return f"not valid TOML ({exc})"
    return None


def commit(context: Context, change: Callable[[Config], Config]) -> Config:
    """Apply a change to the running app and, outside the demo, to the settings file."""
    if context.demo:
        updated = change(context.config)  # the demo never touches the person's own files
    else:
        updated = update_settings_file(context.config_path, change)
        context.problems = []  # the file now holds only values that load cleanly
    context.config = updated
    return updated

"""Change one setting from text a person typed: check it, explain a wrong value, save atomically.

The settings screen and `companion config` share these, so a value means the same everywhere.
No Textual here: the binding ids and theme names the app knows are passed in by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.config import (
    SETTINGS,
    WEEKDAY_NAMES,
    Config,
    LoadedConfig,
    load_config,
    parse_setting_text,
    save_config,
    working_hours_problem,
)
from companion.context import Context
from companion.errors import InputError
from companion.keynames import key_name, key_problem
from companion.textsafe import one_line

_SWITCH_WORDS = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}
_MAX_KEYS_LENGTH = 40  # what companion.config accepts in the file


class SettingError(InputError):
    """A value that cannot be used as typed; the message names the key and what would work."""


@dataclass(frozen=True)
class SettingInfo:
    """How a setting is shown to a person: a short label and one line on what it changes."""

    name: str
    label: str
    description: str


SETTING_INFO: tuple[SettingInfo, ...] = (
    SettingInfo("micro_break_minutes", "Short break every", "Minutes of focus between short breaks: stand, drink, look away."),
    SettingInfo("long_break_minutes", "Long break every", "Minutes between longer breaks away from the screen."),
    SettingInfo("work_start", "Working hours start", "Break reminders come only inside working hours."),
    SettingInfo("work_end", "Working hours end", "After this, no more break reminders today."),
    SettingInfo("work_days", "Working days", "Days with break reminders and the follow-up digest."),
    SettingInfo("quiet_start", "Quiet hours start", "From this time on, no notifications at all."),
    SettingInfo("quiet_end", "Quiet hours end", "Notifications may come again from this time."),
    SettingInfo("evening_prompt", "Evening prompt", "A gentle evening nudge to write down one small win."),
    SettingInfo("micro_break_length_minutes", "A natural pause of", "Minutes away from keyboard and mouse that count as a short break."),
    SettingInfo("long_break_length_minutes", "A long pause of", "Minutes away from keyboard and mouse that count as a long break."),
    SettingInfo("interview_quiet_before_minutes", "Quiet before an interview", "Minutes before an interview with no break reminders."),
    SettingInfo("interview_quiet_after_minutes", "Quiet after an interview", "Minutes after an interview ends with no break reminders."),
    SettingInfo("interview_nudge_minutes", "Calm minute before interviews", "Minutes before an interview for a gentle breathing nudge; 0 turns it off."),
    SettingInfo("daily_skip_limit", "Skips a day", "After this many skipped breaks in a day, a reminder offers only snooze; 0: no limit."),
    SettingInfo("no_response_days", "No response after", "Days of silence before an application is offered as 'no response'."),
    SettingInfo("breadth_target", "Applications in play", "How many active applications you aim to keep open at once."),
    SettingInfo("weekly_goal", "Weekly goal", "Applications a week you aim to send, shown beside your effort; 0 is off."),
    SettingInfo("pipeline_wins", "Pipeline events as wins", "A reply, an interview done, a follow-up sent: ask, always or never log it as a win."),
    SettingInfo("reduced_motion", "Reduced motion", "The breathing guide without animation: words and numbers only."),
    SettingInfo("theme", "Theme", "Colours: companion-calm is soft and quiet, companion-contrast is high contrast."),
    SettingInfo("streaks", "Streaks", "Show win streaks (they forgive missed days and never punish)."),
    SettingInfo("backups_keep", "Daily backups kept", "How many daily copies of your data are kept; 0 turns backups off."),
    SettingInfo("your_name", "Your name", "Signs the feedback requests and thank-you notes companion writes for you."),
)


def setting_key(name: str) -> str:
    """Where a setting lives in the file, e.g. `breaks.work_start`: messages name it this way."""
    return f"{SETTINGS[name].section}.{name}"


def display_value(config: Config, name: str) -> str:
    """The value as the screen shows it and as a person would type it back."""
    value = getattr(config, name)
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    return str(value)


def accepted_values(name: str) -> str:
    """What a setting accepts, in the words its own check uses, so ranges are stated once."""
    if name == "work_days":
        return f"days like {', '.join(WEEKDAY_NAMES[:3])} (or none)"
    if isinstance(getattr(Config(), name), bool):
        return "on or off"
    try:
        SETTINGS[name].check(None)
    except ValueError as exc:
        return str(exc).removeprefix("expected ")
    return "a value"


def parse_text(name: str, text: str) -> Any:
    """Typed text to a value: TOML where it parses, plus on/off for switches and plain day lists."""
    text = text.strip()
    if isinstance(getattr(Config(), name), bool) and text.lower() in _SWITCH_WORDS:
        return _SWITCH_WORDS[text.lower()]
    if name == "work_days" and not text.startswith("["):
        return [word for word in re.split(r"[\s,]+", text.lower()) if word and word != "none"]
    return parse_setting_text(name, text)


def change_setting(config: Config, name: str, text: str) -> Config:
    """A copy of `config` with one setting changed; SettingError names the key and why if it cannot be."""
    if name not in SETTINGS or name == "keys":
        raise SettingError(f"{name}: not a setting companion knows")
    try:
        value = SETTINGS[name].check(parse_text(name, text))
    except ValueError as exc:
        raise SettingError(f"{setting_key(name)}: {exc}") from None
    changed = config.replace(**{name: value})
    clash = working_hours_problem(changed)
    if clash:
        raise SettingError(f"{setting_key(name)}: {clash}")
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
    if binding_id not in known_ids:
        raise SettingError(f"keys.{one_line(binding_id)}: not an action companion knows")
    keys = dict(config.keys)
    if not text.strip():
        keys.pop(binding_id, None)
        return config.replace(keys=keys)
    problem = key_text_problem(text)
    if problem:
        raise SettingError(f"keys.{one_line(binding_id)}: {problem}")
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


def check_config(loaded: LoadedConfig, known_ids: Collection[str], known_themes: Collection[str]) -> LoadedConfig:
    """What the app really uses, and every problem: loading's own plus what only the app can know."""
    usable, problems = split_keymap(loaded.config.keys, known_ids)
    config = loaded.config.replace(keys=usable)
    if config.theme not in known_themes:
        default = Config().theme
        problems.append(
            f"{setting_key('theme')}: {config.theme!r} is not a theme companion knows "
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
        raise SettingError(f"{path}: {unreadable}; fix it with `companion config edit` first. Nothing was changed")
    updated = change(load_config(path).config)
    try:
        save_config(path, updated)
    except OSError as exc:
        raise SettingError(f"{path}: could not be saved ({exc.strerror or exc}). Nothing was changed") from None
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

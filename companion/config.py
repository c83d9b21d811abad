"""Every setting, declared once; the settings file read and written from that declaration.

Each attribute of `Config` is a `Setting`: where it lives in the file, its type, default, the values
it takes (bounds, choices), a label and one line of help. The values in effect, the file written for
a new person, `companion config show`, the settings screen, the message about a wrong value and the
break planner's settings all come from it, so a new setting is one declaration here.

A wrong value never stops the app: that one key falls back to its default and the person is told
which key and why. Saving writes the whole file atomically (temp file + os.replace).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from typing import TYPE_CHECKING

from companion.errors import InputError
from companion.fileio import write_atomic
from companion.textsafe import clean_line, one_line
from companion.values import FrozenValue, Value

if TYPE_CHECKING:
    from typing import Any, NoReturn, Self

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# Only the shape here: which names are keys is checked where overrides are used (companion.keynames.key_name).
_KEY_TEXT = re.compile(r"[^\x00-\x1f\x7f-\x9f]{1,40}")
_SWITCH_WORDS = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}

COMPANION_THEMES = ("companion-calm", "companion-contrast")  # drawn in companion.tui.themes
DEFAULT_THEME = COMPANION_THEMES[0]
# Textual's own themes (textual.theme.BUILTIN_THEMES; a test holds them in step), so the command line
# can check a theme name without importing Textual.
TEXTUAL_THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
THEME_NAMES = frozenset(COMPANION_THEMES + TEXTUAL_THEMES)


class SettingError(InputError):
    """A value a setting cannot take: which one (`key`, as the file names it), the value given, and why.

    The message is `key: reason`; a screen that already names the setting shows `reason` alone.
    """

    def __init__(self, key: str, value: object, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.value = value
        self.reason = reason


# -- the kinds of value ------------------------------------------------------------------------


class Kind:
    """What values a setting takes: `check` returns the clean value or raises ValueError with the reason."""

    accepts = "a value"  # in a person's words: "Accepts a whole number of minutes from 5 to 240."

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def typed(self, text: str) -> Any:
        """Text typed in a form or on the command line, read as TOML where it parses (`25`, `true`, `"09:00"`)."""
        import tomllib  # only when a person types a value

        try:
            return tomllib.loads(f"value = {text.strip()}")["value"]
        except ValueError:  # TOMLDecodeError is one
            return text.strip()  # a bare word such as 09:00 or a theme name

    def shown(self, value: Any) -> str:
        """The value as the settings screen shows it and as a person would type it back."""
        return str(value)

    def refuse(self) -> NoReturn:
        raise ValueError(f"expected {self.accepts}")


class Whole(Kind):
    def __init__(self, low: int, high: int, unit: str) -> None:
        self.low, self.high = low, high
        self.accepts = f"a whole number of {unit} from {low} to {high}"

    def check(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            self.refuse()
        return value


class Clock(Kind):
    accepts = 'a time like "09:00"'

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or not _CLOCK.match(value.strip()):
            self.refuse()
        hours, minutes = value.strip().split(":")
        return f"{int(hours):02d}:{minutes}"


class Flag(Kind):
    accepts = "on or off"

    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError("expected true or false")  # the file's words; a form also takes on/off
        return value

    def typed(self, text: str) -> Any:
        word = text.strip().lower()
        return _SWITCH_WORDS[word] if word in _SWITCH_WORDS else super().typed(text)

    def shown(self, value: Any) -> str:
        return "on" if value else "off"


class Days(Kind):
    accepts = f"days like {', '.join(WEEKDAY_NAMES[:3])} (or none)"

    def check(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)) or not all(isinstance(d, str) for d in value):  # a tuple: a Config's
            raise ValueError(f"expected a list of days like {list(WEEKDAY_NAMES[:5])}")
        days: list[str] = []
        for written in value:
            # "Monday", "mon" and "thurs" are read as their day; "funday" is named whole, as it was written.
            typed = written.strip().lower()
            found = [name for name, full in zip(WEEKDAY_NAMES, _FULL_DAYS, strict=True) if full.startswith(typed)]
            if len(written.strip()) < 3 or len(found) != 1:
                raise ValueError(f"unknown day {one_line(written.strip())[:40]!r}; use {', '.join(WEEKDAY_NAMES)}")
            days.append(found[0])
        return tuple(d for d in WEEKDAY_NAMES if d in days)

    def typed(self, text: str) -> Any:
        if text.strip().startswith("["):
            return super().typed(text)
        return [word for word in re.split(r"[\s,]+", text.strip().lower()) if word and word != "none"]

    def shown(self, value: Any) -> str:
        return ", ".join(value) if value else "none"


class Choice(Kind):
    def __init__(self, *options: str) -> None:
        self.options = options
        self.accepts = f"one of: {', '.join(options)}"

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or value.strip().lower() not in self.options:
            self.refuse()
        return value.strip().lower()


class Name(Kind):
    accepts = "your name as you sign e-mails (up to 80 characters), or empty"

    def check(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or len(clean_line(str(value))) > 80:
            self.refuse()
        return clean_line(str(value))


class ThemeName(Kind):
    """Only the shape when the file is read: which themes exist is checked by companion.settings.check_config."""

    accepts = "a theme name"

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip() or len(value) > 60:
            self.refuse()
        return value.strip()


class KeyTable(Kind):
    accepts = 'a table like {quick_win = "ctrl+w"}'

    def check(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            self.refuse()
        for action, keys in value.items():
            if not isinstance(keys, str) or not _KEY_TEXT.fullmatch(keys):
                raise ValueError(f'{one_line(str(action))}: expected key names like "ctrl+w" or "w,ctrl+w"')
        return dict(value)


# -- the declaration -----------------------------------------------------------------------------


class Setting(Value):
    """One setting: where it lives in the file, its default, the values it takes, and how it is shown to a person.

    On `Config` it reads as the value (`config.theme`); on the class it is the declaration (`SETTINGS["theme"]`).
    """

    __slots__ = ("name", "section", "default", "kind", "label", "help")

    def __init__(self, section: str, default: Any, kind: Kind, label: str, help: str) -> None:
        self.name = ""  # set from the attribute's name in Config
        self.section = section
        self.default = default
        self.kind = kind
        self.label = label
        self.help = help

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, config: Config | None, owner: type | None = None) -> Any:
        return self if config is None else config._values[self.name]

    @property
    def key(self) -> str:
        """As the file and every message name it: `breaks.work_start`."""
        return f"{self.section}.{self.name}"

    def check(self, value: Any) -> Any:
        """The clean value, or SettingError naming this setting, the value and why."""
        try:
            return self.kind.check(value)
        except ValueError as exc:
            raise SettingError(self.key, value, str(exc)) from None


def setting(section: str, default: Any, kind: Kind, *, label: str, help: str) -> Any:
    """Declare a setting in Config (typed Any, like dataclasses.field, so `config.name` has the annotated type)."""
    return Setting(section, default, kind, label, help)


class Config(FrozenValue):
    """Every setting with its value; frozen, so change one with `replace`. The class body is the declaration."""

    __slots__ = ("_values",)  # each setting by name, in the order declared; read through its Setting
    if TYPE_CHECKING:  # for the type checker only: the annotations are the settings
        _values: dict[str, Any]

    micro_break_minutes: int = setting(
        "breaks",
        25,
        Whole(5, 240, "minutes"),
        label="Short break every",
        help="Minutes of focus between short breaks: stand, drink, look away.",
    )
    long_break_minutes: int = setting(
        "breaks",
        90,
        Whole(15, 480, "minutes"),
        label="Long break every",
        help="Minutes between longer breaks away from the screen.",
    )
    work_start: str = setting(
        "breaks",
        "09:00",
        Clock(),
        label="Working hours start",
        help="Break reminders come only inside working hours.",
    )
    work_end: str = setting(
        "breaks",
        "18:00",
        Clock(),
        label="Working hours end",
        help="After this, no more break reminders today.",
    )
    work_days: tuple[str, ...] = setting(
        "breaks",
        ("mon", "tue", "wed", "thu", "fri"),
        Days(),
        label="Working days",
        help="Days with break reminders and the follow-up digest.",
    )
    quiet_start: str = setting(
        "breaks",
        "21:00",
        Clock(),
        label="Quiet hours start",
        help="From this time on, no notifications at all.",
    )
    quiet_end: str = setting(
        "breaks",
        "08:00",
        Clock(),
        label="Quiet hours end",
        help="Notifications may come again from this time.",
    )
    evening_prompt: bool = setting(
        "breaks",
        False,
        Flag(),
        label="Evening prompt",
        help="A gentle evening nudge to write down one small win.",
    )
    micro_break_length_minutes: int = setting(
        "breaks",
        2,
        Whole(1, 30, "minutes"),
        label="A natural pause of",
        help="Minutes away from keyboard and mouse that count as a short break.",
    )
    long_break_length_minutes: int = setting(
        "breaks",
        10,
        Whole(2, 60, "minutes"),
        label="A long pause of",
        help="Minutes away from keyboard and mouse that count as a long break.",
    )
    interview_quiet_before_minutes: int = setting(
        "breaks",
        30,
        Whole(0, 240, "minutes"),
        label="Quiet before an interview",
        help="Minutes before an interview with no break reminders.",
    )
    interview_quiet_after_minutes: int = setting(
        "breaks",
        15,
        Whole(0, 240, "minutes"),
        label="Quiet after an interview",
        help="Minutes after an interview ends with no break reminders.",
    )
    interview_nudge_minutes: int = setting(
        "breaks",
        15,
        Whole(0, 120, "minutes"),
        label="Calm minute before interviews",
        help="Minutes before an interview for a gentle breathing nudge; 0 turns it off.",
    )
    daily_skip_limit: int = setting(
        "breaks",
        0,
        Whole(0, 20, "skips"),
        label="Skips a day",
        help="After this many skipped breaks in a day, a reminder offers only snooze; 0: no limit.",
    )
    no_response_days: int = setting(
        "pipeline",
        21,
        Whole(3, 180, "days"),
        label="No response after",
        help="Days of silence before an application is offered as 'no response'.",
    )
    breadth_target: int = setting(
        "pipeline",
        5,
        Whole(1, 50, "applications"),
        label="Applications in play",
        help="How many active applications you aim to keep open at once.",
    )
    weekly_goal: int = setting(
        "pipeline",
        0,
        Whole(0, 100, "applications a week (0 is off)"),
        label="Weekly goal",
        help="Applications a week you aim to send, shown beside your effort; 0 is off.",
    )
    pipeline_wins: str = setting(  # companion.event_wins
        "pipeline",
        "ask",
        Choice("ask", "always", "never"),
        label="Pipeline events as wins",
        help="A reply, an interview done, a follow-up sent: ask, always or never log it as a win.",
    )
    reduced_motion: bool = setting(
        "display",
        False,
        Flag(),
        label="Reduced motion",
        help="The breathing guide without animation: words and numbers only.",
    )
    theme: str = setting(
        "display",
        DEFAULT_THEME,
        ThemeName(),
        label="Theme",
        help="Colours: companion-calm is soft and quiet, companion-contrast is high contrast.",
    )
    streaks: bool = setting(
        "display",
        True,
        Flag(),
        label="Streaks",
        help="Show win streaks (they forgive missed days and never punish).",
    )
    backups_keep: int = setting(
        "storage",
        7,
        Whole(0, 365, "daily backups"),
        label="Daily backups kept",
        help="How many daily copies of your data are kept; 0 turns backups off.",
    )
    your_name: str = setting(  # empty: asked once, when first needed
        "messages",
        "",
        Name(),
        label="Your name",
        help="Signs the feedback requests and thank-you notes companion writes for you.",
    )
    keys: dict[str, str] = setting(  # binding id -> keys; each is listed on the settings screen by itself
        "keys",
        {},
        KeyTable(),
        label="Keys",
        help="Your own keys for the app's actions, by binding id (companion.tui.keys).",
    )

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - SETTINGS.keys()
        if unknown:
            raise TypeError(f"Config has no setting {min(unknown)!r}")
        # A dict default is copied: two Configs never share one.
        defaults = {name: dict(s.default) if isinstance(s.default, dict) else s.default for name, s in SETTINGS.items()}
        self._set(_values={**defaults, **values})

    def values(self) -> dict[str, object]:
        """Every setting by name, in the order declared."""
        return dict(self._values)

    def replace(self, **changes: object) -> Self:
        return type(self)(**{**self._values, **changes})


SETTINGS: dict[str, Setting] = {name: value for name, value in vars(Config).items() if isinstance(value, Setting)}
# The settings changed one by one (on the screen, by `companion config`); keys are changed per action.
LISTED: tuple[Setting, ...] = tuple(s for s in SETTINGS.values() if s.section != "keys")


class LoadedConfig(Value):
    """The settings in effect, and one message for each value that could not be used."""

    __slots__ = ("config", "problems")

    def __init__(self, config: Config, problems: list[str]) -> None:
        self.config = config
        self.problems = problems


def load_config(path: str | os.PathLike[str]) -> LoadedConfig:
    """Read settings; every problem becomes a message and that key keeps its default."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return LoadedConfig(Config(), [])
    except OSError as exc:
        return LoadedConfig(Config(), [f"{path}: could not be read ({exc.strerror}); using defaults"])
    try:
        document = _parse_toml(path, raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError; tomllib's ValueError for dates like 2026-02-30
        return LoadedConfig(Config(), [f"{path}: not valid TOML ({clean_line(str(exc))}); using defaults"])
    except RecursionError:
        return LoadedConfig(Config(), [f"{path}: nested too deeply to be a settings file; using defaults"])
    return apply_values(Config(), _flatten(document))


def parsed_copy_path(path: str | os.PathLike[str]) -> str:
    """Where the parsed settings are kept beside the file: `.config.toml.parsed.json`."""
    directory, name = os.path.split(os.fspath(path))
    return os.path.join(directory, f".{name}.parsed.json")


def _parse_toml(path: str | os.PathLike[str], text: str) -> dict[str, Any]:
    """The settings document; from the parsed copy while the file's text is what it was made from.

    tomllib, with the typing module it imports, is about 7 ms of every command, a quarter of
    `companion win`. The copy holds the whole text it came from, so any edit makes a new one; a
    copy that cannot be read or written is simply not used.
    """
    copy = parsed_copy_path(path)
    try:
        with open(copy, encoding="utf-8") as handle:
            saved = json.load(handle)
        if isinstance(saved, dict) and saved.get("source") == text and isinstance(saved.get("document"), dict):
            return saved["document"]  # type: ignore[no-any-return]
    except (OSError, ValueError, RecursionError):
        pass
    import tomllib

    document = tomllib.loads(text)
    # TypeError: TOML dates are not JSON; OSError: a read-only directory
    with contextlib.suppress(OSError, TypeError, ValueError, RecursionError):
        write_atomic(copy, json.dumps({"source": text, "document": document}, ensure_ascii=False).encode("utf-8"))
    return document


def _flatten(document: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for section, table in document.items():
        if section == "keys" or not isinstance(table, dict):
            flat[section] = table
            continue
        for name, value in table.items():
            flat[f"{section}.{name}"] = value
    return flat


def apply_values(base: Config, values: dict[str, Any]) -> LoadedConfig:
    """Check each `section.name` (or bare name) value; keep the good ones, explain the rest."""
    problems: list[str] = []
    changes: dict[str, Any] = {}
    for dotted, value in values.items():
        name = dotted.split(".", 1)[-1]
        setting = SETTINGS.get(name)
        if setting is None or (dotted != name and not dotted.startswith(setting.section + ".")):
            problems.append(f"{one_line(dotted)}: not a setting companion knows; ignored")
            continue
        try:
            changes[name] = setting.check(value)
        except SettingError as exc:
            problems.append(f"{exc}; using the default {_toml_value(setting.default)}")
    config = base.replace(**changes)
    clash = working_hours_problem(config)
    if clash:
        default, start, end = Config(), SETTINGS["work_start"], SETTINGS["work_end"]
        problems.append(f"{start.key}, {end.key}: {clash}; using the defaults {start.default} and {end.default}")
        config = config.replace(work_start=default.work_start, work_end=default.work_end)
    return LoadedConfig(config, problems)


def working_hours_problem(config: Config) -> str | None:
    """Break reminders need a working window: a start and an end at the same time make none."""
    if config.work_start == config.work_end:
        return f"working hours start and end at the same time ({config.work_start}); they need to differ"
    return None


def to_toml(config: Config) -> str:
    """The whole configuration as TOML, grouped by section."""
    sections: dict[str, list[str]] = {}
    for name, value in config.values().items():
        if name == "keys":
            sections.setdefault("keys", []).extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in config.keys.items())
        else:
            sections.setdefault(SETTINGS[name].section, []).append(f"{name} = {_toml_value(value)}")
    # Sections apart by one blank line; the text ends with one newline (an empty [keys] too).
    return "\n".join(f"[{name}]\n" + "".join(f"{line}\n" for line in lines) for name, lines in sections.items())


def save_config(path: str | os.PathLike[str], config: Config) -> None:
    """Write atomically so a crash never leaves half a settings file."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    write_atomic(path, to_toml(config).encode("utf-8"))


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string

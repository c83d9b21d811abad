"""Settings: a TOML file with defaults for everything.

A wrong value never stops the app: that one key falls back to its default and the person is told
which key and why. Saving writes the whole file atomically (temp file + os.replace).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable

from companion.fileio import write_atomic
from companion.textsafe import clean_line, one_line
from companion.values import FrozenValue, Value

TYPE_CHECKING = False  # typing costs `companion win` start-up time; only the type checker needs it
if TYPE_CHECKING:
    from typing import Any

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# Only the shape here: which names are keys is checked where overrides are used (companion.keynames.key_name).
_KEY_TEXT = re.compile(r"[^\x00-\x1f\x7f-\x9f]{1,40}")


class Setting(Value):
    """Where a setting lives in the file, its default, and how to check a value for it."""

    __slots__ = ("section", "default", "check")

    def __init__(self, section: str, default: Any, check: Callable[[Any], Any]) -> None:
        self.section = section
        self.default = default
        self.check = check  # returns the clean value or raises ValueError with a reason


def _whole(low: int, high: int, unit: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number of {unit} from {low} to {high}")
        return value

    return check


def _clock(value: Any) -> str:
    if not isinstance(value, str) or not _CLOCK.match(value.strip()):
        raise ValueError('expected a time like "09:00"')
    hours, minutes = value.strip().split(":")
    return f"{int(hours):02d}:{minutes}"


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _days(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
        raise ValueError(f"expected a list of days like {list(WEEKDAY_NAMES[:5])}")
    days: list[str] = []
    for written in value:
        # "Monday", "mon" and "thurs" are read as their day; "funday" is named whole, as it was written.
        found = [name for name, full in zip(WEEKDAY_NAMES, _FULL_DAYS) if full.startswith(written.strip().lower())]
        if len(written.strip()) < 3 or len(found) != 1:
            raise ValueError(f"unknown day {one_line(written.strip())[:40]!r}; use {', '.join(WEEKDAY_NAMES)}")
        days.append(found[0])
    return tuple(d for d in WEEKDAY_NAMES if d in days)


def _choice(*options: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value.strip().lower() not in options:
            raise ValueError(f"expected one of: {', '.join(options)}")
        return value.strip().lower()

    return check


def _your_name(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or len(clean_line(str(value))) > 80:
        raise ValueError("expected your name as you sign e-mails (up to 80 characters), or empty")
    return clean_line(str(value))


def _theme(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 60:
        raise ValueError("expected a theme name")
    return value.strip()


def _keys(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError('expected a table like {quick_win = "ctrl+w"}')
    for action, keys in value.items():
        if not isinstance(keys, str) or not _KEY_TEXT.fullmatch(keys):
            raise ValueError(f"{one_line(str(action))}: expected key names like \"ctrl+w\" or \"w,ctrl+w\"")
    return dict(value)


SETTINGS: dict[str, Setting] = {
    "micro_break_minutes": Setting("breaks", 25, _whole(5, 240, "minutes")),
    "long_break_minutes": Setting("breaks", 90, _whole(15, 480, "minutes")),
    "work_start": Setting("breaks", "09:00", _clock),
    "work_end": Setting("breaks", "18:00", _clock),
    "work_days": Setting("breaks", ("mon", "tue", "wed", "thu", "fri"), _days),
    "quiet_start": Setting("breaks", "21:00", _clock),
    "quiet_end": Setting("breaks", "08:00", _clock),
    "evening_prompt": Setting("breaks", False, _flag),
    "micro_break_length_minutes": Setting("breaks", 2, _whole(1, 30, "minutes")),
    "long_break_length_minutes": Setting("breaks", 10, _whole(2, 60, "minutes")),
    "interview_quiet_before_minutes": Setting("breaks", 30, _whole(0, 240, "minutes")),
    "interview_quiet_after_minutes": Setting("breaks", 15, _whole(0, 240, "minutes")),
    "interview_nudge_minutes": Setting("breaks", 15, _whole(0, 120, "minutes")),
    "daily_skip_limit": Setting("breaks", 0, _whole(0, 20, "skips")),
    "no_response_days": Setting("pipeline", 21, _whole(3, 180, "days")),
    "breadth_target": Setting("pipeline", 5, _whole(1, 50, "applications")),
    "weekly_goal": Setting("pipeline", 0, _whole(0, 100, "applications a week (0 is off)")),
    "pipeline_wins": Setting("pipeline", "ask", _choice("ask", "always", "never")),
    "reduced_motion": Setting("display", False, _flag),
    "theme": Setting("display", "companion-calm", _theme),
    "streaks": Setting("display", True, _flag),
    "backups_keep": Setting("storage", 7, _whole(0, 365, "daily backups")),
    "your_name": Setting("messages", "", _your_name),
    "keys": Setting("keys", {}, _keys),
}


class Config(FrozenValue):
    """Every setting, each with its default from SETTINGS; frozen, so change one with `replace`."""

    micro_break_minutes: int
    long_break_minutes: int
    work_start: str
    work_end: str
    work_days: tuple[str, ...]
    quiet_start: str
    quiet_end: str
    evening_prompt: bool
    micro_break_length_minutes: int
    long_break_length_minutes: int
    interview_quiet_before_minutes: int
    interview_quiet_after_minutes: int
    interview_nudge_minutes: int
    daily_skip_limit: int
    no_response_days: int
    breadth_target: int
    weekly_goal: int  # applications a week; 0: no goal
    pipeline_wins: str  # ask | always | never: companion.event_wins
    reduced_motion: bool
    theme: str
    streaks: bool
    backups_keep: int
    your_name: str  # signs the messages companion writes for you; empty: asked once, when first needed
    keys: dict[str, str]  # binding id -> keys, see companion.tui.keys

    __slots__ = tuple(SETTINGS)

    def __init__(self, **values: Any) -> None:
        unknown = values.keys() - SETTINGS.keys()
        if unknown:
            raise TypeError(f"Config has no setting {min(unknown)!r}")
        # A dict default is copied: two Configs never share one.
        defaults = {name: dict(s.default) if isinstance(s.default, dict) else s.default for name, s in SETTINGS.items()}
        self._set(**{**defaults, **values})


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
    except (UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError, and tomllib's ValueError for dates like 2026-02-30
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
    try:
        write_atomic(copy, json.dumps({"source": text, "document": document}, ensure_ascii=False).encode("utf-8"))
    except (OSError, TypeError, ValueError, RecursionError):  # TypeError: TOML dates are not JSON; a read-only dir
        pass
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
        except ValueError as exc:
            problems.append(f"{setting.section}.{name}: {exc}; using the default {_toml_value(setting.default)}")
    config = base.replace(**changes)
    clash = working_hours_problem(config)
    if clash:
        default = Config()
        problems.append(
            f"breaks.work_start, breaks.work_end: {clash}; using the defaults {default.work_start} and {default.work_end}"
        )
        config = config.replace(work_start=default.work_start, work_end=default.work_end)
    return LoadedConfig(config, problems)


def working_hours_problem(config: Config) -> str | None:
    """Break reminders need a working window: a start and an end at the same time make none."""
    if config.work_start == config.work_end:
        return f"working hours start and end at the same time ({config.work_start}); they need to differ"
    return None


def parse_setting_text(name: str, text: str) -> Any:
    """A value typed in a form or on the command line, read as TOML (so `true`, `25`, `"09:00"`)."""
    import tomllib

    try:
        return tomllib.loads(f"value = {text}")["value"]
    except ValueError:  # TOMLDecodeError is one
        return text  # a bare word such as 09:00 or a theme name


def to_toml(config: Config) -> str:
    """The whole configuration as TOML, grouped by section."""
    sections: dict[str, list[str]] = {}
    for name, value in config.values().items():
        if name == "keys":
            sections.setdefault("keys", []).extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
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

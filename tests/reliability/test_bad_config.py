"""A settings file with wrong types, unknown keys, broken TOML or no way to read it.

The command line and the app both start, use the default for each key that could not be used, and
say which key and why: on stderr for the command line, in a toast in the app.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from companion.config import SETTINGS, Config, apply_values, load_config
from companion.context import Context
from companion.textsafe import one_line
from companion.tui.app import CompanionApp
from companion.tui.modals.win_form import WinForm
from tests.reliability.helpers import run_cli

WRONG_TYPES = """
[breaks]
micro_break_minutes = "25"
long_break_minutes = 90.5
work_days = 5
work_start = 900
evening_prompt = "yes"

[pipeline]
breadth_target = [5]
no_response_days = -3
colour = "red"

[display]
reduced_motion = 1
theme = 42

[storage]
backups_keep = {count = 3}

[mystery]
x = 1

[keys]
quick_win = 5
"""
# Each key that must be named, with a word of the reason it was not used.
WRONG_TYPE_KEYS = {
    "breaks.micro_break_minutes": "whole number",
    "breaks.long_break_minutes": "whole number",
    "breaks.work_days": "list of days",
    "breaks.work_start": "time",
    "breaks.evening_prompt": "true or false",
    "pipeline.breadth_target": "whole number",
    "pipeline.no_response_days": "whole number",
    "pipeline.colour": "not a setting",
    "display.reduced_motion": "true or false",
    "display.theme": "theme",
    "storage.backups_keep": "whole number",
    "mystery.x": "not a setting",
    "keys": "key names",
}
CLI_PREFIX = "companion: settings: "


def _config_path() -> Path:
    return Path(os.environ["COMPANION_CONFIG"])


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(CLI_PREFIX)]


def _assert_named(lines: list[str], expected: dict[str, str]) -> None:
    for key, reason in expected.items():
        assert any(key in line and reason in line for line in lines), (key, reason, lines)


def test_wrong_types_fall_back_to_defaults_and_each_key_is_named(data_dir: Path) -> None:
    _config_path().write_text(WRONG_TYPES)
    loaded = load_config(_config_path())
    assert loaded.config == Config()
    result = run_cli("win", "--", "settings or not, a win", data_dir=data_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.startswith("Saved: settings or not, a win")
    lines = _problem_lines(result.stderr)
    assert len(lines) == len(result.stderr.strip().splitlines()), "every stderr line is a settings line"
    _assert_named(lines, WRONG_TYPE_KEYS)
    shown = run_cli("config", "show", data_dir=data_dir)
    assert shown.returncode == 0 and "micro_break_minutes = 25" in shown.stdout and "work_days = [" in shown.stdout


UNUSABLE_FILES = {
    "broken TOML": (b"[breaks\nmicro_break_minutes = ", "not valid TOML"),
    "a NUL byte": (b"[breaks]\nmicro_break_minutes = 25\x00\n", "not valid TOML"),
    "not UTF-8": (b'[display]\ntheme = "caf\xe9"\n', "not valid TOML"),
    "a duplicated key": (b"[breaks]\nmicro_break_minutes = 20\nmicro_break_minutes = 30\n", "not valid TOML"),
}


@pytest.mark.parametrize("content, reason", list(UNUSABLE_FILES.values()), ids=list(UNUSABLE_FILES))
def test_an_unusable_file_is_named_and_defaults_are_used(content: bytes, reason: str, data_dir: Path) -> None:
    _config_path().write_bytes(content)
    assert load_config(_config_path()).config == Config()
    result = run_cli("wins", data_dir=data_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = _problem_lines(result.stderr)
    assert len(lines) == 1 and str(_config_path()) in lines[0] and reason in lines[0] and "defaults" in lines[0]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"[breaks]\nmicro_break_minutes = " + b"1" * 5000 + b"\n", id="5000-digit number"),
        pytest.param(
            b"[breaks]\nwork_days = " + b"[" * 3000 + b"]" * 3000 + b"\n",
            id="arrays nested 3000 deep",
        ),
    ],
)
def test_a_config_that_breaks_the_toml_reader_is_named(content: bytes, data_dir: Path) -> None:
    _config_path().write_bytes(content)
    result = run_cli("wins", data_dir=data_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-300:]
    lines = _problem_lines(result.stderr)
    assert len(lines) == 1 and str(_config_path()) in lines[0]


HOSTILE_KEY_NAMES = r"""
"\u001b]0;pwned\u0007" = 1
[breaks]
"x\u001b[31m" = 2
[keys]
"\u001b[2Jquick" = "w"
quick_win = 5
"""
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


async def test_hostile_key_names_in_the_settings_file_never_reach_the_terminal(data_dir: Path) -> None:
    _config_path().write_text(HOSTILE_KEY_NAMES)
    for command in (["wins"], ["config", "show"]):
        result = run_cli(*command, data_dir=data_dir)
        assert result.returncode == 0 and len(_problem_lines(result.stderr)) >= 3
        assert _CONTROL.search(result.stderr.replace("\n", "")) is None, result.stderr
    messages, _ = await _app_notifications(HOSTILE_KEY_NAMES)
    assert all(_CONTROL.search(message) is None for message in messages), messages


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_as_a_settings_file_loads(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loaded = load_config(path)
    assert isinstance(loaded.config, Config)


def test_a_config_path_that_cannot_be_read_is_named(data_dir: Path) -> None:
    _config_path().mkdir()  # root reads any file, but nobody reads a directory as a file
    result = run_cli("wins", data_dir=data_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = _problem_lines(result.stderr)
    assert len(lines) == 1 and str(_config_path()) in lines[0] and "could not be read" in lines[0]


APP_ONLY_PROBLEMS = """
[display]
theme = "no-such-theme"

[keys]
quick_win = "+++"
"no.such.action" = "x"
"""


async def _app_notifications(config_text: str) -> tuple[list[str], bool]:
    """Start the app on this settings file: its toasts, and whether w still opens the quick-add."""
    _config_path().write_text(config_text)
    context = Context.from_options(None, None)
    context.welcome_first_run = False
    app = CompanionApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [f"{n.title}: {n.message}" for n in app._notifications]
        assert all(not n.markup for n in app._notifications)
        await pilot.press("w")
        quick_add_works = isinstance(app.screen, WinForm)
    return messages, quick_add_works


async def test_app_starts_with_defaults_and_a_toast_per_wrong_key() -> None:
    messages, quick_add_works = await _app_notifications(WRONG_TYPES)
    _assert_named(messages, WRONG_TYPE_KEYS)
    assert quick_add_works


async def test_app_names_key_and_theme_problems_only_it_can_see() -> None:
    messages, quick_add_works = await _app_notifications(APP_ONLY_PROBLEMS)
    _assert_named(
        messages,
        {"display.theme": "no-such-theme", "keys.quick_win": "not a key name", "keys.no.such.action": "not an action"},
    )
    assert quick_add_works, "a key that cannot be used leaves the default (w) in place"


async def test_app_starts_on_broken_toml_and_says_so() -> None:
    messages, quick_add_works = await _app_notifications("[breaks\n")
    assert any("not valid TOML" in m and str(_config_path()) in m for m in messages), messages
    assert quick_add_works


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_NAMES = st.sampled_from(sorted(SETTINGS)) | st.text(min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(values=st.dictionaries(_NAMES, _VALUES, max_size=6))
def test_any_value_of_any_type_is_either_used_or_named(values: dict[str, object]) -> None:
    """Whatever TOML can hold, for any key: no exception; each value is used as checked, or named."""
    loaded = apply_values(Config(), values)
    hours_reset = any(p.startswith("breaks.work_start, breaks.work_end:") for p in loaded.problems)
    for name, value in values.items():
        if name not in SETTINGS:
            shown = one_line(name)  # named, with any control characters left out
            assert any(p.startswith(f"{shown}: not a setting") for p in loaded.problems), (name, loaded.problems)
            continue
        try:
            clean = SETTINGS[name].check(value)
        except ValueError:
            assert any(p.startswith(f"{SETTINGS[name].section}.{name}: ") for p in loaded.problems), (
                name,
                loaded.problems,
            )
            assert getattr(loaded.config, name) == getattr(Config(), name)
            continue
        if not (hours_reset and name in ("work_start", "work_end")):
            assert getattr(loaded.config, name) == clean

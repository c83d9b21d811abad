"""Changing one setting from typed text: each wrong value names its key; saving is atomic and round-trips."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from companion.config import (
    LISTED,
    SETTINGS,
    Config,
    LoadedConfig,
    load_config,
    parsed_copy_path,
    save_config,
)
from companion.context import Context
from companion.settings import (
    SettingError,
    accepted_values,
    change_key,
    change_setting,
    check_config,
    commit,
    display_value,
    reset_setting,
    split_keymap,
    update_settings_file,
)
from tests.reliability.helpers import read_only_view

KNOWN_IDS = {"quick_win", "pipeline.add", "wins.search"}
KNOWN_THEMES = {"companion-calm", "companion-contrast", "textual-dark"}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("micro_break_minutes", "40", 40),
        ("long_break_minutes", " 120 ", 120),
        ("work_start", "9:30", "09:30"),
        ("quiet_end", "07:00", "07:00"),
        ("work_days", "Mon, wed  fri", ("mon", "wed", "fri")),
        ("work_days", '["sat", "sun"]', ("sat", "sun")),
        ("work_days", "none", ()),
        ("evening_prompt", "on", True),
        ("streaks", "off", False),
        ("reduced_motion", "true", True),
        ("no_response_days", "30", 30),
        ("breadth_target", "8", 8),
        ("backups_keep", "0", 0),
        ("theme", "companion-contrast", "companion-contrast"),
    ],
)
def test_a_good_value_gives_a_new_config(name: str, text: str, expected: object) -> None:
    before = Config()
    after = change_setting(before, name, text)
    assert getattr(after, name) == expected
    assert before == Config()  # the old one is untouched (frozen, replaced)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("micro_break_minutes", "soon", "breaks.micro_break_minutes: expected a whole number of minutes from 5 to 240"),
        ("micro_break_minutes", "2", "breaks.micro_break_minutes: expected a whole number of minutes from 5 to 240"),
        ("long_break_minutes", "", "breaks.long_break_minutes: expected a whole number of minutes from 15 to 480"),
        ("breadth_target", "2.5", "pipeline.breadth_target: expected a whole number of applications from 1 to 50"),
        ("no_response_days", "true", "pipeline.no_response_days: expected a whole number of days"),
        ("backups_keep", "-1", "storage.backups_keep: expected a whole number of daily backups from 0 to 365"),
        ("work_start", "25:00", 'breaks.work_start: expected a time like "09:00"'),
        ("quiet_start", "9pm", 'breaks.quiet_start: expected a time like "09:00"'),
        ("work_days", "mon, funday", "breaks.work_days: unknown day 'funday'"),
        ("evening_prompt", "maybe", "breaks.evening_prompt: expected true or false"),
        ("streaks", "1", "display.streaks: expected true or false"),
        ("theme", '""', "display.theme: expected a theme name"),
        ("work_end", "09:00", "breaks.work_end: working hours start and end at the same time (09:00)"),
    ],
)
def test_each_wrong_value_names_its_key_and_why(name: str, text: str, message: str) -> None:
    with pytest.raises(SettingError) as caught:
        change_setting(Config(), name, text)
    assert message in str(caught.value)


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(SettingError, match="colour_scheme: not a setting companion knows"):
        change_setting(Config(), "colour_scheme", "blue")


def test_every_listed_setting_shows_a_value_that_can_be_typed_back() -> None:
    config = Config().replace(work_days=(), evening_prompt=True, micro_break_minutes=45)
    for setting in LISTED:
        assert change_setting(Config(), setting.name, display_value(config, setting.name)) == Config().replace(
            **{setting.name: getattr(config, setting.name)}
        )
        assert accepted_values(setting.name)
    assert display_value(config, "work_days") == "none"
    assert accepted_values("micro_break_minutes") == "a whole number of minutes from 5 to 240"
    assert accepted_values("streaks") == "on or off"


def test_reset_gives_the_default_unless_it_would_clash() -> None:
    assert reset_setting(Config().replace(breadth_target=9), "breadth_target").breadth_target == 5
    evening_shift = Config().replace(work_start="18:00", work_end="09:00")
    with pytest.raises(SettingError, match="breaks.work_end: working hours start and end at the same time"):
        reset_setting(evening_shift, "work_end")  # default 18:00 == the start


def test_key_overrides_are_checked_and_empty_restores_the_default() -> None:
    config = change_key(Config(), "quick_win", "ctrl+w, f2", KNOWN_IDS)
    assert config.keys == {"quick_win": "ctrl+w,f2"}
    assert change_key(config, "quick_win", "  ", KNOWN_IDS).keys == {}
    for text, why in [
        ("ctrl+", "is not a key name"),
        ("w,,x", "'' is not a key name"),
        ("bogus+w", "is not a key name"),
        ("ctrl+foo", "'ctrl+foo' is not a key name"),
        ("frobnicate", "is not a key name"),
        ("+", "is not a key name"),
        ("ctrl+ab", "is not a key name"),
        ("a," * 21 + "b", "at most 40 characters"),
    ]:
        with pytest.raises(SettingError) as caught:
            change_key(Config(), "pipeline.add", text, KNOWN_IDS)
        assert str(caught.value).startswith("keys.pipeline.add: ") and why in str(caught.value)
    with pytest.raises(SettingError, match="keys.launch_rocket: not an action companion knows"):
        change_key(Config(), "launch_rocket", "x", KNOWN_IDS)


def test_keys_are_stored_by_the_names_textual_matches() -> None:
    """Punctuation as typed becomes Textual's name; named keys and modifiers are case-blind; letters keep case."""
    for typed, stored in [
        ("?", "question_mark"),
        ("Ctrl+/", "ctrl+slash"),
        ("F2, Escape", "f2,escape"),
        ("A", "A"),
        ("shift+PageDown", "shift+pagedown"),
        ("ctrl+minus", "ctrl+minus"),
        ("é", "é"),
    ]:
        assert change_key(Config(), "quick_win", typed, KNOWN_IDS).keys == {"quick_win": stored}


def test_split_keymap_keeps_the_good_and_explains_the_rest() -> None:
    usable, problems = split_keymap({"quick_win": "ctrl+w", "nope.add": "a", "wins.search": "shift+"}, KNOWN_IDS)
    assert usable == {"quick_win": "ctrl+w"}
    assert problems == [
        "keys.nope.add: not an action companion knows; ignored",
        "keys.wins.search: 'shift+' is not a key name; use names like a, ?, f2, ctrl+w, several separated by commas; "
        "ignored",
    ]


def test_check_config_reports_what_only_the_app_knows_and_uses_defaults() -> None:
    loaded = LoadedConfig(Config().replace(theme="neon", keys={"quick_win": "ctrl+w", "x.y": "z"}), ["earlier problem"])
    checked = check_config(loaded, KNOWN_IDS, KNOWN_THEMES)
    assert checked.config.theme == "companion-calm"
    assert checked.config.keys == {"quick_win": "ctrl+w"}
    assert checked.problems[0] == "earlier problem"
    assert "keys.x.y: not an action companion knows" in checked.problems[1]
    assert checked.problems[2].startswith("display.theme: 'neon' is not a theme companion knows")
    assert check_config(LoadedConfig(Config(), []), KNOWN_IDS, KNOWN_THEMES).problems == []


def test_a_file_with_equal_working_hours_loads_with_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[breaks]\nwork_start = "10:00"\nwork_end = "10:00"\nlong_break_minutes = 100\n')
    loaded = load_config(path)
    assert (loaded.config.work_start, loaded.config.work_end, loaded.config.long_break_minutes) == (
        "09:00",
        "18:00",
        100,
    )
    assert loaded.problems == [
        "breaks.work_start, breaks.work_end: working hours start and end at the same time (10:00); "
        "they need to differ; using the defaults 09:00 and 18:00"
    ]


def test_saving_round_trips_every_value(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "config.toml"
    config = Config()
    for name, text in [
        ("micro_break_minutes", "30"),
        ("work_days", "tue thu"),
        ("quiet_start", "22:15"),
        ("evening_prompt", "on"),
        ("theme", "companion-contrast"),
        ("backups_keep", "3"),
    ]:
        config = change_setting(config, name, text)
    config = change_key(config, "pipeline.add", "ctrl+a", KNOWN_IDS)
    save_config(path, config)
    assert load_config(path) == LoadedConfig(config, [])
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [".config.toml.parsed.json", "config.toml"]  # no temp file


def test_update_changes_the_file_as_it_is_now(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[pipeline]\nbreadth_target = 7\n")  # edited by hand while the app ran
    updated = update_settings_file(path, lambda c: change_setting(c, "streaks", "off"))
    assert (updated.breadth_target, updated.streaks) == (7, False)
    assert load_config(path).config == updated


def test_update_never_overwrites_a_file_that_is_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[breaks\nmy notes = are here\n")
    with pytest.raises(SettingError, match="not valid TOML .*companion config edit"):
        update_settings_file(path, lambda c: change_setting(c, "streaks", "off"))
    assert path.read_text() == "[breaks\nmy notes = are here\n"


def test_a_wrong_value_changes_nothing_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(path, Config())
    before = path.read_bytes()
    with pytest.raises(SettingError):
        update_settings_file(path, lambda c: change_setting(c, "breadth_target", "lots"))
    assert path.read_bytes() == before


def test_commit_updates_the_running_context_and_the_file(context: Context) -> None:
    context.problems = ["breaks.micro_break_minutes: expected ...; using the default 25"]
    commit(context, lambda c: change_setting(c, "breadth_target", "6"))
    assert context.config.breadth_target == 6
    assert load_config(context.config_path).config.breadth_target == 6
    assert context.problems == []


def test_commit_in_the_demo_leaves_the_settings_file_alone(context: Context) -> None:
    context.demo = True
    commit(context, lambda c: change_setting(c, "breadth_target", "6"))
    assert context.config.breadth_target == 6
    assert not context.config_path.exists()


def test_settings_are_read_from_their_parsed_copy_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[pipeline]\nbreadth_target = 8\n")
    assert load_config(path).config.breadth_target == 8
    copy = Path(parsed_copy_path(path))
    saved = json.loads(copy.read_text())
    assert saved["source"] == path.read_text() and (copy.stat().st_mode & 0o777) == 0o600
    saved["document"]["pipeline"]["breadth_target"] = 9  # the copy is what is read while the text is unchanged
    copy.write_text(json.dumps(saved))
    assert load_config(path).config.breadth_target == 9
    path.write_text("[pipeline]\nbreadth_target = 7\n")  # any edit: parsed again
    assert load_config(path).config.breadth_target == 7
    copy.write_text("{not json")  # a damaged copy is ignored and made again
    assert load_config(path).config.breadth_target == 7
    assert json.loads(copy.read_text())["document"] == {"pipeline": {"breadth_target": 7}}


def test_settings_with_toml_dates_or_a_read_only_dir_still_load(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[pipeline]\nbreadth_target = 6\nwhen = 2026-11-27\n")  # a date is not JSON: no copy
    loaded = load_config(path)
    assert loaded.config.breadth_target == 6 and loaded.problems
    assert not Path(parsed_copy_path(path)).exists()
    path.write_text("[pipeline]\nbreadth_target = 4\n")
    with read_only_view(tmp_path, tmp_path.parent / f"{tmp_path.name}-ro") as mounted:
        if not mounted:
            pytest.skip("a read-only bind mount is not possible here")
        view = tmp_path.parent / f"{tmp_path.name}-ro" / "config.toml"
        assert load_config(view).config.breadth_target == 4  # no copy could be written: read as TOML
        assert not Path(parsed_copy_path(view)).exists()


def test_a_wrong_value_carries_its_key_the_value_and_the_reason() -> None:
    """The settings screen shows `reason` beside the setting's label: nothing is parsed back out of the message."""
    with pytest.raises(SettingError) as caught:
        change_setting(Config(), "breadth_target", "lots")
    assert (caught.value.key, caught.value.value, caught.value.reason) == (
        "pipeline.breadth_target",
        "lots",
        "expected a whole number of applications from 1 to 50",
    )
    with pytest.raises(SettingError) as clash:
        change_setting(Config(), "work_end", "09:00")
    assert (clash.value.key, clash.value.value) == ("breaks.work_end", "09:00")
    assert clash.value.reason.startswith("working hours start and end at the same time")
    with pytest.raises(SettingError) as key:
        change_key(Config(), "quick_win", "ctrl+", KNOWN_IDS)
    assert (key.value.key, key.value.value) == ("keys.quick_win", "ctrl+")


def test_every_setting_is_declared_once_with_what_the_screen_and_the_file_need() -> None:
    for setting in SETTINGS.values():
        assert setting.key == f"{setting.section}.{setting.name}" and setting.label and setting.help
        written = list(setting.default) if isinstance(setting.default, tuple) else setting.default  # as TOML has it
        assert setting.check(written) == setting.default  # each default passes its own check
    assert [s.name for s in LISTED] == [name for name in SETTINGS if name != "keys"]

"""Pilot tests of the settings screen and the themes: edit good and bad values, keys, the theme switcher."""

from __future__ import annotations

import colorsys

import pytest
from textual.binding import Binding
from textual.color import Color
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import DataTable, Input, Static

from companion.config import Config, load_config, save_config
from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.keys import known_bindings
from companion.tui.modals.win_form import WinForm
from companion.tui.screens.settings import SettingEditor, SettingsScreen
from companion.tui.themes import (
    CALM,
    CONTRAST,
    apply_theme,
    register_themes,
    remember_theme_choice,
)


class SettingsApp(CompanionApp):
    """The app with the wiring app.py gets (themes on mount); harmless once app.py does it too."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.changed: list[str] = []

    def on_mount(self) -> None:
        super().on_mount()
        register_themes(self)
        apply_theme(self, self.context.config.theme)
        remember_theme_choice(self)

    def on_settings_screen_changed(self, message: SettingsScreen.Changed) -> None:
        self.changed.append(message.name)


def text_of(app: CompanionApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def value_shown(app: CompanionApp, row_key: str) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row(row_key)[1])


async def open_settings(app: SettingsApp, pilot: Pilot[str]) -> None:
    """What `s` will do once app.py is wired."""
    await app.push_screen(SettingsScreen())
    await pilot.pause()


async def choose(app: CompanionApp, pilot: Pilot[str], row_key: str) -> None:
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(row_key))
    await pilot.press("enter")
    await pilot.pause()


async def type_value(pilot: Pilot[str], app: CompanionApp, text: str) -> None:
    """Clear the dialog's value key by key, type `text`, press Enter."""
    field = app.screen.query_one("#setting-value", Input)
    await pilot.press(*["backspace"] * len(field.value), *text, "enter")
    await pilot.pause()


async def test_every_setting_is_listed_with_its_value(context: Context) -> None:
    context.config = Config().replace(breadth_target=6, work_days=("mon", "tue"))
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        table = app.screen.query_one(DataTable)
        assert isinstance(app.focused, DataTable)
        for name in (
            "micro_break_minutes",
            "long_break_minutes",
            "work_start",
            "work_end",
            "work_days",
            "quiet_start",
            "quiet_end",
            "evening_prompt",
            "no_response_days",
            "breadth_target",
            "reduced_motion",
            "theme",
            "streaks",
            "backups_keep",
            "key:quick_win",
            "key:pipeline.add",
        ):
            assert table.get_row_index(name) >= 0
        assert value_shown(app, "breadth_target") == "6"
        assert value_shown(app, "work_days") == "mon, tue"
        assert value_shown(app, "theme") == "companion-calm"
        assert str(table.get_row("breadth_target")[2]).startswith("How many active applications")
        assert "breaks.micro_break_minutes" in text_of(app, "#settings-detail")  # the first row is highlighted


async def test_a_good_value_is_saved_and_applied(context: Context) -> None:
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "breadth_target")
        assert isinstance(app.screen, SettingEditor)
        assert app.screen.query_one("#setting-value", Input).value == "5"
        await type_value(pilot, app, "8")
        assert isinstance(app.screen, SettingsScreen)
        assert context.config.breadth_target == 8
        assert load_config(context.config_path).config.breadth_target == 8
        assert value_shown(app, "breadth_target") == "8"
        assert app.changed == ["breadth_target"]


async def test_a_wrong_value_stays_in_the_dialog_with_the_reason(context: Context) -> None:
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "work_start")
        await type_value(pilot, app, "[b]half nine[/]")
        assert isinstance(app.screen, SettingEditor)
        assert text_of(app, "#setting-error") == 'Expected a time like "09:00"'  # the dialog's title names the setting
        assert app.screen.query_one("#setting-value", Input).value == "[b]half nine[/]"
        await type_value(pilot, app, "18:00")  # the same as the end of the working day
        assert "Working hours start and end at the same time" in text_of(app, "#setting-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert context.config == Config()
        assert not context.config_path.exists()
        assert app.changed == []


async def test_switches_flip_with_enter_and_d_restores_the_default(context: Context) -> None:
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "streaks")
        assert context.config.streaks is False
        assert value_shown(app, "streaks") == "off"
        await pilot.press("d")
        await pilot.pause()
        assert context.config.streaks is True
        assert load_config(context.config_path).config.streaks is True


async def test_a_key_override_is_saved_and_works_at_once(context: Context) -> None:
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "key:quick_win")
        await type_value(pilot, app, "ctrl+")
        assert "'ctrl+' is not a key name" in text_of(app, "#setting-error")
        await type_value(pilot, app, "k")
        assert value_shown(app, "key:quick_win") == "k (yours)"
        assert load_config(context.config_path).config.keys == {"quick_win": "k"}
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert not isinstance(app.screen, WinForm)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, WinForm)


async def test_a_key_shared_by_two_actions_is_listed_until_changed_and_punctuation_shows_as_typed(
    context: Context,
) -> None:
    context.config = Config().replace(keys={"quick_win": "q", "wins.search": "ctrl+foo"})
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        problems = text_of(app, "#settings-problems")
        assert problems.count("'ctrl+foo' is not a key name") == 1  # said once, though the app also knew it
        assert "Keys shared by two actions:" in problems and "Your keys give q to " in problems
        await choose(app, pilot, "key:quick_win")
        await type_value(pilot, app, "!")
        assert value_shown(app, "key:quick_win") == "! (yours)"
        assert load_config(context.config_path).config.keys == {"quick_win": "exclamation_mark"}
        assert "Keys shared" not in text_of(app, "#settings-problems")


async def test_problems_from_the_file_are_shown_literally(context: Context) -> None:
    context.config = Config().replace(theme="[bold]neon[/]", keys={"launch.rocket": "x"})
    context.problems = [
        "breaks.micro_break_minutes: expected a whole number of minutes from 5 to 240; using the default 25"
    ]
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        problems = text_of(app, "#settings-problems")
        assert "breaks.micro_break_minutes: expected a whole number" in problems
        assert "keys.launch.rocket: not an action companion knows" in problems
        assert "display.theme: '[bold]neon[/]' is not a theme companion knows" in problems
        assert app.theme == "companion-calm"
        assert not context.config_path.exists()  # falling back never rewrites the person's file


async def test_an_unknown_theme_falls_back_to_calm_and_says_so(context: Context) -> None:
    context.config = Config().replace(theme="neon")
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "companion-calm"
        assert any("display.theme: 'neon'" in n.message and not n.markup for n in app._notifications)


async def test_the_theme_chosen_in_textuals_switcher_persists(context: Context) -> None:
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "theme")  # opens Textual's own theme list
        await pilot.press(*"companion-contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "companion-contrast"
        assert context.config.theme == "companion-contrast"
        assert load_config(context.config_path).config.theme == "companion-contrast"
        assert value_shown(app, "theme") == "companion-contrast"
    again = SettingsApp(context.replace(config=load_config(context.config_path).config, _store=None))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "companion-contrast"


async def test_the_demo_changes_settings_for_the_session_only(context: Context) -> None:
    context.demo = True
    app = SettingsApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        assert "Demo" in text_of(app, "#settings-file")
        await choose(app, pilot, "no_response_days")
        await type_value(pilot, app, "30")
        app.theme = "companion-contrast"
        await pilot.pause()
        assert (context.config.no_response_days, context.config.theme) == (30, "companion-contrast")
        assert not context.config_path.exists()


async def test_a_settings_file_that_is_not_toml_is_never_overwritten(context: Context) -> None:
    context.config_path.write_text("[display\ntheme = calm\n")
    app = SettingsApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        await choose(app, pilot, "reduced_motion")
        assert context.config.reduced_motion is False
        assert any("not valid TOML" in n.message for n in app._notifications)
    assert context.config_path.read_text() == "[display\ntheme = calm\n"


async def test_small_terminal_shows_the_description_below_the_list(context: Context) -> None:
    save_config(context.config_path, Config())
    app = SettingsApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        table = app.screen.query_one(DataTable)
        assert len(table.columns) == 2
        table.move_cursor(row=table.get_row_index("no_response_days"))
        await pilot.pause()
        detail = text_of(app, "#settings-detail")
        assert "Days of silence before an application" in detail and "pipeline.no_response_days" in detail


def test_known_bindings_come_from_the_app_screens_and_dialogs() -> None:
    found = known_bindings(CompanionApp)
    assert {"quick_win", "help", "wins.add", "settings.edit", "settings.editor.cancel"} <= set(found)
    assert all(isinstance(binding, Binding) and binding.id == binding_id for binding_id, binding in found.items())


# -- themes ----------------------------------------------------------------------------------


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(one: Color, other: Color) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _resolve(value: str, over: Color) -> Color:
    """A theme variable as drawn over `over`: handles `auto 87%` and `#hex 35%` forms."""
    colour, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    drawn = over.get_contrast_text(alpha) if colour == "auto" else Color.parse(colour).multiply_alpha(alpha)
    return over + drawn


TEXT_VARIABLES = [
    "foreground",
    "text",
    "text-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "accent",
    "error",
    "warning",
    "success",
    "footer-key-foreground",
    "footer-description-foreground",
]


@pytest.mark.parametrize(("theme", "minimum"), [(CONTRAST, 7.0), (CALM, 4.5)])
def test_every_text_colour_is_readable_on_every_background(theme: Theme, minimum: float) -> None:
    """companion-contrast reaches WCAG AAA (7:1); even the soft calm theme keeps AA (4.5:1)."""
    variables = theme.to_color_system().generate()
    base = Color.parse(variables["background"])
    for background in ("background", "surface", "panel", "footer-background"):
        under = _resolve(variables[background], base)
        for name in TEXT_VARIABLES:
            ratio = _contrast(_resolve(variables[name], under), under)
            assert ratio >= minimum, f"{name} on {background}: {ratio:.2f}"
    cursor = _resolve(variables["block-cursor-background"], base)
    assert _contrast(_resolve(variables["block-cursor-foreground"], cursor), cursor) >= minimum


def _most_saturated_red(theme: Theme) -> float:
    """The highest HSV saturation among the theme's red-hued colours (hue within 30 degrees of red)."""
    highest = 0.0
    for value in theme.to_color_system().generate().values():
        if value.startswith("#"):
            color = Color.parse(value.split()[0])
            hue, saturation, _ = colorsys.rgb_to_hsv(color.r / 255, color.g / 255, color.b / 255)
            if hue * 360 < 30 or hue * 360 > 330:
                highest = max(highest, saturation)
    return highest


def test_calm_has_no_saturated_red() -> None:
    assert _most_saturated_red(CALM) <= 0.4
    assert _most_saturated_red(BUILTIN_THEMES["textual-dark"]) > 0.4  # the measure does tell them apart


async def test_themes_register_and_apply(context: Context) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=(80, 24)):
        register_themes(app)
        assert apply_theme(app, "companion-contrast") == "companion-contrast"
        assert app.theme == "companion-contrast"
        assert apply_theme(app, "no-such-theme") == "companion-calm"
        assert app.theme == "companion-calm"

"""companion's two themes, and keeping the person's choice of theme across runs.

companion-calm is the default: soft contrast, muted colours, no saturated red anywhere, so a
rejection logged on a hard day does not shout. companion-contrast is for low vision or bright
rooms: every text colour reaches WCAG AA (4.5:1) or better on every background it is drawn on.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.theme import Theme

from companion.config import COMPANION_THEMES, DEFAULT_THEME, SETTINGS

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

CALM_NAME, CONTRAST_NAME = COMPANION_THEMES  # the names are core: the command line checks them without Textual

CALM = Theme(
    name=CALM_NAME,
    primary="#7fa493",  # sage
    secondary="#8797ab",  # dusty blue
    accent="#c7b58f",  # sand
    warning="#cdb07a",  # soft ochre
    error="#c99a8e",  # clay rose: a gentle signal, never an alarm
    success="#93b48f",
    foreground="#d7dad3",
    background="#1f2326",
    surface="#262b2f",
    panel="#2d3337",
    dark=True,
    luminosity_spread=0.1,
    variables={
        "text-muted": "#a9aea8",
        "block-cursor-text-style": "none",
        "footer-key-foreground": "#c7b58f",
        "input-selection-background": "#7fa493 35%",
    },
)

CONTRAST = Theme(
    name=CONTRAST_NAME,
    primary="#ffd75f",  # bright yellow: black text on it reads 14:1
    secondary="#87d7ff",
    accent="#87d7ff",
    warning="#ffd75f",
    error="#ff9f9f",
    success="#87ff87",
    foreground="#ffffff",
    background="#000000",
    surface="#0f0f0f",
    panel="#1c1c1c",
    dark=True,
    variables={
        "text": "#ffffff",
        "text-muted": "#d7d7d7",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-foreground": "#ffffff",
        "block-cursor-blurred-background": "#4e4e4e",
        "footer-key-foreground": "#ffd75f",
        "input-selection-background": "#4e4e4e",
        "border-blurred": "#8a8a8a",
    },
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (CALM, CONTRAST)}


def register_themes(app: App[Any]) -> None:
    for theme in THEMES.values():
        app.register_theme(theme)


def start_with_theme(app: App[Any], name: str) -> str:
    """Set the theme before the first style pass (call before the stylesheet is made); returns the theme shown.

    Setting `app.theme` the usual way makes Textual parse every style twice more at start-up
    (~8 ms): its watcher asks for a full CSS refresh, and the first screen then sees the CSS as
    changed. Before anything is styled there is nothing to refresh, so a dark theme without ANSI
    colours (the App's starting state) is set quietly, with the classes its watcher would add.
    Other themes take the usual way.
    """
    name = _known_theme(app, name)
    theme, starting = app.get_theme(name), app.current_theme  # $TEXTUAL_THEME may start it elsewhere
    if theme is None or not (theme.dark and starting.dark) or theme.ansi or starting.ansi:
        app.theme = name
        return name
    app.set_reactive(App.theme, name)
    app.update_classes({f"-theme-{name}": True, "-dark-mode": True, "-light-mode": False}, update=False)
    return name


def apply_theme(app: App[Any], name: str) -> str:
    """Show `name`, or the calm default with a word about why; returns the theme now shown."""
    name = _known_theme(app, name)
    app.theme = name
    return name


def _known_theme(app: App[Any], name: str) -> str:
    if name not in app.available_themes:
        app.notify(
            f"{SETTINGS['theme'].key}: {name!r} is not a theme companion knows, so {DEFAULT_THEME} is used. "
            "ctrl+p, then Theme, lists the others.",
            title="A setting was not used",
            severity="warning",
            timeout=10,
            markup=False,
        )
        name = DEFAULT_THEME
    return name


def remember_theme_choice(app: CompanionApp) -> None:
    """Whoever changes the theme (Textual's theme switcher, the settings screen), it is saved."""
    app.watch(app, "theme", partial(_save_theme, app), init=False)


def _save_theme(app: CompanionApp, name: str) -> None:
    from companion.settings import SettingError, commit  # not needed for the first frame

    context = app.context
    if name == context.config.theme:
        return
    try:
        commit(context, lambda config: config.replace(theme=name))
    except SettingError as exc:
        app.notify(f"The theme is used for now but could not be saved: {exc}", severity="warning", markup=False)

"""The Reframe screen (its own issue fills it in)."""

from __future__ import annotations

from companion.tui.screens.placeholder import PlaceholderScreen


class ReframeScreen(PlaceholderScreen):
    TITLE = "Reframe"
    MESSAGE = "Reframing cards and thought records will live here: from a harsh thought after a rejection to a kinder, truer one."

"""The Breathe screen (its own issue fills it in)."""

from __future__ import annotations

from companion.tui.screens.placeholder import PlaceholderScreen


class BreatheScreen(PlaceholderScreen):
    TITLE = "Breathe"
    MESSAGE = "Paced breathing (box, 4-7-8, coherent, the physiological sigh) will live here, with a calm animation you can turn off."

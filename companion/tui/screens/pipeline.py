"""The Pipeline screen (its own issue fills it in)."""

from __future__ import annotations

from companion.tui.screens.placeholder import PlaceholderScreen


class PipelineScreen(PlaceholderScreen):
    TITLE = "Pipeline"
    MESSAGE = "Your applications and their stages will live here: add them, move them along, follow up, and debrief a no."

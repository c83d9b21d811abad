"""A screen that shows stored data and refreshes itself when the data changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from companion.store import StoreError

if TYPE_CHECKING:
    from companion.context import Context
    from companion.tui.app import CompanionApp


class DataScreen(Screen[None]):
    """Reloads on `reload()` and, when shown again, only if the data changed meanwhile."""

    _seen_version = -1

    @property
    def companion(self) -> CompanionApp:
        return cast("CompanionApp", self.app)

    @property
    def context(self) -> Context:
        return self.companion.context

    def on_mount(self) -> None:
        if self._seen_version != self.companion.data_version:  # a screen may fill itself in compose
            self.reload()

    def on_screen_resume(self) -> None:
        if self._seen_version != self.companion.data_version:
            self.reload()

    def reload(self) -> None:
        self._seen_version = self.companion.data_version
        try:
            self.refresh_data()
        except StoreError:
            # The app explains an unreadable file in its own dialog; show what we can meanwhile.
            self._seen_version = -1

    def refresh_data(self) -> None:
        """Read what this screen shows from the core and update its widgets."""

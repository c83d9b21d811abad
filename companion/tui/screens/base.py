"""A screen that shows stored data and refreshes itself when the data changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

from companion.store import StoreError

T = TypeVar("T")

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
        self._reload_if_stale()  # a screen may have filled itself in compose (read_fresh)

    def on_screen_resume(self) -> None:
        self._reload_if_stale()

    def _reload_if_stale(self) -> None:
        if self._seen_version != self.companion.data_version:
            self.reload()

    def reload(self) -> None:
        self.read_fresh(self.refresh_data)

    def read_fresh(self, read: Callable[[], T]) -> T | None:
        """`read()`, noting the data version it saw; None when the file cannot be read.

        The app explains an unreadable file in its own dialog; the screen shows what it can
        meanwhile and reads again when shown next.
        """
        version = self.companion.data_version
        try:
            result = read()
        except StoreError:
            self._seen_version = -1
            return None
        self._seen_version = version
        return result

    def refresh_data(self) -> None:
        """Read what this screen shows from the core and update its widgets."""

"""The keys of the current screen on one line at the bottom: what Textual's Footer shows, drawn as text.

Footer composes one widget per key only after the first frame, and the screen is then laid out
and drawn a second time: about 20 ms of the app's start on Today. KeyBar draws the same hints as
one line in the first frame and redraws itself (nothing else) when the bindings change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_HINT = "palette"
MORE = " … "  # where keys were left out for want of room; `?` lists them all
HELP_ACTION = "help"
KEY_STYLE = "bold $footer-key-foreground"
DESCRIPTION_STYLE = "$footer-description-foreground"
DISABLED_STYLE = "$text-disabled"


class _Key(NamedTuple):
    """One key as the bar shows it: its text, worked out once per render, and the cells it takes."""

    binding: Binding
    enabled: bool
    key: str
    description: str
    cells: int


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, Binding, bool]] = []  # cells each key occupies, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def shown_keys(self) -> list[_Key]:
        """The keys to show, one per action, in the order Footer would show them."""
        shown: dict[str, _Key] = {}
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown and binding.key != palette:
                key, description = f" {self.app.get_key_display(binding)} ", f"{binding.description} "
                shown[binding.action] = _Key(binding, enabled, key, description, cell_len(key + description))
        return list(shown.values())

    def fitting_keys(self, width: int) -> tuple[list[_Key], list[_Key] | None]:
        """The keys that fit in `width` cells, then, when some were left out, the ones shown after `…`.

        When some must go, the key that lists them all (`?`) stays, last, so a small terminal
        still shows the way to every key.
        """
        shown = self.shown_keys()
        if sum(key.cells for key in shown) <= width:
            return shown, None
        helper = [key for key in shown if key.binding.action == HELP_ACTION][:1]
        room = width - cell_len(MORE) - sum(key.cells for key in helper)
        kept: list[_Key] = []
        for key in shown:
            if key in helper:
                continue
            if key.cells > room:
                break
            kept.append(key)
            room -= key.cells
        return kept, helper

    def render(self) -> Content:
        parts: list[tuple[str, str]] = []
        self._spans = []
        position = 0
        before, after = self.fitting_keys(self.size.width)
        for key in before if after is None else [*before, None, *after]:
            if key is None:  # where keys were left out
                parts.append((MORE, DISABLED_STYLE))
                position += cell_len(MORE)
                continue
            parts += [
                (key.key, KEY_STYLE if key.enabled else DISABLED_STYLE),
                (key.description, DESCRIPTION_STYLE if key.enabled else DISABLED_STYLE),
            ]
            self._spans.append((position, position + key.cells, key.binding, key.enabled))
            position += key.cells
        left = Content.assemble(*parts)
        if not self.app.ENABLE_COMMAND_PALETTE:
            return left
        palette = Content.assemble(
            (f" {self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, ''))} ", KEY_STYLE),
            (f"{PALETTE_HINT} ", DESCRIPTION_STYLE),
        )
        gap = self.size.width - left.cell_length - palette.cell_length
        return left + " " * gap + palette if gap > 0 else left

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it, as on Textual's Footer."""
        for start, end, binding, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(binding.key.split(",")[0])
                else:
                    self.app.bell()  # as Footer does: the key would reach something else
                return

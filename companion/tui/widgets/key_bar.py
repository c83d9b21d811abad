"""The keys of the current screen on one line at the bottom: what Textual's Footer shows, drawn as text.

Footer composes one widget per key only after the first frame, and the screen is then laid out
and drawn a second time: about 20 ms of the app's start on Today. KeyBar draws the same hints as
one line in the first frame and redraws itself (nothing else) when the bindings change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

    def shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The bindings to show, one per action, in the order Footer would show them."""
        shown: dict[str, tuple[Binding, bool]] = {}
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown and binding.key != palette:
                shown[binding.action] = (binding, enabled)
        return list(shown.values())

    def fitting_bindings(self, width: int) -> tuple[list[tuple[Binding, bool]], bool]:
        """The bindings that fit in `width` cells, and whether some were left out.

        When some must go, the key that lists them all (`?`) stays, last, so a small terminal
        still shows the way to every key.
        """
        shown = self.shown_bindings()
        widths = [self._cells(binding) for binding, _enabled in shown]
        if sum(widths) <= width:
            return shown, False
        helper = next((item for item in shown if item[0].action == HELP_ACTION), None)
        room = width - cell_len(MORE) - (self._cells(helper[0]) if helper else 0)
        kept: list[tuple[Binding, bool]] = []
        for item, cells in zip(shown, widths):
            if item is helper:
                continue
            if cells > room:
                break
            kept.append(item)
            room -= cells
        return kept + ([helper] if helper else []), True

    def _cells(self, binding: Binding) -> int:
        return cell_len(f" {self.app.get_key_display(binding)} {binding.description} ")

    def render(self) -> Content:
        parts: list[tuple[str, str]] = []
        self._spans = []
        position = 0
        shown, left_out = self.fitting_bindings(self.size.width)
        for binding, enabled in shown:
            if left_out and binding.action == HELP_ACTION:
                parts.append((MORE, DISABLED_STYLE))
                position += cell_len(MORE)
            key, description = f" {self.app.get_key_display(binding)} ", f"{binding.description} "
            parts += [
                (key, KEY_STYLE if enabled else DISABLED_STYLE),
                (description, DESCRIPTION_STYLE if enabled else DISABLED_STYLE),
            ]
            self._spans.append((position, position + cell_len(key + description), binding, enabled))
            position = self._spans[-1][1]
        if left_out and not any(binding.action == HELP_ACTION for binding, _enabled in shown):
            parts.append((MORE, DISABLED_STYLE))
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

"""A table that draws only the rows on screen: its cost stays the same at 100 rows or 100,000.

Textual's DataTable measures every cell of every row it holds (10,000 wins: about a second before
the first frame, and again after each change). Here the screen says how many rows there are and how
to make the cells of one; only the rows in the window are ever asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Callable[[int], Sequence[str]]


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with "…"."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, max(0, width - 1)) + "…" if width else ""


class VirtualTable(ScrollView, can_focus=True):
    """Rows of plain text (never markup) under a header that stays in place, with a row cursor."""

    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--even-row", "virtual-table--cursor"}
    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .virtual-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .virtual-table--header { background: ansi_bright_blue; color: ansi_default; }
        &:dark > .virtual-table--even-row { background: $surface-darken-1 40%; }
        & > .virtual-table--even-row { background: $surface-lighten-1 50%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home,ctrl+home", "first", "First row", show=False, id="table.first"),
        Binding("end,ctrl+end", "last", "Last row", show=False, id="table.last"),
    ]

    class RowClicked(Message):
        """The row under the cursor was clicked again: the screen opens it."""

    cell_padding = 1

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self._cells: Cells = lambda row: ()
        self._labels: tuple[str, ...] = ()
        self._widths: tuple[int, ...] = ()
        self.cursor_row = 0

    # -- what the screen gives ---------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_columns(self, labels: Sequence[str], widths: Sequence[int]) -> None:
        self._labels, self._widths = tuple(labels), tuple(widths)
        self._resize_virtual()
        self.refresh()

    def set_rows(self, count: int, cells: Cells, cursor_row: int = 0) -> None:
        """Show `count` rows, the cells of row n being `cells(n)`: nothing is made until it is drawn."""
        self._count, self._cells = count, cells
        self._resize_virtual()
        self.move_cursor(cursor_row)
        self.refresh()

    def get_row_at(self, row: int) -> Sequence[str]:
        return self._cells(row)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, self._count - 1))
        self._cursor_in_sight()
        # Once more after the next layout: a scroll past the old virtual size was held to it.
        self.call_after_refresh(self._cursor_in_sight)
        self.refresh()

    def _cursor_in_sight(self) -> None:
        visible = self._visible_rows()
        if self.cursor_row < self.scroll_y:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= self.scroll_y + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the header takes a line

    def _resize_virtual(self) -> None:
        width = sum(self._widths) + 2 * self.cell_padding * len(self._widths)
        self.virtual_size = Size(width, self._count + 1)

    # -- keys and mouse ----------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * self._visible_rows())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self._count - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = int(self.scroll_y) + offset.y - 1
        if row >= self._count:
            return
        if row == self.cursor_row:
            self.post_message(self.RowClicked())
        self.move_cursor(row)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._line(self._labels, base + self.get_component_rich_style("virtual-table--header"), width)
        row = int(self.scroll_y) + y - 1
        if row >= self._count:
            return Strip([Segment(" " * width, base)], width)
        style = base
        if row % 2:
            style += self.get_component_rich_style("virtual-table--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("virtual-table--cursor")
        return self._line(self._cells(row), style, width)

    def _line(self, cells: Sequence[str], style: Style, width: int) -> Strip:
        pad = " " * self.cell_padding
        text = "".join(pad + fit(cell, cell_width) + pad for cell, cell_width in zip(cells, self._widths, strict=False))
        return Strip([Segment(fit(text, width), style)], width)

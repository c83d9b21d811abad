"""One column of the pipeline board: a stage's title and its applications as cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

from companion import pipeline

CLOSED = "closed"
COLUMNS = (*pipeline.ACTIVE_STAGES, CLOSED)
NAMES = {key: "Closed" if key == CLOSED else pipeline.stage_label(key).capitalize() for key in COLUMNS}
# Narrow terminals (80 columns) leave about eight cells per column title.
SHORT_NAMES = {**NAMES, "wishlist": "Wish", "screening": "Screen", "interviewing": "Interv."}
# 60 columns leave about six.
TINY_NAMES = {
    **SHORT_NAMES,
    "applied": "Sent",
    "screening": "Scr.",
    "interviewing": "Int.",
    "offer": "Offr",
    CLOSED: "Done",
}


def column_of(application: pipeline.Application) -> str:
    return CLOSED if application.closed else application.stage


def card(application: pipeline.Application, today: date, extra: str = "") -> Content:
    """Company, role and what needs attention; user text stays plain text (never markup)."""
    parts: list[str | tuple[str, str]] = [(application.company, "bold"), "\n", (application.role, "dim")]
    if application.closed:
        parts += ["\n", (pipeline.stage_label(application.stage), "italic")]
    follow_up = pipeline.describe_follow_up(application, today)
    if follow_up:
        due = application.follow_up is not None and application.follow_up <= today
        parts += ["\n", (("⏰ " if due else "") + follow_up, "bold $warning" if due else "dim")]
    if extra:  # the next interview
        parts += ["\n", (extra, "bold $accent")]
    return Content.assemble(*parts)


class StageColumn(Widget, can_focus=True):
    """The cards of one column, its name and count in the border; the screen decides what goes where.

    Only whole cards are drawn, and only those in sight: each line of a card is cut with "…" rather
    than wrapped, so a card's height never depends on the width, and 1,000 cards cost what 10 do.
    Where more cards are above or below, the bottom border says how many (↑ 3 ↓ 12).
    """

    COMPONENT_CLASSES = {"stage-column--card", "stage-column--highlighted", "stage-column--divider"}
    DEFAULT_CSS = """
    StageColumn {
        background: $surface;
        color: $foreground;
        & > .stage-column--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .stage-column--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .stage-column--divider { color: $foreground 15%; }
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Card up", show=False, id="column.up"),
        Binding("down", "move(1)", "Card down", show=False, id="column.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="column.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="column.page_down"),
        Binding("home", "first", "First card", show=False, id="column.first"),
        Binding("end", "last", "Last card", show=False, id="column.last"),
        Binding("enter", "select", "Open", show=False, id="column.open"),
    ]

    class Highlighted(Message):
        """The highlight moved to another card (`column.selected_id()` says which)."""

        def __init__(self, column: StageColumn) -> None:
            super().__init__()
            self.column = column

    class Selected(Message):
        """Enter (or a click on the highlighted card): the screen opens it."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"column-{key}", classes="pipeline-column")
        self.key = key
        self._applications: Sequence[pipeline.Application] = ()
        self._today = date.min
        self._extra: Mapping[str, str] = {}
        self._shown: tuple[object, ...] = ()  # what the cards were made from, to skip a refill that changes nothing
        self._lines: dict[int, list[Content]] = {}  # each card's lines, made when first drawn
        self._strips: dict[tuple[int, int, bool, bool], Strip] = {}  # each line drawn, as highlighted and focused
        # The styles lines are drawn in, by component classes and focus: asking Textual on every line
        # cost a third of a first open at 1,000 applications (each call walks the ancestors).
        self._styles: dict[tuple[tuple[str, ...], bool], VisualStyle] = {}
        self._top = 0  # the first card in sight
        self.highlighted: int | None = None

    # -- what the screen gives ---------------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self._applications)

    def show(
        self,
        applications: Sequence[pipeline.Application],
        today: date,
        keep: str | None,
        *,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the cards, keeping the highlight on `keep` (an application id) when it is here."""
        extra = extra or {}
        ids = [app.id for app in applications]
        shown = (today, tuple(ids), tuple(app.updated_at for app in applications), tuple(map(extra.get, ids)))
        if shown != self._shown:  # a move elsewhere on the board leaves this column as it is
            self._shown, self._applications, self._today, self._extra = shown, applications, today, extra
            self._lines, self._strips = {}, {}
            self.refresh()
        if keep in ids:
            self._highlight(ids.index(keep), announce=False)
        elif ids:
            self._highlight(min(self.highlighted or 0, len(ids) - 1), announce=False)
        else:
            self.highlighted, self._top = None, 0
            self._set_titles()

    def selected_id(self) -> str | None:
        return None if self.highlighted is None else self._applications[self.highlighted].id

    def card_text(self, index: int) -> str:
        """The whole text of a card, before any line is cut to the column's width."""
        return "\n".join(line.plain for line in self._card_lines(index))

    # -- moving --------------------------------------------------------------------------------

    def _highlight(self, index: int, *, announce: bool = True) -> None:
        index = max(0, min(index, len(self._applications) - 1))
        changed = index != self.highlighted
        self.highlighted = index
        self._keep_in_sight(index)
        self.refresh()
        if changed and announce:
            self.post_message(self.Highlighted(self))

    def _keep_in_sight(self, index: int) -> None:
        """Move the window the least that shows the whole card at `index`."""
        room = self.content_region.height
        if index < self._top or not room:
            self._top = index
        elif self._bottom(self._top, room) <= index:
            top, used = index, self._height(index)
            while top > 0 and used + self._height(top - 1) <= room:
                top -= 1
                used += self._height(top)
            self._top = top
        self._set_titles()

    def _bottom(self, top: int, room: int) -> int:
        """The index after the last card that fits whole from `top` (at least one: a tiny window shows it cut)."""
        index, used = top, 0
        while index < len(self._applications) and (used + self._height(index) <= room or index == top):
            used += self._height(index)
            index += 1
        return index

    def action_move(self, step: int) -> None:
        if self._applications:
            self._highlight((self.highlighted or 0) + step)

    def action_page(self, step: int) -> None:
        if self._applications:
            shown = self._bottom(self._top, self.content_region.height) - self._top
            self._highlight((self.highlighted or 0) + step * max(1, shown))

    def action_first(self) -> None:
        self.action_move(-len(self._applications))

    def action_last(self) -> None:
        self.action_move(len(self._applications))

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = None if offset is None else self._card_at(offset.y)
        if index is None:
            return
        if index == self.highlighted:
            self.post_message(self.Selected())
        self._highlight(index)

    def on_mouse_scroll_down(self) -> None:
        if self._bottom(self._top, self.content_region.height) < len(self._applications):
            self._top += 1
            self._set_titles()
            self.refresh()

    def on_mouse_scroll_up(self) -> None:
        if self._top:
            self._top -= 1
            self._set_titles()
            self.refresh()

    def on_resize(self) -> None:
        self._lines, self._strips = {}, {}  # cut again to the new width
        if self.highlighted is not None:
            self._keep_in_sight(self.highlighted)
        self._set_titles()

    # -- drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips, self._styles = {}, {}  # another theme, or focus: drawn again in the new colours

    def _card_lines(self, index: int) -> list[Content]:
        if index not in self._lines:
            app = self._applications[index]
            self._lines[index] = card(app, self._today, self._extra.get(app.id, "")).split("\n", allow_blank=True)
        return self._lines[index]

    def _height(self, index: int) -> int:
        return len(self._card_lines(index)) + 1  # and the divider under it

    def _card_at(self, y: int) -> int | None:
        """The card drawn on line `y` of the window, if any."""
        index, used, end = self._top, 0, self._bottom(self._top, self.content_region.height)
        while index < end:
            used += self._height(index)
            if y < used:
                return index
            index += 1
        return None

    def _set_titles(self) -> None:
        """The stage and its count on top, what is out of sight below; shortened, never cut, to fit."""
        count = len(self._applications)
        room = self.size.width - 4  # the border: a corner, a line and a space either side
        full, short, tiny = NAMES[self.key], SHORT_NAMES[self.key], TINY_NAMES[self.key]
        titles = [f"{full} {count}", f"{short} {count}", f"{tiny} {count}"]
        title = next((t for t in titles if len(t) <= room), "")
        below = count - self._bottom(self._top, self.content_region.height) if count else 0
        above = self._top
        if above and below > 0:
            arrows: tuple[str, ...] = (f"↑{above} ↓{below}", "↑ ↓", "↕")
        elif below > 0:
            arrows = (f"↓{below}", "↓")
        else:
            arrows = (f"↑{above}", "↑") if above else ("",)
        counted = "" if title else str(count)
        if not title:  # no room for both: the name on top, the count below
            title = next((name for name in (full, short) if len(name) <= room), tiny)
        # The count first, then where the other cards are, in the longest words that fit.
        subtitle = next((f"{counted} {a}".strip() for a in arrows if len(f"{counted} {a}".strip()) <= room), counted)
        self.border_title = title
        self.border_subtitle = subtitle

    def _style(self, *component_classes: str) -> VisualStyle:
        key = (component_classes, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.get_visual_style(*component_classes)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        index, first_line, end = self._top, 0, self._bottom(self._top, self.content_region.height)
        while index < end:
            lines = self._card_lines(index)
            if y < first_line + len(lines):
                key = (index, y - first_line, index == self.highlighted, self.has_focus)
                if key not in self._strips:
                    classes = ("stage-column--card", "stage-column--highlighted") if key[2] else ("stage-column--card",)
                    line = lines[y - first_line].truncate(width, ellipsis=True, pad=True)
                    self._strips[key] = Visual.to_strips(self, line, width, 1, self._style(*classes))[0]
                return self._strips[key]
            if y == first_line + len(lines):
                return Strip([Segment("─" * width, self._style("stage-column--divider").rich_style)], width)
            first_line += len(lines) + 1
            index += 1
        return Strip.blank(width, self._style("stage-column--card").rich_style)

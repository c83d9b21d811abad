"""The calm shape of the Breathe screen: a soft disc that fills on the in-breath and empties on the out.

It is drawn with half blocks (each cell holds two square "pixels") and soft edges, so the small
steps between sizes look smooth rather than jumpy. It repaints only when its size step changes,
and since every breath repeats the same steps, drawn frames are cached and reused.
"""

from __future__ import annotations

import math
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

STEPS = 48
"""Distinct sizes between empty and full lungs: fine enough to look smooth, few enough to cache."""
REST_FRACTION = 0.25
"""Size of the disc with empty lungs, as a part of the full size: it never vanishes."""
_HALF_BLOCK = "\u2580"  # upper half block: foreground paints the top pixel, background the bottom


def step_for(scale: float) -> int:
    """The drawn size step for the engine's 0..1 scale."""
    return round(min(1.0, max(0.0, scale)) * STEPS)


def coverage(radius: float, dx: float, dy: float) -> float:
    """How much of a pixel the disc covers, with a one-pixel soft edge."""
    return min(1.0, max(0.0, radius - math.hypot(dx, dy) + 0.5))


def _disc_row(radius: float, width: int, top_dy: float, shape: Color, background: Color) -> Strip:
    """One line of cells: blank outside the disc, solid inside, blended only along the soft edge."""
    bottom_dy = top_dy + 1
    near, far = min(abs(top_dy), abs(bottom_dy)), max(abs(top_dy), abs(bottom_dy))
    centre = width / 2 - 0.5  # the column whose middle is the middle of the widget
    reach = math.sqrt(max(0.0, (radius + 0.5) ** 2 - near**2))  # beyond it, nothing is covered
    first, last = max(0, math.floor(centre - reach) + 1), min(width - 1, math.ceil(centre + reach) - 1)
    blank = Style(bgcolor=background.rich_color)
    if first > last:
        return Strip([Segment(" " * width, blank)], width)
    if radius - 0.5 > far:  # the columns within `core` are covered top and bottom
        core = math.sqrt((radius - 0.5) ** 2 - far**2)
        solid_from, solid_to = max(first, math.ceil(centre - core)), min(last, math.floor(centre + core))
    else:
        solid_from, solid_to = last + 1, last

    def edge(columns: range) -> list[Segment]:
        cells: list[Segment] = []
        for column in columns:
            dx = column - centre
            top, bottom = coverage(radius, dx, top_dy), coverage(radius, dx, bottom_dy)
            style = Style(
                color=background.blend(shape, top).rich_color, bgcolor=background.blend(shape, bottom).rich_color
            )
            cells.append(Segment(_HALF_BLOCK, style))
        return cells

    segments = [
        Segment(" " * first, blank),
        *edge(range(first, solid_from)),
        Segment(" " * max(0, solid_to - solid_from + 1), Style(bgcolor=shape.rich_color)),
        *edge(range(max(solid_from, solid_to + 1), last + 1)),
        Segment(" " * (width - 1 - last), blank),
    ]
    return Strip([segment for segment in segments if segment.text], width)


@lru_cache(maxsize=4 * (STEPS + 1))
def disc_frame(step: int, width: int, height: int, shape: Color, background: Color) -> tuple[Strip, ...]:
    """Every line of the disc at one size step, for a widget of `width` x `height` cells.

    A cell is one pixel wide and two tall (upper and lower half), so pixels are about square.
    """
    full = max(1.0, min(width, 2 * height) / 2 - 0.5)
    radius = full * (REST_FRACTION + (1 - REST_FRACTION) * step / STEPS)
    return tuple(_disc_row(radius, width, 2 * row + 0.5 - height, shape, background) for row in range(height))


class BreathVisual(Widget):
    """Shows one size step of the breath; `show(scale)` repaints only when the step changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._step = 0

    @property
    def step(self) -> int:
        return self._step

    def show(self, scale: float) -> None:
        step = step_for(scale)
        if step != self._step:
            self._step = step
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        _, _, background, color = self.colors
        lines = disc_frame(self._step, width, height, color, background)
        return lines[y] if 0 <= y < len(lines) else Strip.blank(width)

"""Tiny text charts shared by the reframe trend, the pipeline's weekly effort and the insights' bars."""

from __future__ import annotations

from collections.abc import Sequence

_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int | float]) -> str:
    """One block character per value. Heights start at zero (or the lowest value, if negative),
    so a steady relief of 40 reads as high and a steady 0 as low."""
    if not values:
        return ""
    low = min(0, min(values))
    span = max(values) - low
    if span == 0:
        return _BLOCKS[0] * len(values)
    top = len(_BLOCKS) - 1
    return "".join(_BLOCKS[round((value - low) / span * top)] for value in values)


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of `width` cells at most, `value` against the largest value `top` (in eighths
    of a cell, so 1 of 40 still shows). Zero, or a `top` of zero, draws nothing."""
    if value <= 0 or top <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, top) / top * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")

"""Tiny text charts shared by the reframe trend and the pipeline's weekly effort."""

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

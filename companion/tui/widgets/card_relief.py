"""The relief trend under the card: how much each thought record eased the feeling, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual.widgets import Static

from companion import reframe
from companion.charts import sparkline
from companion.reframe import ThoughtRecord

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

RECENT_PAIRS = 5


def relief_lines(records: Sequence[ThoughtRecord]) -> str:
    """Two short lines: the sparkline of relief, then the latest before → after pairs (keys as `{key:id}`)."""
    if not records:
        return "No thought records yet. {key:reframe.thought_record} walks through one, a question at a time."
    trend = reframe.relief_trend(records)
    count = f"{len(records)} thought record{'s' if len(records) != 1 else ''}"
    if trend:
        eased = sum(1 for relief in trend if relief > 0)
        first = f"{count} · relief {sparkline(trend)} · the feeling eased in {eased} of {len(trend)}"
    else:
        first = f"{count} · fill in 'after' next time to see the relief add up"
    recent = sorted(records, key=lambda record: record.created_at)[-RECENT_PAIRS:]
    pairs = "  ".join(
        f"{record.intensity_before}→{'–' if record.intensity_after is None else record.intensity_after}"
        for record in recent
    )
    return f"{first}\nbefore → after, latest last: {pairs}"


class ReliefTrend(Static):
    """Numbers and block characters only, still shown without markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, records: Sequence[ThoughtRecord]) -> None:
        self.update(cast("CompanionApp", self.app).with_keys(relief_lines(records)))

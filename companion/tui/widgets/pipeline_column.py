"""One column of the pipeline board: a stage's title and its applications as cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion import pipeline

CLOSED = "closed"
COLUMNS = (*pipeline.ACTIVE_STAGES, CLOSED)
NAMES = {key: "Closed" if key == CLOSED else pipeline.stage_label(key).capitalize() for key in COLUMNS}
# Narrow terminals (80 columns) leave about eight cells per column title.
SHORT_NAMES = {**NAMES, "wishlist": "Wish", "screening": "Screen", "interviewing": "Interv."}


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


class StageColumn(OptionList):
    """The cards of one column, its name and count in the border; the screen decides what goes where."""

    def __init__(self, key: str) -> None:
        super().__init__(id=f"column-{key}", classes="pipeline-column")
        self.key = key

    def show(
        self,
        applications: Sequence[pipeline.Application],
        today: date,
        keep: str | None,
        *,
        compact: bool,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the cards, keeping the highlight on `keep` (an application id) when it is here."""
        count = len(applications)
        # Narrow: the name on top, the count below; there is no room for both in one border.
        self.border_title = SHORT_NAMES[self.key] if compact else f"{NAMES[self.key]} {count}"
        self.border_subtitle = str(count) if compact else ""
        previous = self.highlighted
        # None after a card draws a divider line under it (it is not an option of its own).
        self.set_options(item for app in applications for item in (Option(card(app, today, (extra or {}).get(app.id, "")), id=app.id), None))
        ids = [app.id for app in applications]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = min(previous or 0, len(ids) - 1)

    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

"""Choose an application to link a person to; one marked ✓ is linked already and Enter unlinks it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from companion import pipeline

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def application_option(application: pipeline.Application, linked: bool) -> Option:
    """Company and role as plain text (never markup), the stage dimmed, ✓ when linked."""
    return Option(
        Content.assemble(
            ("✓ " if linked else "  ", "bold $success"),
            application.title,
            (f"  {pipeline.stage_label(application.stage)}", "dim"),
        ),
        id=application.id,
    )


class PersonLink(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="person_link.cancel")]

    def __init__(self, name: str, applications: Sequence[pipeline.Application], linked: Sequence[str]) -> None:
        super().__init__()
        self.name_text, self.applications, self.linked = name, applications, set(linked)

    def compose(self) -> ComposeResult:
        with Vertical(id="person-link", classes="dialog"):
            yield Label(f"Link {self.name_text} to an application", classes="dialog-title", markup=False)
            yield OptionList(
                *(application_option(app, app.id in self.linked) for app in self.applications), id="person-link-list"
            )
            yield Static(
                cast("CompanionApp", self.app).with_keys(
                    "↑ ↓ choose · Enter links (or unlinks one marked ✓) · {key:person_link.cancel} cancels"
                ),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

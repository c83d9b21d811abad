"""One reframing card, either side up: the harsh thought on the front, a kinder one on the back.

Every line that can hold the person's own words is a Static with markup=False, so a card that
says "[bold]x[/] [TODO]" shows exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion import reframe
from companion.reframe import Card

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


@dataclass(frozen=True)
class CardFace:
    """What the card shows around its text: which side, and the little labels on top."""

    flipped: bool = False
    favourite: bool = False
    daily: bool = False


class CardView(VerticalScroll, can_focus=False):
    """The card box. `show(None, message)` shows a kind line instead when no card fits the view."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-label", markup=False)
        yield Static(id="card-heading", classes="card-heading", markup=False)
        yield Static(id="card-main", markup=False)
        yield Static("Ask yourself", id="card-question-heading", classes="card-heading", markup=False)
        yield Static(id="card-question", markup=False)
        yield Static("One small step", id="card-action-heading", classes="card-heading", markup=False)
        yield Static(id="card-action", markup=False)
        yield Static(id="card-trap", markup=False)
        yield Static(id="card-hint", markup=False)

    def _set(self, widget_id: str, text: str, *, visible: bool = True) -> None:
        widget = self.query_one(f"#{widget_id}", Static)
        widget.update(text)
        widget.display = visible and bool(text)

    def show(self, card: Card | None, face: CardFace = CardFace(), empty_message: str = "") -> None:
        self.set_class(face.flipped, "-flipped")
        if card is None:
            self._show_empty(empty_message)
            return
        labels = [
            "★ favourite" if face.favourite else "",
            "Card of the day" if face.daily else "",
            "Your own card" if card.source == reframe.MINE else "",
        ]
        self._set("card-label", "  ·  ".join(label for label in labels if label))
        self._set("card-heading", "Another way to see it" if face.flipped else "The thought")
        self._set("card-main", card.reframe if face.flipped else card.thought)
        back = face.flipped
        self._set("card-question-heading", "Ask yourself", visible=back and bool(card.question))
        self._set("card-question", card.question, visible=back)
        self._set("card-action-heading", "One small step", visible=back and bool(card.action))
        self._set("card-action", card.action, visible=back)
        distortion = reframe.find_distortion(card.distortion)
        trap = distortion.name if distortion else card.distortion
        words = cast("CompanionApp", self.app).with_keys  # the trap's name may be the person's: kept out of it
        self._set("card-trap", f"Thinking trap: {trap}" + words("  ({key:reframe.explain} explains it)"), visible=back)
        hint = "{key:reframe.flip} turns it back" if back else "{key:reframe.flip} shows another way to see it"
        self._set("card-hint", words(hint))
        self.scroll_home(animate=False)

    def _show_empty(self, message: str) -> None:
        for widget_id in (
            "card-label",
            "card-question-heading",
            "card-question",
            "card-action-heading",
            "card-action",
            "card-trap",
            "card-hint",
        ):
            self._set(widget_id, "", visible=False)
        self._set("card-heading", "")
        self._set("card-main", message)

"""Reframe: one card at a time, from a harsh thought after a rejection to a kinder, truer one.

Opens on the card of the day. Space turns the card over, n/N move through the cards, f chooses
which cards show (a thinking trap, favourites, your own), i explains the card's thinking trap,
s stars it, a/e/d add, edit and delete your own cards, j walks through a thought record.
Under the card: the relief trend of the thought records so far.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from companion import card_store, reframe
from companion.errors import InputError
from companion.reframe import Card, ThoughtRecord
from companion.store import StoreError
from companion.tui.modals.card_distortion import DistortionInfo
from companion.tui.modals.card_filter import CardFilter, all_views, view_name
from companion.tui.modals.card_form import CardEntry, CardForm
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.thought_record import ThoughtRecordFlow, saved_message
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.undo import delete_with_undo
from companion.tui.widgets.card_relief import ReliefTrend
from companion.tui.widgets.card_view import CardFace, CardView
from companion.tui.widgets.key_bar import KeyBar

EMPTY_VIEW_MESSAGES = {
    card_store.VIEW_FAVOURITES: "No favourites yet. Press {key:reframe.favourite} on a card that helps, "
    "and it will wait for you here.\n{key:reframe.filter} shows the other cards.",
    card_store.VIEW_MINE: "No cards of your own yet. Press {key:reframe.add} to write one in your own words.",
}
DECK_DELETE_MESSAGE = (
    "Cards from the bundled deck stay, but you can pass them by with {key:reframe.next}, "
    "or star the ones that help ({key:reframe.favourite}) and show only your favourites ({key:reframe.filter})."
)


class ReframeScreen(DataScreen):
    TITLE = "Reframe"
    CSS_PATH = stylesheet("reframe")
    # Nothing here takes focus, so the one-letter keys work from the first frame.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("space", "flip", "Flip", id="reframe.flip"),
        Binding("n,right", "next", "Next", key_display="n", id="reframe.next"),
        Binding("N,left", "previous", "Previous", key_display="N", show=False, id="reframe.previous"),
        Binding("f", "filter", "Filter", id="reframe.filter"),
        Binding("i", "explain", "Trap explained", id="reframe.explain"),
        Binding("s", "favourite", "Star", id="reframe.favourite"),
        Binding("a", "add", "Add card", id="reframe.add"),
        Binding("e", "edit", "Edit", show=False, id="reframe.edit"),
        Binding("d", "delete", "Delete", show=False, id="reframe.delete"),
        Binding("j", "thought_record", "Thought record", id="reframe.thought_record"),
        Binding("c", "card_of_the_day", "Card of the day", show=False, id="reframe.card_of_the_day"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._cards: list[Card] = []
        self._favourites: set[str] = set()
        self._records: list[ThoughtRecord] = []
        self._daily: Card | None = None
        self._view = card_store.VIEW_ALL
        self._current_id: str | None = None
        self._position = 0
        self._flipped = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="reframe-status", markup=False)
        yield CardView(id="reframe-card")
        yield ReliefTrend(id="reframe-relief")
        yield KeyBar()

    # -- data ------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        store = self.context.store
        self._cards = card_store.all_cards(store)
        self._favourites = card_store.favourite_ids(store)
        self._records = card_store.thought_records(store)
        self._daily = card_store.card_of_the_day_for(self.context.now().date())
        if self._current_id is None:
            self._current_id = self._daily.id
        self._show()

    def _shown(self) -> list[Card]:
        return card_store.choose_cards(self._cards, self._view, self._favourites)

    def current_card(self) -> Card | None:
        """The card on screen; when it left the view (deleted, unstarred) its neighbour takes its place."""
        shown = self._shown()
        if not shown:
            return None
        ids = [card.id for card in shown]
        if self._current_id in ids:
            self._position = ids.index(self._current_id)
        else:
            self._position = min(self._position, len(shown) - 1)
            self._current_id = ids[self._position]
        return shown[self._position]

    def _show(self) -> None:
        card = self.current_card()
        shown = len(self._shown())
        where = f"card {self._position + 1} of {shown}" if card else "no cards here yet"
        self.query_one("#reframe-status", Static).update(f"{view_name(self._view)} · {where}")
        face = CardFace(
            flipped=self._flipped,
            favourite=card is not None and card.id in self._favourites,
            daily=card is not None and card == self._daily,
        )
        self.query_one(CardView).show(card, face, self.companion.with_keys(EMPTY_VIEW_MESSAGES.get(self._view, "")))
        self.query_one(ReliefTrend).show(self._records)

    def _go_to(self, card: Card) -> None:
        """Show this card face up, widening the view to every card if it is not in this one."""
        if card not in self._shown():
            self._view = card_store.VIEW_ALL
        self._current_id, self._flipped = card.id, False
        self._show()

    # -- moving through the cards ----------------------------------------------------------

    def action_flip(self) -> None:
        if self.current_card() is not None:
            self._flipped = not self._flipped
            self._show()

    def _step(self, offset: int) -> None:
        shown = self._shown()
        current = self.current_card()
        if current is None:
            return
        chosen = reframe.next_card(shown, current.id, offset)
        self._position = shown.index(chosen)
        self._current_id, self._flipped = chosen.id, False
        self._show()

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def action_card_of_the_day(self) -> None:
        if self._daily is not None:
            self._go_to(self._daily)

    def action_filter(self) -> None:
        counts = {view: len(card_store.choose_cards(self._cards, view, self._favourites)) for view in all_views()}

        def chosen(view: str | None) -> None:
            if view is not None:
                self._set_view(view)

        self.app.push_screen(CardFilter(self._view, counts), chosen)

    def _set_view(self, view: str) -> None:
        self._view, self._position, self._flipped = view, 0, False
        self._show()

    def action_explain(self) -> None:
        card = self.current_card()
        distortion = reframe.find_distortion(card.distortion) if card else None
        if card is None or distortion is None:
            no_card = "No card is showing here; {key:reframe.filter} chooses which cards to show."
            self.notify(self.companion.with_keys(no_card), markup=False)
            return
        count = len(reframe.filter_by_distortion(self._cards, distortion.id))

        def closed(only_these: bool | None) -> None:
            if only_these:
                self._view, self._flipped = distortion.id, False
                self._show()

        self.app.push_screen(DistortionInfo(distortion, count), closed)

    # -- favourites and the person's own cards ---------------------------------------------

    def action_favourite(self) -> None:
        card = self.current_card()
        if card is None:
            return
        starred = self.companion.guarded(lambda: card_store.toggle_favourite(self.context.store, card.id))
        if starred is None:
            return  # refused: the message says why
        said = (
            "Starred: {key:reframe.filter} → Your favourites shows it again any time."
            if starred
            else "Taken out of your favourites."
        )
        self.notify(self.companion.with_keys(said), markup=False)

    def _save_card(self, existing: Card | None) -> Callable[[CardEntry], Card]:
        """The card form's one write: a new card of the person's own, or `existing` changed."""

        def save(entry: CardEntry) -> Card:
            store, now = self.context.store, self.context.now()
            if existing is None:
                return card_store.add_card(store, *entry, now=now)
            return card_store.edit_card(store, existing.id, *entry, now=now)

        return save

    def _card_saved(self, card: Card | None, *, added: bool) -> None:
        if card is None:
            return
        self.notify(card.thought, title="Card saved" if added else "Card updated", markup=False)
        if added:
            self._go_to(card)

    def action_add(self) -> None:
        self.app.push_screen(CardForm(self._save_card(None)), partial(self._card_saved, added=True))

    def action_edit(self) -> None:
        card = self.current_card()
        if card is None:
            return
        if card.source == reframe.DECK:
            self.notify(card_store.DECK_CARD_MESSAGE, title="This card is from the deck", markup=False)
            return
        self.app.push_screen(CardForm(self._save_card(card), card), partial(self._card_saved, added=False))

    def action_delete(self) -> None:
        card = self.current_card()
        if card is None:
            return
        if card.source == reframe.DECK:
            self.notify(self.companion.with_keys(DECK_DELETE_MESSAGE), title="This card is from the deck", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            delete = partial(card_store.delete_card, self.context.store, card.id)
            try:
                delete_with_undo(self.companion, card_store.CARDS, card.id, "your card", delete)
            except (InputError, StoreError) as exc:
                self.notify(str(exc), severity="warning", markup=False)
                self.companion.data_changed()

        self.app.push_screen(Confirm("Delete this card of yours?", card.thought), answered)

    def action_thought_record(self) -> None:
        def saved(record: ThoughtRecord | None) -> None:
            if record is not None:
                self.notify(saved_message(record), title="Thought record saved", markup=False)

        save = partial(card_store.save_thought_record, self.context.store)
        self.app.push_screen(ThoughtRecordFlow(save), saved)

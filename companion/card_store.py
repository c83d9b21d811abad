"""The reframing area's data: the person's own cards, their favourites and their thought records.

reframe.py decides what a card or a thought record is; this module keeps them in the data file,
so the Reframe screen, Today and `companion card` never touch the tables themselves. Favourites are
a table of their own ({id, card_id}) because deck cards are read-only and can be starred too.
Thought records share the `reflections` table with the pipeline's debriefs, told apart by `kind`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime

from companion import reframe
from companion.dates import timestamp
from companion.errors import InputError
from companion.reframe import Card, ThoughtRecord
from companion.store import Store
from companion.textsafe import clean_line

CARDS = "cards"
FAVOURITES = "favourites"
REFLECTIONS = "reflections"
THOUGHT_RECORD_KIND = "thought_record"

# What the Reframe screen can show besides one thinking trap's cards.
VIEW_ALL = "all"
VIEW_FAVOURITES = "favourites"
VIEW_MINE = "mine"

DECK_CARD_MESSAGE = (
    "Cards from the bundled deck stay as they are, so they are there for you on any day. "
    "Add a card of your own to say it in your own words."
)


class CardNotFoundError(InputError):
    """The card is not among the person's own (deleted elsewhere, or a deck card)."""


# -- cards --------------------------------------------------------------------------------------


def my_cards(store: Store) -> list[Card]:
    """The person's own cards, oldest first, so new ones join the end of the deck."""
    cards = [Card.from_record(record) for record in store.all(CARDS)]
    return sorted(cards, key=lambda card: (card.created_at, card.id))


def all_cards(store: Store) -> list[Card]:
    """The bundled deck followed by the person's own cards."""
    return [*reframe.load_deck(), *my_cards(store)]


def card_of_the_day_for(today: date) -> Card:
    """Today's card, from the bundled deck only: adding a card of your own never changes it mid-day."""
    return reframe.card_of_the_day(reframe.load_deck(), today)


def _is_deck_card(card_id: str) -> bool:
    return any(card.id == card_id for card in reframe.load_deck())


def _not_found(card_id: str) -> CardNotFoundError:
    if _is_deck_card(card_id):
        return CardNotFoundError(DECK_CARD_MESSAGE)
    return CardNotFoundError("That card is no longer there (it may have been deleted in another window).")


def add_card(
    store: Store,
    thought: str,
    distortion: str,
    reframe_text: str,
    question: str = "",
    action: str = "",
    *,
    now: datetime,
) -> Card:
    """Save a card of the person's own; raises ReframeError listing everything to fix."""
    card = reframe.make_user_card(thought, distortion, reframe_text, question, action, now=now)
    return Card.from_record(store.insert(CARDS, card.to_record()))


def edit_card(
    store: Store,
    card_id: str,
    thought: str,
    distortion: str,
    reframe_text: str,
    question: str = "",
    action: str = "",
    *,
    now: datetime,
) -> Card:
    """Change one of the person's own cards; deck cards are refused with a kind explanation."""
    checked = reframe.make_user_card(thought, distortion, reframe_text, question, action, now=now)
    changes = {
        "thought": checked.thought,
        "distortion": checked.distortion,
        "reframe": checked.reframe,
        "question": checked.question,
        "action": checked.action,
        "updated_at": timestamp(now),
    }
    record = store.update(CARDS, card_id, changes)
    if record is None:
        raise _not_found(card_id)
    return Card.from_record(record)


def delete_card(store: Store, card_id: str) -> None:
    """Delete one of the person's own cards and its star, in one write."""
    with store.transaction() as tx:
        if not tx.remove(CARDS, card_id):
            raise _not_found(card_id)
        for record in tx.all(FAVOURITES):
            if record.get("card_id") == card_id:
                tx.remove(FAVOURITES, record["id"])


# -- favourites ---------------------------------------------------------------------------------


def favourite_ids(store: Store) -> set[str]:
    return {str(record.get("card_id", "")) for record in store.all(FAVOURITES)}


def toggle_favourite(store: Store, card_id: str) -> bool:
    """Star or unstar a card (deck or own); True when it is a favourite afterwards."""
    with store.transaction() as tx:
        starred = [record for record in tx.all(FAVOURITES) if record.get("card_id") == card_id]
        for record in starred:
            tx.remove(FAVOURITES, record["id"])
        if not starred:
            tx.insert(FAVOURITES, {"card_id": card_id})
        return not starred


def choose_cards(cards: Iterable[Card], view: str, favourites: Collection[str]) -> list[Card]:
    """The cards one view shows: all, favourites, the person's own, or one thinking trap's."""
    if view == VIEW_FAVOURITES:
        return [card for card in cards if card.id in favourites]
    if view == VIEW_MINE:
        return [card for card in cards if card.source == reframe.MINE]
    return reframe.filter_by_distortion(cards, None if view == VIEW_ALL else view)


# -- thought records ----------------------------------------------------------------------------


def situation_for_application(company: str, role: str) -> str:
    """How a thought record started from an application describes what happened."""
    company, role = clean_line(company), clean_line(role)
    if company and role:
        return f"Heard back from {company} about {role}"
    return f"Heard back from {company or role or 'an application'}"


def save_thought_record(store: Store, record: ThoughtRecord) -> ThoughtRecord:
    """Store a record made by `reframe.make_thought_record` (already cleaned and checked)."""
    stored = store.insert(REFLECTIONS, {**record.to_record(), "kind": THOUGHT_RECORD_KIND})
    return ThoughtRecord.from_record(stored)


def thought_records(store: Store) -> list[ThoughtRecord]:
    """Every thought record, oldest first (debriefs in the same table are left out)."""
    records = [
        ThoughtRecord.from_record(record)
        for record in store.all(REFLECTIONS)
        if record.get("kind") == THOUGHT_RECORD_KIND
    ]
    return sorted(records, key=lambda record: record.created_at)

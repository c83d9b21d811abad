"""The reframing area's data: own cards, favourites, thought records and the card of the day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from companion import card_store, reframe
from companion.card_store import CardNotFoundError
from companion.dates import timestamp
from companion.errors import InputError
from companion.pipeline import DEBRIEF_KIND, REFLECTIONS
from companion.reframe import ReframeError
from companion.store import Store
from tests.conftest import FIXED_NOW

MARKUP = "[bold]x[/] [TODO] [/]"


def add_mine(store: Store, thought: str = "They went quiet, so I blew it", **changes: str) -> reframe.Card:
    fields = {"distortion": "mind-reading", "reframe_text": "Quiet is not a verdict.", **changes}
    return card_store.add_card(store, thought, now=FIXED_NOW, **fields)


def test_reframe_errors_are_input_errors_so_the_command_line_exits_2() -> None:
    assert issubclass(ReframeError, InputError)
    assert issubclass(CardNotFoundError, InputError)


def test_all_cards_is_the_deck_then_mine_oldest_first(store: Store) -> None:
    second = card_store.add_card(store, "Second", "labelling", "Kinder.", now=FIXED_NOW + timedelta(minutes=1))
    first = add_mine(store)
    cards = card_store.all_cards(store)
    deck = reframe.load_deck()
    assert cards[: len(deck)] == list(deck)
    assert [card.id for card in cards[len(deck) :]] == [first.id, second.id]
    assert all(card.source == reframe.MINE for card in card_store.my_cards(store))


def test_add_card_cleans_and_keeps_markup_looking_text_literally(store: Store) -> None:
    card = add_mine(store, f"  {MARKUP} I'm a fraud\x1b[31m ", reframe_text=MARKUP)
    assert card.id and card.source == reframe.MINE and card.created_at == timestamp(FIXED_NOW)
    assert card.thought == f"{MARKUP} I'm a fraud"
    assert card_store.my_cards(store)[0].reframe == MARKUP


def test_add_card_refuses_with_every_message_and_writes_nothing(store: Store) -> None:
    with pytest.raises(ReframeError) as caught:
        card_store.add_card(store, " ", "", "", now=FIXED_NOW)
    assert len(caught.value.messages) == 3
    assert "Pick the thinking trap" in str(caught.value)
    assert store.all(card_store.CARDS) == []


def test_edit_card_changes_the_fields_and_keeps_when_it_was_made(store: Store) -> None:
    card = add_mine(store)
    later = FIXED_NOW + timedelta(days=2)
    edited = card_store.edit_card(
        store, card.id, "New thought", "fortune-telling", "New reframe", "Q?", "Act.", now=later
    )
    assert (edited.id, edited.thought, edited.distortion, edited.question, edited.action) == (
        card.id,
        "New thought",
        "fortune-telling",
        "Q?",
        "Act.",
    )
    assert edited.created_at == card.created_at
    assert store.get(card_store.CARDS, card.id)["updated_at"] == timestamp(later)


def test_edit_card_validates_before_writing(store: Store) -> None:
    card = add_mine(store)
    with pytest.raises(ReframeError):
        card_store.edit_card(store, card.id, "still here", "not-a-trap", "", now=FIXED_NOW)
    assert card_store.my_cards(store) == [card]


def test_deck_cards_cannot_be_edited_or_deleted_and_say_so_kindly(store: Store) -> None:
    deck_card = reframe.load_deck()[0]
    with pytest.raises(CardNotFoundError, match="bundled deck stay as they are"):
        card_store.edit_card(store, deck_card.id, "x", "labelling", "y", now=FIXED_NOW)
    with pytest.raises(CardNotFoundError, match="Add a card of your own"):
        card_store.delete_card(store, deck_card.id)
    with pytest.raises(CardNotFoundError, match="no longer there"):
        card_store.delete_card(store, "gone")


def test_delete_card_removes_it_and_its_star(store: Store) -> None:
    mine, other = add_mine(store), add_mine(store, "Another")
    card_store.toggle_favourite(store, mine.id)
    card_store.toggle_favourite(store, other.id)
    card_store.delete_card(store, mine.id)
    assert card_store.my_cards(store) == [other]
    assert card_store.favourite_ids(store) == {other.id}


def test_toggle_favourite_stars_and_unstars_deck_and_own_cards(store: Store) -> None:
    deck_id, mine = reframe.load_deck()[3].id, add_mine(store)
    assert card_store.toggle_favourite(store, deck_id) is True
    assert card_store.toggle_favourite(store, mine.id) is True
    assert card_store.favourite_ids(store) == {deck_id, mine.id}
    assert all(set(record) == {"id", "card_id", "updated_at"} for record in store.all(card_store.FAVOURITES))
    assert card_store.toggle_favourite(store, deck_id) is False
    assert card_store.favourite_ids(store) == {mine.id}


def test_choose_cards_by_view(store: Store) -> None:
    mine = add_mine(store)
    cards = card_store.all_cards(store)
    deck_id = reframe.load_deck()[0].id
    assert card_store.choose_cards(cards, card_store.VIEW_ALL, set()) == cards
    assert card_store.choose_cards(cards, card_store.VIEW_MINE, set()) == [mine]
    assert [c.id for c in card_store.choose_cards(cards, card_store.VIEW_FAVOURITES, {deck_id})] == [deck_id]
    trap = card_store.choose_cards(cards, "mind-reading", set())
    assert mine in trap and all(card.distortion == "mind-reading" for card in trap)


def test_card_of_the_day_is_from_the_deck_and_ignores_my_cards(store: Store) -> None:
    today = FIXED_NOW.date()
    before = card_store.card_of_the_day_for(today)
    for n in range(5):
        add_mine(store, f"My thought {n}")
    assert card_store.card_of_the_day_for(today) == before
    assert before.source == reframe.DECK
    assert before == reframe.card_of_the_day(reframe.load_deck(), today)
    assert card_store.card_of_the_day_for(today + timedelta(days=1)) != before


def _record(before: int, after: int | None, minutes: int, **fields: object) -> reframe.ThoughtRecord:
    return reframe.make_thought_record(
        "I'll never get hired",
        before,
        after,
        now=FIXED_NOW + timedelta(minutes=minutes),
        **fields,  # type: ignore[arg-type]
    )


def test_thought_records_round_trip_with_their_kind(store: Store) -> None:
    saved = card_store.save_thought_record(
        store,
        _record(80, 30, 0, mood="anxious", situation=MARKUP, application_id="app1", distortions=["fortune-telling"]),
    )
    assert saved.id
    stored = store.get(REFLECTIONS, saved.id)
    assert stored["kind"] == card_store.THOUGHT_RECORD_KIND
    [loaded] = card_store.thought_records(store)
    assert loaded == saved
    assert (loaded.situation, loaded.application_id, loaded.relief) == (MARKUP, "app1", 50)


def test_thought_records_leave_debriefs_out_and_come_oldest_first(store: Store) -> None:
    store.insert(
        REFLECTIONS, {"kind": DEBRIEF_KIND, "application_id": "a", "went_well": "x", "created_at": "2026-01-01"}
    )
    late = card_store.save_thought_record(store, _record(60, 20, 10))
    early = card_store.save_thought_record(store, _record(90, None, 1))
    assert [r.id for r in card_store.thought_records(store)] == [early.id, late.id]
    assert reframe.relief_trend(card_store.thought_records(store)) == [40]


@pytest.mark.parametrize(
    ("company", "role", "expected"),
    [
        ("Acme", "Backend engineer", "Heard back from Acme about Backend engineer"),
        ("Acme", "", "Heard back from Acme"),
        ("", "", "Heard back from an application"),
        ("[b]Acme[/b]\x1b[2J", "SRE", "Heard back from [b]Acme[/b] about SRE"),
    ],
)
def test_situation_for_application(company: str, role: str, expected: str) -> None:
    assert card_store.situation_for_application(company, role) == expected


@pytest.mark.parametrize(("typed", "expected"), [("70", 70), (" 0 ", 0), ("100%", 100), ("", None), ("  ", None)])
def test_parse_intensity_reads_what_people_type(typed: str, expected: int | None) -> None:
    assert reframe.parse_intensity(typed, "before") == expected


@pytest.mark.parametrize("typed", ["101", "-5", "7.5", "lots", "٣"])
def test_parse_intensity_refuses_other_numbers_kindly(typed: str) -> None:
    with pytest.raises(ReframeError, match="^The strength of the feeling after is .*whole number from 0 to 100"):
        reframe.parse_intensity(typed, "after")  # "strength": the word the form uses


def test_card_of_the_day_needs_no_data_file(data_dir: Path) -> None:
    card_store.card_of_the_day_for(date(2026, 1, 1))
    assert not data_dir.exists()

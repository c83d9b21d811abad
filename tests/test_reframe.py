"""The reframing deck, the matcher, user cards and thought records (pure core)."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from companion import reframe
from companion.charts import sparkline
from companion.reframe import (
    Card,
    ReframeError,
    ThoughtRecord,
    card_of_the_day,
    filter_by_distortion,
    find_distortion,
    format_card_plain,
    guess_distortions,
    load_deck,
    load_distortions,
    make_thought_record,
    make_user_card,
    next_card,
    relief_trend,
    suggest_balanced_thought,
    suggest_cards,
    thought_record_from_dict,
    thought_record_to_dict,
    validate_card_fields,
    validate_thought_record,
)

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 3, 14, 9, 30, 0)
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EXPECTED_DISTORTIONS = {
    "all-or-nothing",
    "overgeneralisation",
    "mental-filter",
    "discounting-the-positive",
    "mind-reading",
    "fortune-telling",
    "catastrophising",
    "emotional-reasoning",
    "should-statements",
    "labelling",
    "personalisation",
    "blaming",
}
CORE_LINES = (
    "rejection is feedback, not a verdict",
    "a rejection is a redirection",
    "a misalignment, not a personal deficiency",
    "a numbers game, not a reflection of your potential",
)


# -- the bundled deck ---------------------------------------------------------------------------


def test_distortions_are_the_standard_twelve_with_explanations() -> None:
    distortions = load_distortions()
    assert {d.id for d in distortions} == EXPECTED_DISTORTIONS
    assert len(distortions) == len(EXPECTED_DISTORTIONS)
    for distortion in distortions:
        assert KEBAB.match(distortion.id)
        assert distortion.name.strip()
        sentences = [part for part in re.split(r'(?<=[.!?])"?\s+', distortion.explanation.strip()) if part]
        assert 2 <= len(sentences) <= 3, distortion.id


def test_deck_has_at_least_forty_complete_cards() -> None:
    deck = load_deck()
    assert len(deck) >= 40
    for card in deck:
        for name in ("id", "thought", "distortion", "reframe", "question", "action"):
            assert getattr(card, name).strip(), f"{card.id}: {name} is empty"
        assert card.keywords and all(word.strip() for word in card.keywords), card.id
        assert card.source == "deck"
        assert KEBAB.match(card.id), card.id


def test_card_ids_and_thoughts_are_unique() -> None:
    deck = load_deck()
    ids = [card.id for card in deck]
    thoughts = [card.thought.lower().strip() for card in deck]
    assert len(set(ids)) == len(ids)
    assert len(set(thoughts)) == len(thoughts)


def test_every_card_names_a_known_distortion_and_each_has_two_cards() -> None:
    deck = load_deck()
    known = {d.id for d in load_distortions()}
    assert {card.distortion for card in deck} <= known
    for distortion_id in known:
        assert len(filter_by_distortion(deck, distortion_id)) >= 2, distortion_id


@pytest.mark.parametrize("line", CORE_LINES)
def test_core_lines_are_carried_by_the_deck(line: str) -> None:
    assert any(line in card.reframe.lower() for card in load_deck())


def test_deck_wording_never_calls_the_person_a_failure() -> None:
    # Thoughts quote the harsh voice; reframes, questions and actions must not echo it.
    for card in load_deck():
        kind_text = f"{card.reframe} {card.question} {card.action}".lower()
        assert "you failed" not in kind_text and "you lost" not in kind_text, card.id


def test_deck_is_parsed_once_per_process() -> None:
    assert load_deck() is load_deck()
    assert load_distortions() is load_distortions()


def test_core_module_imports_no_ui_or_storage_library() -> None:
    code = "import sys, companion.reframe; print(sorted(m for m in ('textual', 'rich', 'tinydb') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- choosing cards -----------------------------------------------------------------------------


def test_card_of_the_day_is_the_same_all_day() -> None:
    deck = load_deck()
    day = date(2025, 3, 14)
    assert card_of_the_day(deck, day) == card_of_the_day(list(reversed(deck)), day)


def test_card_of_the_day_changes_every_day_across_a_month() -> None:
    deck = load_deck()
    start = date(2025, 2, 1)
    month = [card_of_the_day(deck, start + timedelta(days=offset)).id for offset in range(31)]
    assert all(today != tomorrow for today, tomorrow in itertools.pairwise(month))
    assert len(set(month)) == 31  # the deck is longer than a month: no repeats inside one


def test_card_of_the_day_shows_every_card_before_repeating() -> None:
    deck = load_deck()
    start = date(2024, 12, 30)
    cycle = {card_of_the_day(deck, start + timedelta(days=offset)).id for offset in range(len(deck))}
    assert cycle == {card.id for card in deck}


def test_card_of_the_day_is_stable_across_processes_with_different_hash_seeds() -> None:
    code = (
        "from datetime import date; from companion.reframe import card_of_the_day, load_deck; "
        "print(card_of_the_day(load_deck(), date(2025, 6, 1)).id)"
    )
    picks = set()
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
        )
        picks.add(result.stdout.strip())
    assert picks == {card_of_the_day(load_deck(), date(2025, 6, 1)).id}


def test_card_of_the_day_needs_cards() -> None:
    with pytest.raises(ValueError):
        card_of_the_day([], date(2025, 1, 1))


def test_filter_by_distortion_keeps_only_that_trap_and_none_means_all() -> None:
    deck = load_deck()
    labelling = filter_by_distortion(deck, "labelling")
    assert labelling and all(card.distortion == "labelling" for card in labelling)
    assert filter_by_distortion(deck, None) == list(deck)
    assert filter_by_distortion(deck, "no-such-trap") == []


def test_next_card_wraps_around_and_starts_over_for_an_unknown_id() -> None:
    deck = list(load_deck())
    assert next_card(deck, deck[0].id) == deck[1]
    assert next_card(deck, deck[-1].id) == deck[0]
    assert next_card(deck, "gone") == deck[0]
    assert next_card(deck, None) == deck[0]
    assert next_card(deck, deck[0].id, -1) == deck[-1]


# -- the matcher --------------------------------------------------------------------------------

MATCHER_CASES = [
    ("I always get rejected from every job", "overgeneralisation", "always-rejected"),
    ("They must think I'm an idiot after that interview", "mind-reading", "interviewer-thinks-im-stupid"),
    ("I'll never get a job in tech", "fortune-telling", "never-get-a-job"),
    ("I should have a job by now", "should-statements", "should-have-a-job-by-now"),
    ("I'm not a real developer", "labelling", "not-a-real-developer"),
    ("The layoff was my fault", "personalisation", "layoff-my-fault"),
    ("This rejection ruined my whole career", "catastrophising", "rejection-ruined-career"),
    ("I feel useless today", "emotional-reasoning", "feel-useless"),
    ("I only got the interview through luck, it was just luck", "discounting-the-positive", "interview-by-luck"),
    ("The recruiter wasted my time, it's their fault", "blaming", "recruiter-wasted-my-time"),
    ("I can't stop thinking about the one question I got wrong", "mental-filter", "the-one-question"),
    ("If it isn't perfect the whole thing is a waste", "all-or-nothing", "unfinished-coding-test"),
    ("Got ghosted again after the second interview", "overgeneralisation", "nobody-ever-replies"),
    ("Everyone on LinkedIn is getting hired except me", "overgeneralisation", "linkedin-highlight-reel"),
    ("I feel like an impostor among these engineers", "emotional-reasoning", "feel-like-an-imposter"),
    ("I got laid off and nobody will hire me now", "fortune-telling", "no-one-hires-after-layoff"),
    ("There's a gap on my resume and recruiters will think I'm lazy", "mind-reading", "gap-looks-lazy"),
    ("I must learn React before I'm allowed to apply", "should-statements", "must-know-every-framework"),
    ("I'm autistic and interviews make me feel out of place", "emotional-reasoning", "neurodivergent-out-of-place"),
    ("im a failure", "labelling", "im-a-failure"),
]


@pytest.mark.parametrize(("thought", "distortion", "card_id"), MATCHER_CASES)
def test_matcher_recognises_realistic_thoughts(thought: str, distortion: str, card_id: str) -> None:
    assert distortion in guess_distortions(thought)
    assert card_id in [card.id for card in suggest_cards(thought, load_deck())]


@pytest.mark.parametrize(
    ("thought", "card_id"),
    [
        ("I'm too old for this industry now", "too-old-to-learn"),
        ("I'm the only woman on the panel and they won't take me seriously", "woman-not-taken-seriously"),
        ("Six months and still no offers", "months-no-offers"),
        ("The ATS rejects everything", "ats-robots"),
        ("My friend referred me and I didn't get it", "let-my-referrer-down"),
    ],
)
def test_matcher_puts_the_card_about_that_situation_first(thought: str, card_id: str) -> None:
    assert suggest_cards(thought, load_deck())[0].id == card_id


def test_guesses_put_the_trap_with_most_cues_first() -> None:
    assert guess_distortions("They must think I'm an idiot")[0] == "mind-reading"
    assert guess_distortions("I'll never get a job, I'm going to be unemployed forever")[0] == "fortune-telling"


def test_matcher_is_case_insensitive_and_deterministic() -> None:
    deck = load_deck()
    shout = suggest_cards("I ALWAYS GET REJECTED", deck)
    assert [card.id for card in shout] == [card.id for card in suggest_cards("i always get rejected", deck)]
    assert guess_distortions("I ALWAYS GET REJECTED") == guess_distortions("i always get rejected")
    assert shout == suggest_cards("I ALWAYS GET REJECTED", list(reversed(deck)))


def test_matcher_handles_empty_text_and_limits() -> None:
    deck = load_deck()
    assert suggest_cards("", deck) == []
    assert suggest_cards("   \n\t", deck) == []
    assert guess_distortions("") == []
    assert guess_distortions("I had a sandwich") == []
    assert len(suggest_cards("I always get rejected", deck, limit=5)) == 5
    assert suggest_cards("I always get rejected", deck, limit=0) == []


def test_matcher_reads_curly_apostrophes() -> None:
    assert "labelling" in guess_distortions("I\u2019m not a real developer")


def test_every_distortion_has_cues_and_every_cue_set_is_a_known_distortion() -> None:
    assert set(reframe.DISTORTION_CUES) == {d.id for d in load_distortions()}


# -- the person's own cards ---------------------------------------------------------------------


def test_user_card_needs_a_thought_a_reframe_and_a_known_trap() -> None:
    messages = validate_card_fields("  ", "not-a-trap", "", "", "")
    assert len(messages) == 3
    assert any("thought" in message for message in messages)
    assert any("'not-a-trap'" in message and "labelling" in message for message in messages)
    assert any("kinder" in message for message in messages)


def test_user_card_without_a_trap_is_asked_to_pick_one() -> None:
    messages = validate_card_fields("I'm slow", "", "I'm careful")
    assert messages and "Pick the thinking trap" in messages[0]


def test_user_card_lengths_are_limited() -> None:
    messages = validate_card_fields("x" * 201, "labelling", "y" * 401, "q" * 201, "a" * 201)
    assert len(messages) == 4
    assert all("please keep it to" in message for message in messages)
    assert validate_card_fields("x" * 200, "labelling", "y" * 400, "q" * 200, "a" * 200) == []


def test_make_user_card_raises_a_value_error_with_all_messages() -> None:
    with pytest.raises(ReframeError) as caught:
        make_user_card("", "nope", "", now=NOW)
    assert isinstance(caught.value, ValueError)
    assert len(caught.value.messages) == 3


def test_make_user_card_keeps_markup_looking_text_literally_and_strips_controls() -> None:
    card = make_user_card(
        "[bold]x[/] I'm \x1b[31mslow\x1b[0m",
        " Labelling ",
        "[TODO] learn at my own pace",
        "[/]",
        "ask for [link=x]help[/link]",
        now=NOW,
    )
    assert card.thought == "[bold]x[/] I'm slow"
    assert card.reframe == "[TODO] learn at my own pace"
    assert card.question == "[/]"
    assert card.action == "ask for [link=x]help[/link]"
    assert card.distortion == "labelling"
    assert card.source == "mine"
    assert card.created_at == "2025-03-14T09:30:00+00:00"
    text = format_card_plain(card, find_distortion(card.distortion))
    assert "[bold]x[/] I'm slow" in text and "[TODO] learn at my own pace" in text


def test_card_round_trips_through_a_stored_dict() -> None:
    card = make_user_card("I'm behind", "should-statements", "I'm on my own path", now=NOW).replace(id="abc123")
    record = card.to_record()
    assert record["keywords"] == [] and record["source"] == "mine" and record["id"] == "abc123"
    assert Card.from_record(record) == card
    deck_card = load_deck()[0]
    assert Card.from_record(deck_card.to_record()) == deck_card
    assert Card.from_record({"id": "x", "thought": "t", "distortion": "labelling", "reframe": "r"}).source == "mine"


def test_user_cards_join_the_matcher() -> None:
    mine = make_user_card(
        "My portfolio site looks amateurish", "labelling", "It shows real work I finished", now=NOW
    ).replace(id="m1")
    found = suggest_cards("the portfolio site looks so amateurish", [*load_deck(), mine])
    assert found[0] == mine


# -- thought records ----------------------------------------------------------------------------


def test_thought_record_needs_a_thought_and_a_before_intensity() -> None:
    messages = validate_thought_record("", None)
    assert len(messages) == 2
    assert validate_thought_record("I'm a failure", 80) == []
    assert validate_thought_record("I'm a failure", 80, 30, distortions=["labelling"]) == []


@pytest.mark.parametrize("before, after", [(-1, None), (101, None), (50, -5), (50, 150), (True, None), (50, 2.5)])
def test_thought_record_intensities_stay_within_0_to_100(before: int, after: int | None) -> None:
    messages = validate_thought_record("I'm a failure", before, after)
    assert len(messages) == 1 and "0 to 100" in messages[0]


def test_thought_record_rejects_unknown_traps_and_long_notes() -> None:
    messages = validate_thought_record(
        "x", 50, distortions=["labelling", "wizardry"], evidence_for="e" * 2001, mood="m" * 41
    )
    assert len(messages) == 3
    assert any("'wizardry'" in message for message in messages)


def test_make_thought_record_cleans_text_and_round_trips() -> None:
    record = make_thought_record(
        "  I'll never\x07 get hired ",
        85,
        40,
        now=NOW,
        mood=" anxious ",
        situation="Got a rejection email\r\nafter the final round  ",
        application_id="",
        distortions=["Fortune-Telling", "fortune-telling", "overgeneralisation"],
        evidence_for="No offers yet",
        evidence_against="Two final rounds [TODO]",
        balanced_thought="Searches end; this one will too.",
    )
    assert record.automatic_thought == "I'll never get hired"
    assert record.mood == "anxious"
    assert record.situation == "Got a rejection email\nafter the final round"
    assert record.application_id is None
    assert record.distortions == ["fortune-telling", "overgeneralisation"]
    assert record.evidence_against == "Two final rounds [TODO]"
    assert record.relief == 45
    stored = record.replace(id="r1")
    assert thought_record_from_dict(thought_record_to_dict(stored)) == stored


def test_make_thought_record_raises_with_messages() -> None:
    with pytest.raises(ReframeError) as caught:
        make_thought_record("", 120, now=NOW)
    assert len(caught.value.messages) == 2


def test_suggest_balanced_thought_uses_the_best_card_or_a_gentle_default() -> None:
    deck = load_deck()
    best = suggest_cards("I should have a job by now", deck, limit=1)[0]
    assert suggest_balanced_thought("I should have a job by now", deck) == best.reframe
    assert suggest_balanced_thought("", deck) == reframe.FALLBACK_BALANCED_THOUGHT


def _record(created_at: str, before: int, after: int | None) -> ThoughtRecord:
    return ThoughtRecord(automatic_thought="t", intensity_before=before, intensity_after=after, created_at=created_at)


def test_relief_trend_is_oldest_first_and_skips_unfinished_records() -> None:
    records = [
        _record("2025-03-03T10:00:00", 70, 30),
        _record("2025-03-01T10:00:00", 90, 60),
        _record("2025-03-02T10:00:00", 80, None),
        _record("2025-03-04T10:00:00", 40, 50),
    ]
    assert relief_trend(records) == [30, 40, -10]
    assert relief_trend([]) == []


def test_sparkline_scales_from_zero_and_handles_edges() -> None:
    assert sparkline([]) == ""
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([40, 40]) == "██"
    assert sparkline([0, 100]) == "▁█"
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([-10, 0, 10]) == "▁▅█"
    line = sparkline(list(range(0, 80, 10)))
    assert line == "▁▂▃▄▅▆▇█"


# -- plain text ---------------------------------------------------------------------------------


def test_format_card_plain_shows_every_part_of_the_card() -> None:
    card = next(card for card in load_deck() if card.id == "failed-to-get-the-job")
    distortion = find_distortion(card.distortion)
    assert distortion is not None
    text = format_card_plain(card, distortion)
    flat = " ".join(text.split())
    assert text.startswith("Today's card")
    for part in (card.thought, card.reframe, card.question, card.action, distortion.name):
        assert " ".join(part.split()) in flat
    assert all(len(line) <= 72 for line in text.splitlines())


def test_format_card_plain_leaves_out_empty_parts() -> None:
    card = Card(id="m", thought="I'm slow", distortion="labelling", reframe="I'm thorough", source="mine")
    text = format_card_plain(card, None, title="Your card")
    assert text.startswith("Your card")
    assert "Ask yourself" not in text and "One small step" not in text and "Thinking trap" not in text

"""Reframing: the card deck, a keyword matcher and thought records.

After a rejection the first thought is often harsh ("I'm a failure"). A card names the thinking
trap behind it and offers a kinder, truer thought, a question and one small step. A thought record
walks through the same move in the person's own words and keeps the before/after intensity, so
they can see the relief add up over weeks.

Pure core: no Textual, Rich or TinyDB here. The lead stores user cards, favourites (a set of card
ids, not a flag on the card) and thought records through the store; this module only converts.
"""

from __future__ import annotations

import functools
import re
import textwrap
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from companion.bundled import read_bundled
from companion.dates import timestamp
from companion.errors import InputError
from companion.records import Record, field, string_list
from companion.textsafe import clean_block, clean_line

if TYPE_CHECKING:
    from typing import Any, Literal

    CardSource = Literal["deck", "mine"]

DECK: CardSource = "deck"
MINE: CardSource = "mine"

MAX_THOUGHT = 200
MAX_REFRAME = 400
MAX_QUESTION = 200
MAX_ACTION = 200
MAX_MOOD = 40
MAX_NOTE = 2000
INTENSITY_RANGE = range(101)

FALLBACK_BALANCED_THOUGHT = (
    "This is one hard moment in a long search. It is information about this situation, not a verdict on who I am."
)


class ReframeError(InputError):
    """A card or thought record that cannot be saved as given; `messages` says what would work."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__(" ".join(messages))


class Distortion(Record, frozen=True):
    """A thinking trap, explained in plain words with a job-search example."""

    id: str = field()
    name: str = field()
    explanation: str = field()


def _card_source(value: Any) -> CardSource:
    """Stored cards are the person's own unless they say otherwise (the deck is not stored)."""
    return DECK if value == DECK else MINE


def _words(value: Any) -> tuple[str, ...]:
    return tuple(string_list(value))


class Card(Record, frozen=True):
    """One reframing card. Favourites live apart, as a set of ids, so the deck stays read-only."""

    id: str = field()
    thought: str = field()
    distortion: str = field()
    reframe: str = field()
    question: str = field(default="")
    action: str = field(default="")
    keywords: tuple[str, ...] = field(default=(), kind="custom", read=_words)
    source: CardSource = field(default=DECK, kind="custom", read=_card_source)
    created_at: str = field(default="")

    def to_record(self) -> dict[str, Any]:
        """As stored: the keywords as a list, as JSON keeps them."""
        return {**super().to_record(), "keywords": list(self.keywords)}


# -- the bundled deck ---------------------------------------------------------------------------


@cache
def load_distortions() -> tuple[Distortion, ...]:
    """The thinking traps, in the order they are listed to people."""
    return tuple(
        Distortion(id=item["id"], name=item["name"], explanation=item["explanation"])
        for item in read_bundled("distortions.toml")["distortion"]
    )


@cache
def load_deck() -> tuple[Card, ...]:
    """The bundled cards, parsed once per process."""
    return tuple(Card.from_record({**item, "source": DECK}) for item in read_bundled("cards.json")["card"])


def find_distortion(distortion_id: str) -> Distortion | None:
    wanted = distortion_id.strip().lower()
    return next((d for d in load_distortions() if d.id == wanted), None)


# -- choosing cards -----------------------------------------------------------------------------


def _shuffle_key(card: Card) -> tuple[int, str, str]:
    # crc32, not hash(): Python salts str hashes per process, and the card must not change when the
    # person opens a second terminal. (zlib is loaded already; hashlib would cost the start 1.7 ms.)
    return (zlib.crc32(f"{card.source}:{card.id}".encode()), card.source, card.id)


def card_of_the_day(cards: Sequence[Card], day: date) -> Card:
    """The same card all day, a different one tomorrow, every card once before any repeats.

    The cards are put in a fixed pseudo-random order (independent of how they were passed in),
    and each day steps one place along it.
    """
    if not cards:
        raise ValueError("there are no cards to choose from")
    order = sorted(cards, key=_shuffle_key)
    return order[day.toordinal() % len(order)]


def filter_by_distortion(cards: Iterable[Card], distortion_id: str | None) -> list[Card]:
    """Cards for one thinking trap; None (or empty) means every card."""
    if not distortion_id:
        return list(cards)
    wanted = distortion_id.strip().lower()
    return [card for card in cards if card.distortion == wanted]


def next_card(cards: Sequence[Card], current_id: str | None, step: int = 1) -> Card:
    """The card `step` places after `current_id` (negative: before), wrapping around; the first
    card if the id is not there."""
    if not cards:
        raise ValueError("there are no cards to choose from")
    for index, card in enumerate(cards):
        if card.id == current_id:
            return cards[(index + step) % len(cards)]
    return cards[0]


# -- the person's own cards ---------------------------------------------------------------------


def _length_messages(fields: Iterable[tuple[str, str, int]]) -> list[str]:
    return [
        f"The {label} is {len(text)} characters; please keep it to {limit} or fewer."
        for label, text, limit in fields
        if len(text) > limit
    ]


def _unknown_distortion_message(given: str) -> str:
    choices = ", ".join(d.id for d in load_distortions())
    if not given.strip():
        return f"Pick the thinking trap that fits best (a close one is fine): {choices}."
    return f"'{clean_line(given)}' isn't a thinking trap I know; choose one of: {choices}."


def validate_card_fields(
    thought: str, distortion: str, reframe: str, question: str = "", action: str = ""
) -> list[str]:
    """Kind messages for everything that stops this card being saved; empty when it is fine."""
    thought, reframe, question, action = (clean_line(text) for text in (thought, reframe, question, action))
    messages: list[str] = []
    if not thought:
        messages.append("Write the thought the way it shows up; a few words are enough.")
    if find_distortion(distortion) is None:
        messages.append(_unknown_distortion_message(distortion))
    if not reframe:
        messages.append("Add a kinder, truer way to see it; one short sentence is plenty.")
    messages += _length_messages(
        [
            ("thought", thought, MAX_THOUGHT),
            ("reframe", reframe, MAX_REFRAME),
            ("question", question, MAX_QUESTION),
            ("action", action, MAX_ACTION),
        ]
    )
    return messages


def make_user_card(
    thought: str,
    distortion: str,
    reframe: str,
    question: str = "",
    action: str = "",
    *,
    now: datetime,
) -> Card:
    """A cleaned card of the person's own; the id is left empty for the store to assign."""
    messages = validate_card_fields(thought, distortion, reframe, question, action)
    if messages:
        raise ReframeError(messages)
    return Card(
        id="",
        thought=clean_line(thought),
        distortion=distortion.strip().lower(),
        reframe=clean_line(reframe),
        question=clean_line(question),
        action=clean_line(action),
        source=MINE,
        created_at=timestamp(now),
    )


# -- the matcher --------------------------------------------------------------------------------

_IM = r"i(?:'m| am|m)"
_SUBJECT = (
    r"(?:they|he|she|everyone|everybody|people|recruiters?|interviewers?|hiring managers?"
    r"|the (?:panel|team|interviewer|recruiter|manager))"
)

# Plain keyword cues per thinking trap: each cue found in a thought counts one point.
DISTORTION_CUES: dict[str, tuple[str, ...]] = {
    "all-or-nothing": (
        r"\b(?:completely|totally|entirely|utterly)\b",
        r"\bperfect(?:ly)?\b",
        r"\b(?:waste|wasted|pointless)\b",
        r"\bno point\b",
        r"\bnothing (?:went|goes|is) right\b",
        r"\ball (?:for nothing|wrong)\b",
        r"\b(?:total|complete) (?:failure|disaster|mess)\b",
        r"\bthe whole (?:thing|day|interview|search|process)\b",
        r"\bfailed\b",
    ),
    "overgeneralisation": (
        r"\balways\b",
        r"\bnever\b",
        r"\bevery\w*\b",
        r"\b(?:nobody|no one|no-one)\b",
        r"\ball the time\b",
        r"\b(?:again|yet another)\b",
    ),
    "mental-filter": (
        r"\bcan'?t stop thinking\b",
        r"\ball i (?:can |could )?(?:think about|hear|see|remember)\b",
        r"\bkeep (?:replaying|thinking about|going over)\b",
        r"\bthe one (?:question|mistake|thing|bit|part|comment)\b",
        r"\bnothing but\b",
        r"\bonly (?:remember|think about|see)\b",
    ),
    "discounting-the-positive": (
        r"\b(?:just|only|pure|sheer|dumb) luck\b",
        r"\bgot lucky\b",
        r"\bonly\b.*\bbecause of luck\b",
        r"\bfluke\b",
        r"\b(?:doesn|don)'?t (?:count|mean anything)\b",
        r"\banyone could\b",
        r"\b(?:just|only) being (?:nice|polite|kind)\b",
    ),
    "mind-reading": (
        rf"\b{_SUBJECT}(?:'ll| will| must| probably| definitely| all| could| can)? "
        r"(?:think|thinks|thought|know|knows|tell|see|saw|notice|noticed|judge|judged)\b",
        r"\bjudging me\b",
        r"\blaughing at me\b",
        r"\b(?:hate|hates|don'?t like|doesn'?t like) me\b",
    ),
    "fortune-telling": (
        r"\bnever (?:going to |gonna )?(?:get|find|land|be|make|work)\b",
        r"\bwill never\b",
        r"\bwon'?t (?:ever|take|hire|want|get|work)\b",
        r"\bgoing to\b",
        r"\bgonna\b",
        r"\b(?:no one|nobody) will\b",
        r"\bi'll (?:never|fail|bomb|mess|blow|end up)\b",
        r"\bwhat'?s the point\b",
        r"\b(?:bound|doomed) to\b",
    ),
    "catastrophising": (
        r"\bruin(?:ed|s)?\b",
        r"\bdisaster\w*\b",
        r"\bend of (?:the world|everything|my|it)\b",
        r"\bcatastroph\w*\b",
        r"\b(?:is|it'?s) over\b",
        r"\bdestroy\w*\b",
        r"\bworst\b",
        r"\bhomeless\b",
        r"\blose everything\b",
        r"\bnever recover\b",
    ),
    "emotional-reasoning": (
        r"\bi feel like\b",
        r"\bfeels like\b",
        r"\bfeel(?:s|ing)? (?:so |really |very )?(?:useless|worthless|stupid|hopeless|incompetent"
        r"|anxious|out of place|like a (?:fraud|failure|fake)|like an? (?:imposter|impostor|idiot))\b",
        r"\bbecause i feel\b",
    ),
    "should-statements": (
        r"\bshould(?:n'?t)?\b",
        r"\bmust(?:n'?t)?\b(?! (?:think|thought|have|be|see|hate|feel))",
        r"\bought to\b",
        r"\bsupposed to\b",
        r"\bby now\b",
    ),
    "labelling": (
        rf"\b{_IM} (?:such )?an? (?:failure|loser|idiot|fraud|fake|joke|disappointment|burden)\b",
        rf"\b{_IM} (?:so |too |just |really |completely |totally )?(?:stupid|dumb|useless|worthless"
        r"|hopeless|incompetent|unemployable|pathetic|not good enough|not smart enough|too old)\b",
        rf"\b{_IM} not (?:a )?real\b",
        r"\bnot a real (?:developer|engineer|programmer|coder)\b",
        r"\bsuch an? (?:failure|loser|idiot)\b",
    ),
    "personalisation": (
        r"\bmy fault\b",
        r"\bbecause of me\b",
        r"\bi let (?:them|him|her|everyone|my \w+) down\b",
        r"\bblame myself\b",
        r"\bif only i\b",
        r"\bsomething i (?:did|said)\b",
        r"\bwrong with me\b",
        rf"\b{_IM} the reason\b",
    ),
    "blaming": (
        r"\b(?:their|his|her|the (?:recruiter|company|market|manager|boss)'?s) fault\b",
        r"\bbecause of (?:them|him|her|the (?:market|economy|recruiter|company|manager|boss))\b",
        r"\b(?:they|he|she) (?:ruined|wasted|screwed|sabotaged)\b",
        r"\brigged\b",
        r"\bunfair\b",
        r"\bwasted my time\b",
        r"\bif (?:my|the) (?:old )?(?:boss|manager|company|recruiter) hadn'?t\b",
        r"\bheld me back\b",
    ),
}


@functools.cache
def _compiled_cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Compiled on first use: ninety patterns are start-up time the app's first frame can skip."""
    return {key: tuple(re.compile(cue) for cue in cues) for key, cues in DISTORTION_CUES.items()}


_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "have",
        "they",
        "them",
        "their",
        "from",
        "been",
        "just",
        "about",
        "what",
        "would",
        "could",
        "should",
        "there",
        "when",
        "will",
        "into",
        "because",
        "after",
        "again",
        "really",
        "even",
        "still",
        "than",
        "then",
        "were",
        "your",
        "yours",
        "mine",
        "some",
        "much",
        "very",
        "like",
        "feel",
        "felt",
        "know",
        "only",
        "also",
        "more",
        "most",
        "make",
        "made",
        "being",
        "does",
        "done",
        "want",
    ]
)
_WORD = re.compile(r"[a-z][a-z']+")

# Weights: a keyword the card lists names the situation, so it counts most; then the thinking
# trap (the top guess more than a later one); then any other word shared with the card's thought.
_KEYWORD_POINTS = 3
_TOP_DISTORTION_POINTS = 2
_OTHER_DISTORTION_POINTS = 1
_SHARED_WORD_POINTS = 1


def _normalise(text: str) -> str:
    return clean_line(text).lower().replace("\u2019", "'").replace("\u2018", "'")


@lru_cache(maxsize=1024)
def _content_words(text: str) -> frozenset[str]:
    words = (word.strip("'") for word in _WORD.findall(_normalise(text)))
    return frozenset(word for word in words if len(word) >= 4 and word not in _STOPWORDS)


@lru_cache(maxsize=1024)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """A keyword matches as whole words, with simple endings: reject -> rejected, rejection."""
    return re.compile(rf"(?<![\w']){re.escape(keyword.lower())}(?:s|es|d|ed|ing|ion|ions|er|ers)?(?![\w'])")


def guess_distortions(thought_text: str) -> list[str]:
    """Thinking-trap ids whose cues appear in the text, most cues first (ties in deck order)."""
    text = _normalise(thought_text)
    if not text:
        return []
    hits = {key: sum(1 for cue in cues if cue.search(text)) for key, cues in _compiled_cues().items()}
    found = [d.id for d in load_distortions() if hits.get(d.id, 0) > 0]
    return sorted(found, key=lambda key: -hits[key])  # stable: ties keep deck order


def _card_score(card: Card, text: str, guesses: list[str], words: frozenset[str]) -> int:
    score = 0
    if guesses and card.distortion == guesses[0]:
        score += _TOP_DISTORTION_POINTS
    elif card.distortion in guesses:
        score += _OTHER_DISTORTION_POINTS
    score += _KEYWORD_POINTS * sum(1 for word in card.keywords if _keyword_pattern(word).search(text))
    score += _SHARED_WORD_POINTS * len(words & _content_words(card.thought))
    return score


def suggest_cards(thought_text: str, cards: Iterable[Card], limit: int = 3) -> list[Card]:
    """The cards that best answer a thought, best first; ties go by id so the order never wobbles."""
    text = _normalise(thought_text)
    if not text or limit <= 0:
        return []
    guesses = guess_distortions(text)
    words = _content_words(text)
    scored = [(_card_score(card, text, guesses, words), card) for card in cards]
    ranked = sorted(
        ((score, card) for score, card in scored if score > 0),
        key=lambda pair: (-pair[0], pair[1].id, pair[1].source),
    )
    return [card for _, card in ranked[:limit]]


# -- thought records ----------------------------------------------------------------------------


def _intensity(value: Any) -> int:
    """The before intensity; a record that lost it (or a FreeCBT import, which never asks) reads as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _application_id(value: Any) -> str | None:
    return str(value) if value else None


class ThoughtRecord(Record):
    """One worked-through thought: what happened, what was thought, and how strong it felt."""

    automatic_thought: str = field()
    intensity_before: int = field(kind="custom", read=_intensity)
    mood: str = field(default="")
    situation: str = field(default="", kind="block")
    application_id: str | None = field(default=None, kind="custom", read=_application_id)
    distortions: list[str] = field(default_factory=list, kind="strings")
    evidence_for: str = field(default="", kind="block")
    evidence_against: str = field(default="", kind="block")
    balanced_thought: str = field(default="", kind="block")
    intensity_after: int | None = field(default=None, kind="int")
    created_at: str = field(default="")
    id: str = field(default="")

    @property
    def relief(self) -> int | None:
        """How much the feeling eased (negative if it grew); None until the after is filled in."""
        if self.intensity_after is None:
            return None
        return self.intensity_before - self.intensity_after


def _intensity_message(label: str, value: int | None, *, required: bool) -> str | None:
    if value is None:
        return f"How strong is the feeling {label}? Pick a number from 0 to 100." if required else None
    if isinstance(value, bool) or not isinstance(value, int) or value not in INTENSITY_RANGE:
        return f"The strength of the feeling {label} is {value}; please use a whole number from 0 to 100."
    return None


def parse_intensity(text: str, label: str) -> int | None:
    """A 0-100 intensity as typed ("70", "70%"); empty means the step was skipped (None)."""
    value = text.strip().removesuffix("%").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and len(value) <= 3 and int(value) in INTENSITY_RANGE:
        return int(value)
    # "Strength" is the word the thought record's form uses for this number.
    typed = clean_line(text)
    raise ReframeError([f"The strength of the feeling {label} is '{typed}'; please use a whole number from 0 to 100."])


def _clean_distortion_ids(distortions: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in distortions:
        key = clean_line(raw).lower()
        if key and key not in cleaned:
            cleaned.append(key)
    return cleaned


def validate_thought_record(
    automatic_thought: str,
    intensity_before: int | None,
    intensity_after: int | None = None,
    *,
    mood: str = "",
    situation: str = "",
    distortions: Iterable[str] = (),
    evidence_for: str = "",
    evidence_against: str = "",
    balanced_thought: str = "",
) -> list[str]:
    """Kind messages for everything that stops this record being saved; empty when it is fine."""
    thought = clean_line(automatic_thought)
    messages: list[str] = []
    if not thought:
        messages.append("Write down the thought that showed up; a few words are enough.")
    for label, value, required in (("before", intensity_before, True), ("after", intensity_after, False)):
        message = _intensity_message(label, value, required=required)
        if message:
            messages.append(message)
    messages += [
        _unknown_distortion_message(key) for key in _clean_distortion_ids(distortions) if find_distortion(key) is None
    ]
    messages += _length_messages(
        [
            ("thought", thought, MAX_THOUGHT),
            ("mood word", clean_line(mood), MAX_MOOD),
            ("situation", clean_block(situation), MAX_NOTE),
            ("evidence for", clean_block(evidence_for), MAX_NOTE),
            ("evidence against", clean_block(evidence_against), MAX_NOTE),
            ("balanced thought", clean_block(balanced_thought), MAX_NOTE),
        ]
    )
    return messages


def make_thought_record(
    automatic_thought: str,
    intensity_before: int | None,
    intensity_after: int | None = None,
    *,
    now: datetime,
    mood: str = "",
    situation: str = "",
    application_id: str | None = None,
    distortions: Iterable[str] = (),
    evidence_for: str = "",
    evidence_against: str = "",
    balanced_thought: str = "",
) -> ThoughtRecord:
    """A cleaned thought record; the id is left empty for the store to assign."""
    distortions = list(distortions)
    messages = validate_thought_record(
        automatic_thought,
        intensity_before,
        intensity_after,
        mood=mood,
        situation=situation,
        distortions=distortions,
        evidence_for=evidence_for,
        evidence_against=evidence_against,
        balanced_thought=balanced_thought,
    )
    if messages:
        raise ReframeError(messages)
    assert intensity_before is not None  # validation above requires it
    return ThoughtRecord(
        automatic_thought=clean_line(automatic_thought),
        intensity_before=intensity_before,
        intensity_after=intensity_after,
        mood=clean_line(mood),
        situation=clean_block(situation),
        application_id=clean_line(application_id or "") or None,
        distortions=_clean_distortion_ids(distortions),
        evidence_for=clean_block(evidence_for),
        evidence_against=clean_block(evidence_against),
        balanced_thought=clean_block(balanced_thought),
        created_at=timestamp(now),
    )


# What the journal and the FreeCBT importer call them.
thought_record_to_dict = ThoughtRecord.to_record
thought_record_from_dict = ThoughtRecord.from_record


def suggest_balanced_thought(thought: str, cards: Iterable[Card]) -> str:
    """A starting point for the balanced thought: the best matching card's reframe."""
    best = suggest_cards(thought, cards, limit=1)
    return best[0].reframe if best else FALLBACK_BALANCED_THOUGHT


def relief_trend(records: Iterable[ThoughtRecord]) -> list[int]:
    """Before minus after for each finished record, oldest first."""
    ordered = sorted(records, key=lambda record: record.created_at)
    return [relief for relief in (record.relief for record in ordered) if relief is not None]


# -- plain text for `companion card` ------------------------------------------------------------


def format_card_plain(
    card: Card, distortion: Distortion | None, *, title: str = "Today's card", width: int = 72
) -> str:
    """A card as plain text for the terminal (no markup: user cards are shown exactly as typed)."""

    def section(heading: str, body: str) -> list[str]:
        return [heading, *textwrap.wrap(body, width=width, initial_indent="  ", subsequent_indent="  "), ""]

    lines = [title, "", *section("The thought", card.thought)]
    lines += section("Another way to see it", card.reframe)
    if card.question:
        lines += section("Ask yourself", card.question)
    if card.action:
        lines += section("One small step", card.action)
    if distortion is not None:
        lines += section(f"Thinking trap: {distortion.name}", distortion.explanation)
    return "\n".join(lines).rstrip("\n")

"""Every function that reads what a person typed, fed hostile text: a value, or an InputError with a
message, and nothing else (a ValueError, TypeError or RecursionError would reach the person as a
traceback, because the command line and the forms catch InputError only).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given, settings, strategies as st

from companion import breathing, pipeline, reframe, wins
from companion.config import SETTINGS as CONFIG_SETTINGS, Config
from companion.dates import parse_user_date
from companion.errors import InputError
from companion.settings import change_setting, display_value
from companion.textsafe import (
    clean_block,
    clean_line,
    escape_markdown,
    neutralise_csv_cell,
)
from companion.transfer import parse_csv_date, parse_csv_stage
from tests.hostile.corpus import (
    BAD_DATES,
    GOOD_DATES,
    HOSTILE,
    assert_stored_clean,
    hostile_text,
)

TODAY = date(2026, 11, 27)
SETTINGS = settings(max_examples=50, deadline=None)
_digits = st.text(st.sampled_from("0123456789+-./ dw٤²½１"), max_size=30)
typed = st.one_of(hostile_text, _digits, st.sampled_from(BAD_DATES + GOOD_DATES))


@SETTINGS
@given(text=typed)
@example(text="+999w")
@example(text="９９９９-１２-３１")
def test_parse_user_date(text: str) -> None:
    try:
        day = parse_user_date(text, TODAY)
    except InputError as exc:
        assert str(exc)
        return
    assert isinstance(day, date)


@SETTINGS
@given(text=typed)
@example(text="100%")
def test_parse_intensity(text: str) -> None:
    try:
        value = reframe.parse_intensity(text, "before")
    except InputError:
        return
    assert value is None or 0 <= value <= 100


def test_parse_intensity_with_thousands_of_digits() -> None:
    with pytest.raises(InputError):
        reframe.parse_intensity("1" * 5000, "before")


@SETTINGS
@given(text=typed.filter(lambda t: not any(ch.isdigit() and not ch.isdecimal() for ch in t)))
def test_parse_feeling(text: str) -> None:
    try:
        value = pipeline.parse_feeling(text)
    except InputError:
        return
    assert value is None or 0 <= value <= 10


@pytest.mark.parametrize("text", ["²", "①", "5²"])
def test_parse_feeling_with_digits_that_are_not_decimal(text: str) -> None:
    with pytest.raises(InputError):
        pipeline.parse_feeling(text)


@SETTINGS
@given(text=typed)
def test_parse_stage_and_csv_stage(text: str) -> None:
    for parse in (pipeline.parse_stage, parse_csv_stage):
        try:
            stage = parse(text)
        except InputError as exc:
            assert_stored_clean(str(exc))
            continue
        assert stage in pipeline.STAGES


@SETTINGS
@given(text=typed, order=st.sampled_from([None, "dmy", "mdy"]))
@example(text="1" * 5000 + "-01-01", order=None)
@example(text="31/12/99999", order="dmy")
def test_parse_csv_date(text: str, order: str | None) -> None:
    try:
        day = parse_csv_date(text, order)
    except InputError as exc:
        assert_stored_clean(str(exc))
        return
    assert day is None or isinstance(day, date)


@SETTINGS
@given(name=st.sampled_from(sorted(n for n in CONFIG_SETTINGS if n != "keys")), text=typed)
@example(name="micro_break_minutes", text="1" * 5000)
@example(name="work_days", text="[[[[[[[[[[[[")
@example(name="theme", text="x" * 10_000)
def test_change_setting_from_typed_text(name: str, text: str) -> None:
    try:
        config = change_setting(Config(), name, text)
    except InputError as exc:
        assert name in str(exc)
        return
    # What the settings screen then shows can be typed back and means the same.
    assert getattr(change_setting(Config(), name, display_value(config, name)), name) == getattr(config, name)


@SETTINGS
@given(name=typed, phases=st.lists(typed, min_size=0, max_size=5))
def test_breathing_pattern_validation_never_raises(name: str, phases: list[str]) -> None:
    problems = breathing.validate_pattern(name, phases)
    if not problems:
        pattern = breathing.custom_pattern(name, phases)
        assert pattern.name == clean_line(name)
        assert all(0 <= phase.seconds <= breathing.MAX_PHASE_SECONDS for phase in pattern.phases)


@SETTINGS
@given(text=hostile_text, tags=st.lists(hostile_text, max_size=4))
def test_win_preparation(text: str, tags: list[str]) -> None:
    try:
        cleaned, all_tags = wins.prepare(text, tags)
    except InputError as exc:
        assert str(exc)
        return
    assert cleaned == clean_line(text) and 0 < len(cleaned) <= wins.MAX_TEXT
    for tag in all_tags:
        assert_stored_clean(tag)
        assert tag and len(tag) <= wins.MAX_TAG


@SETTINGS
@given(company=hostile_text, role=hostile_text, notes=hostile_text, url=hostile_text)
def test_application_details(company: str, role: str, notes: str, url: str) -> None:
    try:
        details = pipeline.Details(company=company, role=role, notes=notes, url=url).cleaned()
    except InputError as exc:
        assert str(exc)
        return
    assert (details.company, details.role, details.url) == (clean_line(company), clean_line(role), clean_line(url))
    assert details.notes == clean_block(notes)
    assert_stored_clean(details.notes, multiline=True)


@SETTINGS
@given(thought=hostile_text, reframe_text=hostile_text, question=hostile_text, action=hostile_text)
def test_user_card_fields(thought: str, reframe_text: str, question: str, action: str) -> None:
    problems = reframe.validate_card_fields(thought, "labelling", reframe_text, question, action)
    if problems:
        return
    card = reframe.make_user_card(
        thought, "labelling", reframe_text, question, action, now=datetime(2026, 11, 27, 10, 30)
    )
    assert (card.thought, card.reframe, card.question, card.action) == tuple(
        clean_line(t) for t in (thought, reframe_text, question, action)
    )
    reframe.guess_distortions(thought)  # the matcher takes any text
    reframe.suggest_cards(thought, reframe.load_deck())


@SETTINGS
@given(text=st.one_of(hostile_text, st.text()))
@example(text="".join(HOSTILE))
def test_cleaning_is_total_idempotent_and_leaves_no_controls(text: str) -> None:
    line, block = clean_line(text), clean_block(text)
    assert clean_line(line) == line and clean_block(block) == block
    assert_stored_clean(line)
    assert_stored_clean(block, multiline=True)
    assert not neutralise_csv_cell(line).startswith(("=", "+", "-", "@", "\t", "\r"))
    escape_markdown(block)

"""The cycle collector is paused only for the block, and left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from companion import collector, datafile


@pytest.fixture(autouse=True)
def collector_on_after() -> Iterator[None]:
    yield
    gc.enable()


def test_paused_for_the_block_and_on_again_after_it() -> None:
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error_in_the_block() -> None:
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_left_off_when_it_was_off_already() -> None:
    gc.disable()
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_parse_leaves_it_on_whether_the_text_reads_or_not() -> None:
    assert datafile.parse(b'{"wins": {"1": {"text": "x", "id": "a"}}}') == {"wins": {"1": {"text": "x", "id": "a"}}}
    assert gc.isenabled()
    with pytest.raises(datafile.UnreadableText):
        datafile.parse(b'{"wins": ')
    assert gc.isenabled()

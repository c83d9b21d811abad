"""Wins: capture rules, tags, search, the forgiving week line and the brag document."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from companion import wins
from companion.store import Store
from tests.conftest import FIXED_NOW


def test_add_cleans_text_and_collects_hashtags(store: Store) -> None:
    win = wins.add_win(
        store, "  Nailed the \x1b[31msystem design\x1b[0m round #Interview ", ["Growth", "#growth"], now=FIXED_NOW
    )
    assert win.text == "Nailed the system design round #Interview"
    assert win.tags == ["growth", "interview"]
    assert win.created_at == "2026-11-27T10:30:00+00:00"
    assert wins.all_wins(store) == [win]


@pytest.mark.parametrize("text", ["", "   ", "\x1b[2J", "\x00\x07"])
def test_empty_or_invisible_text_is_refused_and_nothing_is_written(store: Store, text: str) -> None:
    with pytest.raises(wins.WinError, match="even a tiny one counts"):
        wins.add_win(store, text, now=FIXED_NOW)
    assert not store.path.exists()


def test_overlong_text_is_refused_with_the_limit(store: Store) -> None:
    with pytest.raises(wins.WinError, match="under 500"):
        wins.add_win(store, "x" * 501, now=FIXED_NOW)


def test_markup_looking_text_is_kept_literally(store: Store) -> None:
    text = "[bold]Shipped[/] [TODO] [link=https://x]me[/link] $var"
    assert wins.add_win(store, text, now=FIXED_NOW).text == text


def test_update_and_delete(store: Store) -> None:
    win = wins.add_win(store, "first draft", now=FIXED_NOW)
    later = FIXED_NOW + timedelta(hours=1)
    updated = wins.update_win(store, win.id, "final draft", ["writing"], now=later)
    assert (updated.text, updated.tags, updated.created_at) == ("final draft", ["writing"], win.created_at)
    assert updated.updated_at == "2026-11-27T11:30:00+00:00"
    assert wins.delete_win(store, win.id)
    with pytest.raises(wins.WinError, match="no longer there"):
        wins.update_win(store, win.id, "ghost", [], now=later)


def _win(text: str, when: datetime, tags: list[str] | None = None) -> wins.Win:
    return wins.Win(text=text, tags=tags or [], created_at=when.isoformat(), updated_at=when.isoformat())


def test_search_and_filters() -> None:
    items = [
        _win("Recruiter replied from Acme", FIXED_NOW, ["networking"]),
        _win("Finished the graph algorithms course", FIXED_NOW - timedelta(days=10), ["learning"]),
        _win("Mock interview went well", FIXED_NOW - timedelta(days=2), ["interview", "practice"]),
    ]
    assert [w.text for w in wins.filter_wins(items, query="ACME recruiter")] == ["Recruiter replied from Acme"]
    assert [w.text for w in wins.filter_wins(items, query="#learning")] == ["Finished the graph algorithms course"]
    assert wins.filter_wins(items, query="#learn") == []  # #tag is exact
    assert len(wins.filter_wins(items, query="learn")) == 1  # a word matches inside tags too
    assert len(wins.filter_wins(items, since=date(2026, 11, 20))) == 2
    assert [w.text for w in wins.filter_wins(items, tag="#Interview")] == ["Mock interview went well"]


def test_week_summary_is_forgiving() -> None:
    friday = FIXED_NOW.date()
    assert wins.week_summary([], friday).line() == "A fresh week: one small win is enough to start."
    items = [
        _win("a", datetime(2026, 11, 23, 9)),  # Monday
        _win("b", datetime(2026, 11, 23, 17)),
        _win("c", datetime(2026, 11, 26, 9)),  # Thursday
        _win("last week", datetime(2026, 11, 20, 9)),
    ]
    summary = wins.week_summary(items, friday)
    assert (summary.count, summary.days_with_wins, summary.days_so_far) == (3, 2, 5)
    assert summary.line() == "3 wins this week, on 2 days."
    assert summary.line(streaks=False) == "3 wins this week."  # the setting turns the day count off
    assert "lost" not in summary.line() and "broke" not in summary.line()


def test_brag_document_groups_by_month_and_tag_and_escapes_text() -> None:
    items = [
        _win("Gave a *talk* on [testing]", datetime(2026, 11, 3), ["speaking", "community"]),
        _win("Passed the take-home", datetime(2026, 11, 20), ["interview"]),
        _win("Untagged <b>win</b>", datetime(2026, 10, 30)),
    ]
    doc = wins.brag_document(items, now=FIXED_NOW)
    assert doc.index("## November 2026") < doc.index("## October 2026")
    assert "### interview\n\n- 2026-11-20: Passed the take-home" in doc
    assert r"- 2026-11-03: Gave a \*talk\* on \[testing\] _(community)_" in doc
    assert r"### Other wins" in doc and r"Untagged \<b\>win\</b\>" in doc
    assert wins.brag_document([], now=FIXED_NOW).count("No wins logged yet") == 1


def test_normalise_tags() -> None:
    assert wins.normalise_tags(["#Big Win", "big-win", "a,b", "  ", "\x1b[1mbold"]) == ["big-win", "a", "b", "bold"]


def test_ten_thousand_wins_round_trip(store: Store) -> None:
    with store.transaction() as tx:
        tx.insert_many("wins", [_win(f"win {n}", FIXED_NOW - timedelta(minutes=n)).to_record() for n in range(10_000)])
    everything = wins.all_wins(store)
    assert len(everything) == 10_000 and everything[0].text == "win 0" and everything[-1].text == "win 9999"


def test_typing_a_search_key_by_key_finds_what_a_search_from_scratch_finds(store: Store) -> None:
    """The log narrows from the last search while the query goes on; a #tag typed on is matched whole."""
    texts = ["#py talk", "#python course", "pair on python", "py at work #py", "PYTHON meetup #pyconf", "other"]
    for n, text in enumerate(texts):
        wins.add_win(store, text, now=datetime(2026, 11, 30, 9, n))
    log = wins.WinLog.read(store)
    for query in ["#py", "#pyt", "#python", "#python c", "py", "pyt", "pyth", "python m", "python  me", "P", "Py"]:
        typed = ""
        for key in query:
            typed += key
            narrowed = log.search(typed)
            assert narrowed == wins.WinLog.read(Store(store.directory)).search(typed), typed  # a fresh log


def test_a_search_prepared_before_typing_finds_what_an_unprepared_one_finds(store: Store) -> None:
    """The wins screen prepares the search index when the field opens, in a worker; the results are the same."""
    for n, text in enumerate(["Shipped the CLI #work", "asked for FEEDBACK", "ßtraße walk", "work on #cli"]):
        wins.add_win(store, text, now=datetime(2026, 11, 30, 9, n))
    prepared, unprepared = wins.WinLog.read(store), wins.WinLog.read(Store(store.directory))
    index = prepared.prepare_search()
    assert len(index) == 4 and ("asked for feedback", []) in index and prepared.prepare_search() is index
    for query in ["work", "#work", "feedback", "STRASSE", "ßtraße", "#cli", "nothing"]:
        assert prepared.search(query) == unprepared.search(query), query


def test_a_win_stored_with_another_utc_offset_counts_on_the_day_it_was_here(store: Store) -> None:
    """Logged at 23:30 in New York on the 29th is the 30th at 04:30 here (tests run in UTC)."""
    store.insert(wins.TABLE, {"text": "from the other laptop", "created_at": "2026-11-29T23:30:00-05:00"})
    assert [win.text for win in wins.wins_since(store, date(2026, 11, 30))] == ["from the other laptop"]

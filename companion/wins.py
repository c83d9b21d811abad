"""Small wins: capture, tags, search, a forgiving week view and the brag document.

A long search hides progress. Writing down small wins (a good question asked, a recruiter reply,
a concept finally understood) gives the person evidence against "I'm getting nowhere".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from companion.dates import instant, timestamp, timestamp_or_oldest, week_start
from companion.errors import InputError
from companion.records import Record, field, string_list
from companion.store import Store
from companion.textsafe import clean_line, escape_markdown

if TYPE_CHECKING:
    from companion.store import Record as StoredFields, Stored

TABLE = "wins"
MAX_TEXT = 500
MAX_TAG = 32
# A tag is written whole: #c++, #c#, #node.js, #front-end; a full stop or dash that ends it ends the sentence.
_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w+#.-]*)", re.UNICODE)
_SENTENCE_END = ".,;:!?-"


class WinError(InputError):
    """A win that cannot be saved as given; the message says what would work."""


class Win(Record):
    """One small win as stored: its text, tags, ISO timestamps and stable id."""

    text: str = field(kind="line", limit=MAX_TEXT)
    tags: list[str] = field(default_factory=list, kind="strings")
    created_at: str = field(default="")
    updated_at: str = field(default="")
    id: str = field(default="")

    @property
    def created(self) -> datetime:
        """When it was logged; a hand-edited time that does not parse sorts as the oldest."""
        return timestamp_or_oldest(self.created_at)


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Lower-case, no leading '#' nor trailing full stop, spaces to dashes, no duplicates, order kept.

    `c++`, `c#` and `node.js` keep their signs: they name different things than `c` and `node`.
    """
    result: list[str] = []
    for raw in tags:
        for piece in str(raw).split(","):
            tag = clean_line(piece).lstrip("#").strip().rstrip(_SENTENCE_END).lower().replace(" ", "-")[:MAX_TAG]
            if tag and tag not in result:
                result.append(tag)
    return result


def prepare(text: str, tags: Iterable[str] = ()) -> tuple[str, list[str]]:
    """Clean the text, refuse what cannot be a win, and collect #hashtags as tags too."""
    cleaned = clean_line(text)
    if not cleaned:
        raise WinError("a win needs a few words: even a tiny one counts")
    if len(cleaned) > MAX_TEXT:
        raise WinError(f"that win is {len(cleaned)} characters; please keep it under {MAX_TEXT}")
    return cleaned, normalise_tags([*tags, *_HASHTAG.findall(cleaned)])


def add_win(store: Store, text: str, tags: Iterable[str] = (), *, now: datetime) -> Win:
    cleaned, all_tags = prepare(text, tags)
    stamp = timestamp(now)
    win = Win(text=cleaned, tags=all_tags, created_at=stamp, updated_at=stamp)
    return Win.from_record(store.insert(TABLE, win.to_record()))


def update_win(store: Store, win_id: str, text: str, tags: Iterable[str], *, now: datetime) -> Win:
    cleaned, all_tags = prepare(text, tags)
    record = store.update(TABLE, win_id, {"text": cleaned, "tags": all_tags, "updated_at": timestamp(now)})
    if record is None:
        raise WinError("that win is no longer there (it may have been deleted elsewhere)")
    return Win.from_record(record)


def delete_win(store: Store, win_id: str) -> bool:
    return store.remove(TABLE, win_id)


def find_win(store: Store, id_or_prefix: str) -> Win:
    """A win by its id or a unique start of it, as people type it on the command line."""
    wanted = clean_line(id_or_prefix).strip().lower()
    matches = [Win.from_record(record) for record in store.find_by_prefix(TABLE, wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise WinError(f"no win has an id starting with '{wanted[:40]}' (`companion wins --json` lists ids)")
    shown = ", ".join(f"{win.id[:8]} {win.text[:30]}" for win in matches[:5])
    raise WinError(f"'{wanted[:40]}' fits {len(matches)} wins ({shown}); type a few more characters")


def all_wins(store: Store) -> list[Win]:
    """Every win, newest first (a copy of the list: worked out again only when the wins changed)."""
    return [*WinLog.read(store)]


def tag_line(tags: Iterable[str]) -> str:
    """Tags as people write them: `#interview #python`."""
    return " ".join("#" + tag for tag in tags)


def _newest_first(stored: list[Stored]) -> list[Stored]:
    """By the moment each was logged (time zones and machines agree on it); within one second the
    one added later (the higher doc_id) first."""
    stored.sort(key=_log_order, reverse=True)
    return stored


def _log_order(stored: Stored) -> tuple[float, int]:
    doc_id, record = stored
    return instant(record.get("created_at")), doc_id


class WinLog:
    """Every win as stored, newest first, made into `Win` objects only for the rows asked for.

    A screen shows a window of a log that may hold 100,000 wins: reading them all as objects (and
    parsing every time for the week's count) would make each refresh grow with the log.
    """

    def __init__(self, stored: list[Stored]) -> None:
        in_order = _newest_first(stored)
        self._records: list[StoredFields] = [record for _, record in in_order]  # the store's own: only read
        self._doc_ids = [doc_id for doc_id, _ in in_order]
        self._index: list[tuple[str, list[str]]] | None = None
        self._widest: tuple[Callable[[str], int], int, int] | None = None
        self._last_search: tuple[str, list[int] | None] = ("", None)

    @classmethod
    def read(cls, store: Store) -> WinLog:
        """The log as stored now; the same object until the wins change (the store keeps it, and after
        a commit of its own puts the changed wins into a copy rather than sorting every win again)."""
        return store.derived(TABLE, cls, cls.patched)

    def patched(self, changed: list[Stored], removed_ids: set[str]) -> WinLog:
        """A new log: this one with `changed` put in (each replacing the win of its id) and `removed_ids` gone.

        What `WinLog(every record)` would be, in time that grows with the changes, not the log (the
        search index and widths are carried over too); a test holds the two equal.
        """
        gone = removed_ids | {str(record.get("id")) for _, record in changed}
        kept = [n for n, record in enumerate(self._records) if record.get("id") not in gone]
        log = WinLog([])
        log._records = [self._records[n] for n in kept]
        log._doc_ids = [self._doc_ids[n] for n in kept]
        log._index = None if self._index is None else [self._index[n] for n in kept]
        if self._widest is not None and len(kept) == len(self._records):  # only added: widths can only grow
            measure, text, tags = self._widest
            for _, record in changed:
                shown_text, shown_tags = _shown(record)
                text, tags = max(text, measure(shown_text)), max(tags, measure(shown_tags))
            log._widest = measure, text, tags
        for doc_id, record in changed:
            place = log._place_for((doc_id, record))
            log._records.insert(place, record)
            log._doc_ids.insert(place, doc_id)
            if log._index is not None:
                log._index.insert(place, _search_entry(record))
        return log

    def _place_for(self, stored: Stored) -> int:
        """Where a record goes to keep the log newest first: a binary search."""
        wanted, low, high = _log_order(stored), 0, len(self._records)
        while low < high:
            middle = (low + high) // 2
            if _log_order((self._doc_ids[middle], self._records[middle])) > wanted:
                low = middle + 1
            else:
                high = middle
        return low

    def __len__(self) -> int:
        return len(self._records)

    def win(self, position: int) -> Win:
        return Win.from_record(self._records[position])

    def newest(self, count: int) -> list[Win]:
        return [Win.from_record(record) for record in self._records[:count]]

    def since(self, day: date) -> list[Win]:
        """Wins on or after `day`, newest first: only the records that can be that recent are read."""
        start = _stored_from(day)
        recent = []
        for record in self._records:
            if str(record.get("created_at", "")) < start:
                break
            recent.append(Win.from_record(record))
        return [win for win in recent if win.created.date() >= day]

    def __iter__(self) -> Iterator[Win]:
        return (Win.from_record(record) for record in self._records)

    def position_of(self, win_id: str) -> int | None:
        return next((n for n, record in enumerate(self._records) if record.get("id") == win_id), None)

    def widest(self, measure: Callable[[str], int]) -> tuple[int, int]:
        """The widest text and the widest tag line (`#a #b`) in cells, as `measure` counts them."""
        if self._widest is None or self._widest[0] is not measure:
            shown = [_shown(record) for record in self._records]
            texts = max((measure(text) for text, _ in shown), default=0)
            self._widest = measure, texts, max((measure(tags) for _, tags in shown), default=0)
        return self._widest[1:]

    def prepare_search(self) -> list[tuple[str, list[str]]]:
        """Each win's lower-cased text and tags, made once per log (10,000 wins: about 8 ms, which a
        screen can spend when the search field opens rather than on the first key typed into it)."""
        if self._index is None:
            self._index = [_search_entry(record) for record in self._records]
        return self._index

    def search(self, query: str) -> list[int]:
        """Positions of the wins that `matches` the query; the lower-cased text is prepared once per log.

        Typing narrows: when the query goes on from the last one searched in this log, only that
        search's matches are looked at again (a word grown longer can only match less; a `#tag` is
        matched whole, so a grown tag is searched for in every win).
        """
        index, words = self.prepare_search(), query.lower().split()
        last_query, last_found = self._last_search
        if last_found is not None and _narrows(last_query, query):
            found = [n for n in last_found if _matches_words(*index[n], words)]
        else:
            found = [n for n, (text, tags) in enumerate(index) if _matches_words(text, tags, words)]
        self._last_search = query, found  # one tuple: a search worker still running reads it whole
        return found


def _narrows(before: str, now: str) -> bool:
    """Whether every win matching `now` also matches `before`: `now` goes on from it, and the word
    typed on is not a `#tag` (matched whole)."""
    if not before.strip() or not now.lower().startswith(before.lower()):
        return False
    last_word = before.split()[-1]
    return not last_word.startswith("#") or before[-1:].isspace()


def _stored_from(day: date) -> str:
    """The earliest stored `created_at` text that can fall on `day` or later here: two days' margin,
    as a time stored with another UTC offset sorts by its own date (each win's day is checked after)."""
    return (day - timedelta(days=2)).isoformat()


def _shown(record: StoredFields) -> tuple[str, str]:
    """A win's text and its tag line (`#a #b`), as the log shows them and measures their widths."""
    return str(record.get("text", "")), tag_line(string_list(record.get("tags")))


def _search_entry(record: StoredFields) -> tuple[str, list[str]]:
    return str(record.get("text", "")).lower(), string_list(record.get("tags"))


def wins_since(store: Store, day: date) -> list[Win]:
    """Wins on or after `day`, newest first; skips building objects for older ones (fast at 10,000)."""
    candidates = (Win.from_record(record) for record in store.since(TABLE, "created_at", _stored_from(day)))
    wins = [win for win in candidates if win.created.date() >= day]  # a garbled time never counts as recent
    wins.sort(key=lambda win: win.created_at, reverse=True)
    return wins


def newest(store: Store, count: int, today: date, recent: list[Win] | None = None) -> list[Win]:
    """The newest `count` wins, looking back a month, then a year, before reading them all.

    `recent`: wins already read since some day (newest first), enough when it holds `count`.
    """
    if recent is not None and len(recent) >= count:
        return recent[:count]
    for days in (31, 366):
        found = wins_since(store, today - timedelta(days=days))
        if len(found) >= count:
            return found[:count]
    return WinLog.read(store).newest(count)


def matches(win: Win, query: str) -> bool:
    """Every word of the query must appear in the text or a tag; `#tag` matches a tag exactly."""
    return _matches_words(win.text.lower(), win.tags, query.lower().split())


def _matches_words(haystack: str, tags: list[str], words: list[str]) -> bool:
    for word in words:
        if word.startswith("#") and len(word) > 1:
            if word[1:] not in tags:
                return False
        elif word not in haystack and not any(word in tag for tag in tags):
            return False
    return True


def filter_wins(
    wins: Iterable[Win], *, since: date | None = None, tag: str | None = None, query: str = ""
) -> list[Win]:
    wanted_tag = normalise_tags([tag])[0] if tag and normalise_tags([tag]) else None
    return [
        win
        for win in wins
        if (since is None or win.created.date() >= since)
        and (wanted_tag is None or wanted_tag in win.tags)
        and (not query or matches(win, query))
    ]


class WeekSummary(Record):
    """This week so far: wins, the days that had one, and the days gone by (Monday counts as 1)."""

    count: int = field()
    days_with_wins: int = field()
    days_so_far: int = field()

    def line(self, *, streaks: bool = True) -> str:
        """Counts what happened; never what did not. No 'streak lost', ever.

        The forgiving streak is the days with a win this week; `streaks=False` (a setting) leaves it out.
        """
        if self.count == 0:
            return "A fresh week: one small win is enough to start."
        wins = "win" if self.count == 1 else "wins"
        if not streaks:
            return f"{self.count} {wins} this week."
        days = "day" if self.days_with_wins == 1 else "days"
        return f"{self.count} {wins} this week, on {self.days_with_wins} {days}."


def week_summary(wins: Iterable[Win], today: date) -> WeekSummary:
    start = week_start(today)
    this_week = [win for win in wins if start <= win.created.date() <= today]
    days = {win.created.date() for win in this_week}
    return WeekSummary(len(this_week), len(days), (today - start).days + 1)


def brag_document(wins: Iterable[Win], *, now: datetime) -> str:
    """Markdown grouped by month (newest first), then by tag; user text escaped, never interpreted."""
    by_month: dict[str, dict[str, list[Win]]] = defaultdict(lambda: defaultdict(list))
    for win in sorted(wins, key=lambda w: w.created_at, reverse=True):
        by_month[_month_heading(win.created)][win.tags[0] if win.tags else ""].append(win)
    lines = [
        "# Brag document",
        "",
        f"_Made by companion on {now.date().isoformat()}: evidence of progress, kept as it happened._",
        "",
    ]
    if not by_month:
        lines.append("No wins logged yet. The first small one is waiting to be written down.")
    for month in by_month:
        lines += [f"## {month}", ""]
        groups = by_month[month]
        for tag in sorted(groups, key=lambda t: (t == "", t)):
            lines += [f"### {escape_markdown(tag) if tag else 'Other wins'}", ""]
            for win in groups[tag]:
                extra = [t for t in win.tags if t != tag]
                suffix = f" _({', '.join(escape_markdown(t) for t in extra)})_" if extra else ""
                day = win.created.date().isoformat() if win.created != datetime.min else "undated"
                lines.append(f"- {day}: {escape_markdown(win.text)}{suffix}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _month_heading(moment: datetime) -> str:
    return "Undated" if moment == datetime.min else f"{moment:%B} {moment.year}"

"""The week in review: a Markdown page (parsed with markdown-it-py), and the Monday suggestion."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from markdown_it import MarkdownIt
from markdown_it.token import Token

from companion import breath_log, breathing, journal, pipeline, review, wins
from companion.store import Store
from tests.conftest import FIXED_NOW

MONDAY = date(2026, 11, 23)
HOSTILE = "[TODO] [/] *x* <b>"


def parsed(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(markdown)


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[n + 1].content for n, token in enumerate(tokens) if token.type == "heading_open"]


def items(tokens: list[Token], heading: str) -> list[str]:
    """The plain text of each list item under `heading` (inline children joined, as a reader sees it)."""
    start = next(n for n, token in enumerate(tokens) if token.type == "inline" and token.content == heading)
    found, n = [], start + 2
    while n < len(tokens) and tokens[n].type != "heading_open":
        if tokens[n].type == "inline" and tokens[n - 2].type == "list_item_open":
            found.append("".join(child.content for child in tokens[n].children or []))
        n += 1
    return found


def test_a_week_with_effort_wins_interviews_lessons_and_a_plan(store: Store) -> None:
    app = pipeline.add_application(store, pipeline.Details(f"Acme {HOSTILE}", "Dev"), now=datetime(2026, 11, 16, 9))
    pipeline.move(store, app.id, "interviewing", now=datetime(2026, 11, 24, 9))
    pipeline.move(store, app.id, "rejected", now=datetime(2026, 11, 26, 9))
    pipeline.save_debrief(
        store, app.id, 5, "clear answers", f"draw the design first {HOSTILE}", "", now=datetime(2026, 11, 26, 18)
    )
    pipeline.add_application(
        store, pipeline.Details("Globex", "SRE", follow_up_on=date(2026, 12, 1)), now=datetime(2026, 11, 25, 9)
    )
    wins.add_win(store, f"shipped my portfolio {HOSTILE}", now=datetime(2026, 11, 25, 12))
    wins.add_win(store, "last week's win", now=datetime(2026, 11, 20, 12))
    pattern = breathing.load_presets()[0]
    breath_log.record_session(
        store, pattern, breathing.SessionSummary(300.0, 5), started_at=datetime(2026, 11, 24, 8), finished=True
    )
    journal.toggle_plan(store, journal.entries(store)[0], journal.LEARNING_GOAL, now=FIXED_NOW)

    page = review.week_review(store, MONDAY + timedelta(days=3), now=FIXED_NOW, goal=2)
    tokens = parsed(page)
    assert headings(tokens) == [
        "Week in review: Mon 23 Nov to Sun 29 Nov 2026",
        "Effort, the part you control",
        "Wins",
        "Interviews",
        "What I learned",
        "Next week's plan",
    ]
    assert items(tokens, "Effort, the part you control") == [
        "Applications sent: 1 (goal: 2)",
        "Follow-ups: 0",
        "Feedback asked for: 0",
        "Interviews: 1",
        "Wins logged: 1",
        "Calm minutes: 5",
    ]
    assert items(tokens, "Wins") == [f"shipped my portfolio {HOSTILE}"]  # the person's text, not formatting
    assert items(tokens, "Interviews") == [f"Tue 24 Nov: Acme {HOSTILE} — Dev moved to interviewing"]
    [learned] = items(tokens, "What I learned")
    assert learned == (
        f"Acme {HOSTILE} — Dev: What went well: clear answers; What to try next: draw the design first {HOSTILE}"
    )
    assert items(tokens, "Next week's plan") == [
        f"Learning goal: draw the design first {HOSTILE}",
        "Follow up with Globex — SRE on Tue 1 Dec",
        "Send 2 applications (a goal, not a test: every one counts)",
    ]
    assert not any(
        token.type in ("html_inline", "html_block", "link_open", "em_open")
        for token in tokens
        for token in [token, *(token.children or [])]
    )


def test_an_empty_week_is_kind_in_every_section(store: Store) -> None:
    tokens = parsed(review.week_review(store, MONDAY, now=FIXED_NOW))
    text = " ".join(token.content for token in tokens if token.type == "inline")
    assert "A quiet week. Rest is part of a long search" in text
    assert "No interviews this week." in text and "Nothing planned yet" in text and "%" not in text


def test_the_default_week_is_this_one_or_on_a_monday_the_last() -> None:
    assert review.default_week(date(2026, 11, 27)) == MONDAY
    assert review.default_week(date(2026, 11, 30)) == MONDAY
    assert review.default_week(MONDAY) == date(2026, 11, 16)


def test_today_suggests_it_on_a_monday_until_it_is_opened(store: Store) -> None:
    monday = date(2026, 11, 30)
    assert not review.suggest_review(store, date(2026, 11, 27))
    assert review.suggest_review(store, monday)
    review.mark_review_seen(store, datetime(2026, 11, 30, 9))
    assert not review.suggest_review(store, monday)
    review.mark_review_seen(store, datetime(2026, 11, 30, 10))  # again: still one record
    assert len(store.all(review.STATE_TABLE)) == 1
    assert review.suggest_review(store, date(2026, 12, 7))

"""`companion stats`, `companion journal` and `companion review`: what the search has taught so far."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from companion import insights, journal, review
from companion.commands.transfer import emit
from companion.context import Context
from companion.dates import parse_user_date
from companion.errors import InputError


class ReviewFileExists(InputError):
    """`-o FILE` names a file that is already there: it may hold the person's own edits."""


def _json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


def cmd_stats(args: argparse.Namespace, context: Context) -> int:
    today = context.now().date()
    since = parse_user_date(args.since, today, looking_back=True) if args.since else None
    found = insights.gather(context.store, today=today, since=since, goal=context.config.weekly_goal)
    if args.json:
        _json(found.to_json())
        return 0
    print("\n".join(insights.text_lines(found)))
    if not found.sent:
        print("\n`companion app add COMPANY ROLE --source referral` adds one; the app's Pipeline has the same.")
    return 0


def cmd_journal(args: argparse.Namespace, context: Context) -> int:
    found = (
        journal.search(journal.entries(context.store), args.search) if args.search else journal.entries(context.store)
    )
    if args.json:
        _json([entry.to_json() for entry in found])
        return 0
    if not found:
        print(journal.empty_line(searching=bool(args.search)))
        return 0
    print("\n\n".join("\n".join(entry.lines()) for entry in found))
    return 0


def cmd_review(args: argparse.Namespace, context: Context) -> int:
    now = context.now()
    start = parse_user_date(args.week, now.date(), looking_back=True) if args.week else review.default_week(now.date())
    output = args.output
    if output not in (None, "-") and Path(output).expanduser().exists() and not args.force:
        raise ReviewFileExists(
            f"{output} is already there and may hold your own notes; add --force to replace it, or choose another name"
        )
    emit(review.week_review(context.store, start, now=now, goal=context.config.weekly_goal), output)
    return 0

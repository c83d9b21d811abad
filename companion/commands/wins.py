"""`companion win` and `companion wins`: the quickest way to write down progress."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from companion import wins
from companion.context import Context
from companion.dates import parse_user_date, week_start

if TYPE_CHECKING:
    import argparse


def _read_text(args: argparse.Namespace) -> str:
    if args.text:
        return " ".join(args.text)
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return input("A small win (Enter saves, Ctrl+C cancels): ")
        except EOFError:
            return ""
    return sys.stdin.read() if sys.stdin is not None else ""


def cmd_win(args: argparse.Namespace, context: Context) -> int:
    win = wins.add_win(context.store, _read_text(args), args.tag, now=context.now())
    today = context.now().date()
    summary = wins.week_summary(wins.wins_since(context.store, week_start(today)), today)
    tags = f" ({' '.join('#' + tag for tag in win.tags)})" if win.tags else ""
    print(f"Saved: {win.text}{tags}. {summary.line(streaks=context.config.streaks)}")
    return 0


def cmd_wins(args: argparse.Namespace, context: Context) -> int:
    if args.action == "delete":
        return _delete(args, context)
    since = parse_user_date(args.since, context.now().date(), looking_back=True) if args.since else None
    chosen = wins.filter_wins(wins.all_wins(context.store), since=since, tag=args.tag, query=args.search)
    if args.json:
        json.dump([win.to_record() for win in chosen], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not chosen:
        filtered = args.since or args.tag or args.search
        print("No wins match that." if filtered else 'No wins yet. `companion win "..."` adds one.')
    for win in chosen:
        tags = "  " + " ".join("#" + tag for tag in win.tags) if win.tags else ""
        print(f"{win.created_at[:16].replace('T', ' ')}  {win.text}{tags}")
    return 0


def _delete(args: argparse.Namespace, context: Context) -> int:
    """`companion wins delete ID-or-prefix`: undo a typo in a quick-add without opening the app."""
    from companion.commands.confirm import confirmed

    if not args.target:
        raise wins.WinError("which win? give its id or the start of it (`companion wins --json` lists ids)")
    found = wins.find_win(context.store, args.target)
    if not confirmed(f"the win '{found.text[:60]}'", yes=args.yes):
        return 0
    wins.delete_win(context.store, found.id)
    print(f"Deleted the win '{found.text[:60]}'.")
    return 0

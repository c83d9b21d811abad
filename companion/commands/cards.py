"""`companion card`: today's reframing card as plain text, quick enough for a shell greeting."""

from __future__ import annotations

import argparse

from companion import reframe
from companion.card_store import card_of_the_day_for
from companion.context import Context
from companion.dates import parse_user_date


def cmd_card(args: argparse.Namespace, context: Context) -> int:
    today = context.now().date()
    day = parse_user_date(args.date, today) if args.date is not None else today
    card = card_of_the_day_for(day)
    title = "Today's card" if day == today else f"The card for {day:%A} {day.day} {day:%B %Y}"
    print(reframe.format_card_plain(card, reframe.find_distortion(card.distortion), title=title))
    return 0

"""The first run: a short welcome, shown once per data dir."""

from __future__ import annotations

from datetime import datetime

from companion.dates import timestamp
from companion.store import Store

STATE_TABLE = "state"
WELCOME_ID = "welcome"

AREAS = (  # the binding id of each area's key (companion.keynames), its name, what it is for
    ("today", "Today", "where things stand, and one small next step"),
    ("pipeline", "Pipeline", "applications, follow-ups, a debrief after a no"),
    ("wins", "Wins", "small wins; {key:quick_win} adds one from anywhere"),
    ("breathe", "Breathe", "paced breathing; the animation can be turned off"),
    ("reframe", "Reframe", "from a harsh thought to a kinder, truer one"),
    ("people", "People", "recruiters, referrers, mentors, peers: who carries the search with you"),
)


def needs_welcome(store: Store) -> bool:
    """Only a data dir that has never been written to gets the welcome."""
    return store.signature() is None


def mark_welcomed(store: Store, now: datetime) -> None:
    store.insert(STATE_TABLE, {"id": WELCOME_ID, "seen_at": timestamp(now)})

"""The first run: a short welcome, shown once per data dir."""

from __future__ import annotations

from datetime import datetime

from companion.dates import timestamp
from companion.store import Store

STATE_TABLE = "state"
WELCOME_ID = "welcome"

AREAS = (
    ("t", "Today", "where things stand, and one small next step"),
    ("p", "Pipeline", "applications, follow-ups, a debrief after a no"),
    ("l", "Wins", "small wins; w adds one from anywhere"),
    ("b", "Breathe", "paced breathing; the animation can be turned off"),
    ("r", "Reframe", "from a harsh thought to a kinder, truer one"),
)


def needs_welcome(store: Store) -> bool:
    """Only a data dir that has never been written to gets the welcome."""
    return store.signature() is None


def mark_welcomed(store: Store, now: datetime) -> None:
    store.insert(STATE_TABLE, {"id": WELCOME_ID, "seen_at": timestamp(now)})

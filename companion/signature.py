"""Messages written for the person end with their own name: asked once, gently, when first needed."""

from __future__ import annotations

from datetime import datetime

from companion.config import Config
from companion.dates import timestamp
from companion.first_run import STATE_TABLE
from companion.store import Store

NAME_ASKED_ID = "your_name_asked"


def sign_off(name: str) -> str:
    """The closing lines of a message: `Best regards,` and the name, when there is one."""
    return f"Best regards,\n{name}\n" if name else "Best regards,\n"


def should_ask_name(config: Config, store: Store) -> bool:
    """No name set and never asked: a person who chose to leave it empty is not asked again."""
    return not config.your_name and store.get(STATE_TABLE, NAME_ASKED_ID) is None


def mark_name_asked(store: Store, now: datetime) -> None:
    if store.get(STATE_TABLE, NAME_ASKED_ID) is None:
        store.insert(STATE_TABLE, {"id": NAME_ASKED_ID, "asked_at": timestamp(now)})

"""The follow-ups due on a day, as lines for the break scheduler's daily digest."""

from __future__ import annotations

from datetime import date

from companion import people, pipeline
from companion.store import Store


def due_follow_up_lines(store: Store, day: date) -> list[str]:
    """One line per application whose follow-up is due on `day` or overdue, then one per person."""
    due = pipeline.follow_ups_due(pipeline.all_applications(store), day)
    lines = [f"{application.title}: {pipeline.describe_follow_up(application, day)}" for application in due]
    return lines + people.due_follow_up_lines(store, day)  # people to get in touch with, too

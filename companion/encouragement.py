"""One line a day in the spirit of the product: rejection is feedback, not a verdict."""

from __future__ import annotations

from datetime import date, datetime

LINES = (
    "Rejection is feedback, not a verdict.",
    "A no is a redirection, not a dead end.",
    "A mismatch with one role is not a measure of your worth.",
    "Keep several applications in play: it is a numbers game, not a reflection of your potential.",
    "Asking for feedback is a skill, and you are building it.",
    "Rest is part of the search, not a break from it.",
    "Every application is practice; every interview is data.",
    "Small steps still move you forward.",
    "You are allowed to be proud of effort, not only outcomes.",
    "Write down what you learned today; future you will thank you.",
    "Silence from a company says more about their inbox than about you.",
    "One kind sentence to yourself is a good start to the day.",
)


def line_for(day: date) -> str:
    """The same line all day, a different one tomorrow."""
    return LINES[day.toordinal() % len(LINES)]


def greeting(moment: datetime) -> str:
    if moment.hour < 5:
        return "Still up? Be gentle with yourself"
    if moment.hour < 12:
        return "Good morning"
    if moment.hour < 18:
        return "Good afternoon"
    return "Good evening"

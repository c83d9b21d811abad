"""Pipeline events as wins: a reply, an interview done, a follow-up sent are evidence of progress.

The `pipeline_wins` setting says what happens: `ask` (the app asks yes/no, the command line prints a
one-line hint and never waits), `always` (logged as a win), `never`. Saying no loses nothing: the
event is kept in the pipeline either way.
"""

from __future__ import annotations

from datetime import datetime

from companion import wins
from companion.pipeline import Application
from companion.store import Store

TAG = "pipeline"

_STAGE_WORDS = {
    "screening": "{company} replied: a screening for {role}",
    "interviewing": "Reached the interviews at {company} ({role})",
    "offer": "An offer from {company} ({role})",
}


def stage_win(application: Application) -> str | None:
    """The win for reaching the stage the application is in now, if that stage is one."""
    words = _STAGE_WORDS.get(application.stage)
    return words.format(company=application.company, role=application.role) if words else None


def follow_up_win(application: Application) -> str:
    return f"Followed up with {application.company} ({application.role})"


def feedback_request_win(application: Application) -> str:
    return f"Asked {application.company} for feedback ({application.role})"


def interview_win(application: Application) -> str:
    return f"Did the interview with {application.company} ({application.role})"


def log(store: Store, text: str, *, now: datetime) -> wins.Win:
    """Log the event's win, tagged so the Wins screen can show where it came from."""
    return wins.add_win(store, text[: wins.MAX_TEXT], [TAG], now=now)


def command_line_hint(text: str) -> str:
    """What `ask` prints on the command line: how to count it, one line, nothing to answer."""
    import shlex

    return f"That counts as a win if you like: companion win {shlex.quote(text)}"


def after_command(store: Store, mode: str, text: str | None, *, now: datetime) -> str:
    """For a command that made an event: log it (`always`), a hint (`ask`), or nothing. The line to print."""
    if not text or mode == "never":
        return ""
    if mode == "always":
        log(store, text, now=now)
        return f"Logged a win: {text}"
    return command_line_hint(text)


def between(before: Application, after: Application) -> list[str]:
    """The wins one change to an application made: a stage reached, a follow-up sent, feedback asked for."""
    found: list[str] = []
    if after.stage != before.stage and (reached := stage_win(after)):
        found.append(reached)
    if len(after.followed_up) > len(before.followed_up):
        found.append(follow_up_win(after))
    if after.feedback.requested_on and after.feedback.requested_on != before.feedback.requested_on:
        found.append(feedback_request_win(after))
    return found

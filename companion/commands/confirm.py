"""Asking before a deletion on the command line: on a terminal a question, in a script `--yes`."""

from __future__ import annotations

import sys

from companion.errors import InputError


def confirmed(what: str, *, yes: bool) -> bool:
    """True to go ahead with deleting `what`; False when the person said no (nothing to do).

    Without a terminal to ask on, a deletion needs --yes: a script never deletes by accident.
    """
    if yes:
        return True
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError(f"to delete {what} without a question, add --yes; nothing was deleted")
    try:
        answer = input(f"Delete {what}? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Kept it; nothing was deleted.")
    return False

"""The argparse side of the command line: options, help and usage errors for every command.

Imported only when a command line needs it: `companion win some words` is read without argparse
(see `companion.cli`), because argparse and what it pulls in cost a quarter of that command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from companion import __version__
from companion.commands import COMMANDS
from companion.errors import EXIT_USAGE

if TYPE_CHECKING:
    from typing import Any
STAGE_CHOICES_HELP = "wishlist, applied, screening, interviewing, offer, accepted, rejected, no_response, withdrawn"


def _terminal_columns() -> int:
    """The width help is wrapped to, as shutil.get_terminal_size finds it. argparse would import
    shutil for this (and with it bz2, lzma and zlib: about 3 ms of every command)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=_terminal_columns() - 2)  # argparse keeps 2 columns free


class _Parser(argparse.ArgumentParser):
    """argparse that states the problem in one line and exits 2, as the contract says."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("unrecognized arguments: -"):  # most often a win that starts with a dash
            message += "; text that starts with '-' goes after --, as in: companion win -- \"-x\""
        self.exit(EXIT_USAGE, f"companion: {message} (see `{self.prog} --help`)\n")


def _global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="where data lives (or $COMPANION_DATA_DIR)")
    parser.add_argument("--config", metavar="FILE", default=default, help="settings file (or $COMPANION_CONFIG)")


def _win(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("text", nargs="*", help="what went well; use -- before text that starts with '-'")
    sub.add_argument(
        "-t", "--tag", action="append", default=[], help="a tag (repeatable); #words in the text count too"
    )


def _wins(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("action", nargs="?", choices=["delete"], help="delete: remove the win ID (asks first)")
    sub.add_argument("target", nargs="?", metavar="ID", help="with delete: the win's id or a unique start of it")
    sub.add_argument("--yes", action="store_true", help="with delete: do not ask")
    sub.add_argument("--since", metavar="DATE", help="only wins on or after DATE (YYYY-MM-DD, yesterday, mon, ...)")
    sub.add_argument("--tag", metavar="TAG", help="only wins with this tag")
    sub.add_argument("--search", metavar="WORDS", default="", help="only wins containing these words")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def _app(sub: argparse.ArgumentParser) -> None:
    actions = sub.add_subparsers(dest="app_command", metavar="ACTION", required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="add an application")
    _global_options(add, top_level=False)
    add.add_argument("company")
    add.add_argument("role")
    add.add_argument("--stage", default="applied", help=f"one of: {STAGE_CHOICES_HELP}")
    add.add_argument("--url", default="")
    add.add_argument(
        "--source", metavar="TEXT", default="", help="where it came from: referral, job board, recruiter, ..."
    )
    add.add_argument("--follow-up", metavar="DATE", help="when to follow up (YYYY-MM-DD, +7d, fri, ...)")
    add.add_argument(
        "--applied", metavar="DATE", help="the day it was sent, if not today (YYYY-MM-DD, mon, last fri, ...)"
    )
    move = actions.add_parser("move", help="move an application to another stage")
    _global_options(move, top_level=False)
    move.add_argument("id", help="the application's id or a unique prefix of it")
    move.add_argument("stage", help=f"one of: {STAGE_CHOICES_HELP}")
    delete = actions.add_parser("delete", help="delete an application (asks first)")
    _global_options(delete, top_level=False)
    delete.add_argument("id", help="the application's id, a unique start of it, or of its company name")
    delete.add_argument("--yes", action="store_true", help="do not ask")


def _apps(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--stage", help=f"only this stage: {STAGE_CHOICES_HELP}")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.add_argument("--stats", action="store_true", help="the funnel, response rate and weekly effort")


def _interview_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    default_words = " (default 60)" if adding else ""
    parser.add_argument("--minutes", metavar="N", help=f"how long, in minutes, 1 to 720{default_words}")
    parser.add_argument("--kind", metavar="K", help="phone, video, onsite, technical, panel, take-home or other")
    parser.add_argument("--with", dest="with_whom", metavar="TEXT", help="who you meet")
    parser.add_argument("--where", metavar="TEXT", help="a place or a link")
    parser.add_argument("--notes", metavar="TEXT", help="anything to remember")
    parser.add_argument("--past", action="store_true", help="allow a time that has passed (to log an interview)")


def _interview(sub: argparse.ArgumentParser) -> None:
    actions = sub.add_subparsers(dest="interview_command", metavar="ACTION", required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="add an interview to an application")
    _global_options(add, top_level=False)
    add.add_argument("app", metavar="APP", help="the application's id, a prefix of it, or the start of its company")
    add.add_argument("when", metavar="WHEN", help="YYYY-MM-DD HH:MM, today 14:00, tomorrow 9:30, fri 10:00, +2d 15:00")
    _interview_options(add, adding=True)
    edit = actions.add_parser("edit", help="change an interview")
    _global_options(edit, top_level=False)
    edit.add_argument("id", metavar="ID", help="the interview's id or a unique prefix of it")
    edit.add_argument("--when", metavar="WHEN", help="a new day and time, as for add")
    _interview_options(edit, adding=False)
    delete = actions.add_parser("delete", help="delete an interview")
    _global_options(delete, top_level=False)
    delete.add_argument("id", metavar="ID", help="the interview's id or a unique prefix of it")
    delete.add_argument("--yes", action="store_true", help="do not ask first")


def _interviews(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--all", action="store_true", help="every interview, past ones too")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


HOW_MET_HELP = "recruiter, referrer, hiring_manager, interviewer, mentor, peer or community"


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--company", metavar="C", help="where they work")
    parser.add_argument("--role", metavar="R", help="their role or title")
    parser.add_argument("--email", metavar="E", help="name@example.com")
    parser.add_argument("--url", metavar="U", help="a link: LinkedIn or another page (https://...)")
    parser.add_argument("--how-met", metavar="TEXT", help=f"how you know them: {HOW_MET_HELP}")
    parser.add_argument(
        "--app", metavar="APP", action="append", help="link to an application (id, id prefix or company); repeatable"
    )
    parser.add_argument("--follow-up", metavar="DATE", help="when to get in touch again (YYYY-MM-DD, +2w, fri, ...)")
    parser.add_argument("--notes", metavar="TEXT", help="anything to remember")


def _person(sub: argparse.ArgumentParser) -> None:
    actions = sub.add_subparsers(dest="person_command", metavar="ACTION", required=True, parser_class=_Parser)
    who = "their exact name, the start of it, or the start of their id"
    add = actions.add_parser("add", help="add a person")
    _global_options(add, top_level=False)
    add.add_argument("name", metavar="NAME")
    _person_options(add)
    note = actions.add_parser("note", help="log a touchpoint today (coffee chat, sent thanks, ...)")
    _global_options(note, top_level=False)
    note.add_argument("person", metavar="NAME-or-id", help=who)
    note.add_argument("text", metavar="TEXT", nargs="+", help="what happened")
    edit = actions.add_parser("edit", help="change a person (only the options given)")
    _global_options(edit, top_level=False)
    edit.add_argument("person", metavar="NAME-or-id", help=who)
    edit.add_argument("--name", metavar="NAME", help="a new name")
    _person_options(edit)
    delete = actions.add_parser("delete", help="delete a person")
    _global_options(delete, top_level=False)
    delete.add_argument("person", metavar="NAME-or-id", help=who)
    delete.add_argument("--yes", action="store_true", help="do not ask first")


def _people(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--due", action="store_true", help="only people to get in touch with today or earlier")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def _stats(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--since", metavar="DATE", help="only applications sent on or after DATE (YYYY-MM-DD, mon, ...)")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def _journal(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--search", metavar="WORDS", default="", help="only entries containing these words")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def _review(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--week", metavar="DATE", help="any day of the week to review (default: this week; on a Monday, last week)"
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    sub.add_argument("--force", action="store_true", help="with -o: replace FILE if it is already there")


def _card(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--date", metavar="DATE", help="the card of another day")


def _breaks(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "action",
        nargs="?",
        choices=["pause", "resume", "status"],
        help="pause DURATION (1h, 30m, tomorrow), resume, or status; none: run the scheduler",
    )
    sub.add_argument("duration", nargs="?", metavar="DURATION", help="how long to pause: 45m, 1h, 1h30m, 2d, tomorrow")
    sub.add_argument("--test", action="store_true", help="send one notification now and say how it went")
    sub.add_argument("--plan", action="store_true", help="print what the scheduler will send")
    sub.add_argument("--from", dest="start", metavar="WHEN", help="plan from WHEN (e.g. 'tomorrow 9:00'; default now)")
    sub.add_argument("--hours", type=float, default=12.0, metavar="N", help="plan N hours ahead (default 12)")
    sub.add_argument("--json", action="store_true", help="--plan as JSON")


def _export(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "format",
        choices=["md", "json", "csv", "ics", "vcf"],
        help="md: brag document; json: full backup; csv: applications; ics: interviews and follow-ups (calendar); "
        "vcf: people (vCard)",
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _import(sub: argparse.ArgumentParser) -> None:
    from companion.importers import FORMAT_NAMES

    # `import FILE` or, as before, `import csv|json FILE`: a first word naming a format is the format.
    sub.add_argument("first", metavar="FILE", help="the file to import: recognised by its content")
    sub.add_argument("file", nargs="?", metavar="", help=argparse.SUPPRESS)
    sub.add_argument(
        "--from",
        dest="source_format",
        choices=FORMAT_NAMES,
        metavar="FORMAT",
        help=f"read it as this tool's export instead of guessing: {', '.join(FORMAT_NAMES)}",
    )
    sub.add_argument(
        "--dry-run", action="store_true", help="show what would be added, merged or skipped; write nothing"
    )


def _config(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("action", choices=["path", "show", "edit"])


def _recover(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--empty", action="store_true", help="start empty instead of restoring what can be restored")
    sub.add_argument("--list", action="store_true", help="list the backups: when each was written and what it holds")


# How to add each command's own arguments; COMMANDS (in companion.commands) names them all.
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "win": _win,
    "wins": _wins,
    "app": _app,
    "apps": _apps,
    "interview": _interview,
    "interviews": _interviews,
    "person": _person,
    "people": _people,
    "stats": _stats,
    "journal": _journal,
    "review": _review,
    "card": _card,
    "breaks": _breaks,
    "export": _export,
    "import": _import,
    "config": _config,
    "recover": _recover,
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (for speed) the top level plus the one command being run."""
    parser = _Parser(
        prog="companion",
        description="A calm companion for a long tech job search. With no command, opens the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on a throw-away copy of sample data")
    _global_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (handler, help_text) in COMMANDS.items():
        if only is not None and name != only:
            continue
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _global_options(sub, top_level=False)
        sub.set_defaults(handler=handler)
        ARGUMENTS[name](sub)
    return parser

"""The command line: argparse front door for every command and for the full-screen app.

Handlers are named as "module:function" strings and imported only when chosen, so the quick paths
(`companion win`, `companion card`) never pay for Textual, Rich or the other commands.
Exit codes: 0 ok, 1 an error with a one-line reason on stderr, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from companion import __version__
from companion.context import Context
from companion.errors import InputError
from companion.store import StoreError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
STAGE_CHOICES_HELP = "wishlist, applied, screening, interviewing, offer, accepted, rejected, no_response, withdrawn"


class _Parser(argparse.ArgumentParser):
    """argparse that states the problem in one line and exits 2, as the contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"companion: {message} (see `{self.prog} --help`)\n")


def _global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="where data lives (or $COMPANION_DATA_DIR)")
    parser.add_argument("--config", metavar="FILE", default=default, help="settings file (or $COMPANION_CONFIG)")


def _win(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("text", nargs="*", help="what went well; use -- before text that starts with '-'")
    sub.add_argument("-t", "--tag", action="append", default=[], help="a tag (repeatable); #words in the text count too")


def _wins(sub: argparse.ArgumentParser) -> None:
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
    add.add_argument("--follow-up", metavar="DATE", help="when to follow up (YYYY-MM-DD, +7d, fri, ...)")
    move = actions.add_parser("move", help="move an application to another stage")
    _global_options(move, top_level=False)
    move.add_argument("id", help="the application's id or a unique prefix of it")
    move.add_argument("stage", help=f"one of: {STAGE_CHOICES_HELP}")


def _apps(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--stage", help=f"only this stage: {STAGE_CHOICES_HELP}")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.add_argument("--stats", action="store_true", help="the funnel, response rate and weekly effort")


def _card(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--date", metavar="DATE", help="the card of another day")


def _breaks(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--test", action="store_true", help="send one notification now and say how it went")


def _export(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("format", choices=["md", "json", "csv"], help="md: brag document; json: full backup; csv: applications")
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _import(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("format", choices=["csv", "json"])
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--dry-run", action="store_true", help="only report what would be imported")


def _config(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("action", choices=["path", "show", "edit"])


def _recover(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--empty", action="store_true", help="start empty instead of restoring the latest backup")


# name: (handler "module:function", help, how to add its arguments)
COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "win": ("companion.commands.wins:cmd_win", "log a small win (no text: a one-line prompt)", _win),
    "wins": ("companion.commands.wins:cmd_wins", "list your wins, newest first", _wins),
    "app": ("companion.commands.apps:cmd_app", "add or move an application", _app),
    "apps": ("companion.commands.apps:cmd_apps", "list applications", _apps),
    "card": ("companion.commands.cards:cmd_card", "print today's reframing card", _card),
    "breaks": ("companion.commands.breaks:cmd_breaks", "run break and follow-up reminders", _breaks),
    "export": ("companion.commands.transfer:cmd_export", "export your data", _export),
    "import": ("companion.commands.transfer:cmd_import", "import applications or a backup", _import),
    "config": ("companion.commands.settings:cmd_config", "show or edit settings", _config),
    "recover": ("companion.commands.recover:cmd_recover", "set an unreadable data file aside", _recover),
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
    for name, (handler, help_text, configure) in COMMANDS.items():
        if only is not None and name != only:
            continue
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _global_options(sub, top_level=False)
        sub.set_defaults(handler=handler)
        configure(sub)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word of argv, skipping global options and their values."""
    words = iter(argv)
    for word in words:
        if word in ("--data-dir", "--config"):
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _resolve(handler: str) -> Callable[[argparse.Namespace, Context], int]:
    module_name, function_name = handler.split(":")
    return getattr(importlib.import_module(module_name), function_name)  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(only=_command_in(argv)).parse_args(argv)
    try:
        context = Context.from_options(args.data_dir, args.config, demo=args.demo)
        if args.command != "config":  # `config show/edit` report problems themselves
            for problem in context.problems:
                print(f"companion: settings: {problem}", file=sys.stderr)
        if getattr(args, "handler", None) is None:
            from companion.tui.run import run_app

            return run_app(context)
        return _resolve(args.handler)(args, context)
    except InputError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK

"""The command line: the front door for every command and for the full-screen app.

Handlers are named as "module:function" strings (companion.commands.COMMANDS) and imported only
when chosen, so the quick paths (`companion win`, `companion card`) never pay for Textual, Rich or
the other commands. Exit codes are in companion.errors: 0 ok, 1 an error explained in one line on
stderr, 2 a usage or input error.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from companion.commands import COMMANDS
from companion.context import Context
from companion.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE, InputError
from companion.store import CorruptDataError, StoreError

if TYPE_CHECKING:
    import argparse

    Arguments = argparse.Namespace | SimpleNamespace


def plain_reading(argv: Sequence[str]) -> SimpleNamespace | None:
    """`companion` alone (the app) and `companion win some words`, read without argparse.

    They are what people type many times a day, and argparse with what it imports costs about a
    quarter of `companion win` and 4 ms of the app's start. Only these plain forms are read here:
    any option at all (or --help) goes through argparse, so the two readings never disagree (a test
    holds them to the same result).
    """
    no_options = {"data_dir": None, "config": None, "demo": False}
    if not argv:
        return SimpleNamespace(command=None, **no_options)
    if argv[0] != "win" or any(word.startswith("-") for word in argv[1:]):
        return None
    return SimpleNamespace(command="win", handler=COMMANDS["win"][0], text=list(argv[1:]), tag=[], **no_options)


def command_in(argv: Sequence[str]) -> str | None:
    """The command word of argv, skipping global options and their values."""
    words = iter(argv)
    for word in words:
        if word in ("--data-dir", "--config"):
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def parse(argv: Sequence[str]) -> Arguments:
    """The arguments of a command line; a usage error exits 2 with one line on stderr."""
    plain = plain_reading(argv)
    if plain is not None:
        return plain
    from companion.arguments import build_parser

    return build_parser(only=command_in(argv)).parse_args(argv)


def _resolve(handler: str) -> Callable[..., int]:
    module_name, function_name = handler.split(":")
    return getattr(importlib.import_module(module_name), function_name)  # type: ignore[no-any-return]


def _merge_conflict_copies(context: Context) -> None:
    """Another machine's copy from a sync tool: merge it before the command reads, and say so on stderr."""
    try:
        messages = context.store.merge_conflict_copies()
    except CorruptDataError:
        return  # the command itself explains the damaged file
    except StoreError as exc:
        messages = [f"a copy from your other machine could not be merged yet: {exc}"]
    for message in messages:
        print(f"companion: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    try:
        context = Context.from_options(args.data_dir, args.config, demo=args.demo)
        if args.command != "config":  # `config show/edit` report problems themselves
            for problem in context.problems:
                print(f"companion: settings: {problem}", file=sys.stderr)
        if getattr(args, "handler", None) is None:
            from companion.tui.run import run_app

            return run_app(context)  # the app merges conflict copies itself, and says so in a toast
        if args.command != "recover":
            _merge_conflict_copies(context)
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

"""`companion export` and `companion import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion import wins
from companion.context import Context
from companion.fileio import write_atomic
from companion.store import StoreError


def emit(text: str, output: str | None) -> None:
    """Standard output, or a file written atomically."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output).expanduser()
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        raise StoreError(f"could not write {target} ({exc.strerror or exc}); nothing was written") from exc
    print(f"Wrote {target}", file=sys.stderr)


def cmd_export(args: argparse.Namespace, context: Context) -> int:
    if args.format == "md":
        emit(wins.brag_document(wins.all_wins(context.store), now=context.now()), args.output)
        return 0
    if args.format == "ics":
        from companion import calendar_ics, people

        emit(
            calendar_ics.calendar_text(context.store, now=context.now(), extra=people.calendar_events(context.store)),
            args.output,
        )
        return 0
    if args.format == "vcf":
        from companion import people, vcard

        emit(vcard.export_vcf(people.all_people(context.store)), args.output)
        return 0
    from companion import transfer

    emit(transfer.export_text(context.store, args.format), args.output)
    return 0


def cmd_import(args: argparse.Namespace, context: Context) -> int:
    from companion import transfer
    from companion.errors import InputError
    from companion.importers import FORMAT_NAMES

    fmt, file = args.source_format, args.first
    if args.file is not None:  # `import csv FILE`, as it always worked
        if args.first not in FORMAT_NAMES:
            raise InputError(f"'{args.first[:40]}' is not a format; use `companion import FILE [--from FORMAT]`")
        fmt, file = fmt or args.first, args.file
    return transfer.run_import(context.store, Path(file), fmt, dry_run=args.dry_run, now=context.now())

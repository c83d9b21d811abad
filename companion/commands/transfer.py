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
        from companion import calendar_ics

        from companion import people

        emit(calendar_ics.calendar_text(context.store, now=context.now(), extra=people.calendar_events(context.store)),
             args.output)
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

    return transfer.run_import(context.store, args.format, Path(args.file), dry_run=args.dry_run, now=context.now())

"""`companion recover`: the person's explicit go-ahead to move past an unreadable data file."""

from __future__ import annotations

import argparse

from companion.context import Context
from companion.recovery import RecoveryOptions
from companion.store import CorruptDataError


def cmd_recover(args: argparse.Namespace, context: Context) -> int:
    store, now = context.store, context.now()
    options = RecoveryOptions(store)
    if args.list:
        lines = options.backup_lines(now)
        print("\n".join(lines) if lines else "No backups yet (one is made before the first change of each day).")
        return 0
    try:
        store.check_readable()  # a directory in the file's place, or no permission: one line, exit 1
    except CorruptDataError:
        pass
    else:
        print(f"{store.path} reads fine; nothing to recover.")
        return 0
    if not args.empty:
        print(options.restore_line(now))
    aside, backup = store.recover(restore_backup=not args.empty, salvage=not args.empty)
    print(f"Kept the unreadable file, unchanged, as {aside}.")
    if args.empty:
        print("Starting with empty data.")
    elif backup is not None:
        print(
            f"Restored the backup {backup.name}"
            + (", with what still read in the damaged file." if options.salvage else ".")
        )
    elif options.salvage:
        print("Restored what still read in the damaged file (no backup held anything).")
    else:
        print("Starting with empty data (no readable backup was found).")
    return 0

"""`companion recover`: the person's explicit go-ahead to move past an unreadable data file."""

from __future__ import annotations

import argparse

from companion.context import Context
from companion.store import CorruptDataError


def cmd_recover(args: argparse.Namespace, context: Context) -> int:
    store = context.store
    try:
        store.all("meta")
    except CorruptDataError:
        pass
    else:
        print(f"{store.path} reads fine; nothing to recover.")
        return 0
    aside, backup = store.recover(restore_backup=not args.empty)
    print(f"Kept the unreadable file, unchanged, as {aside}.")
    if backup is not None:
        print(f"Restored the backup {backup.name}.")
    else:
        print("Starting with empty data" + ("." if args.empty else " (no readable backup was found)."))
    return 0

"""A writer for the SIGKILL storm: inserts wins through companion.store.Store until it is killed.

It prints a win's id only after `insert` returned, so every printed id is a write the store
acknowledged as durable; the storm then checks that each of them survived every kill.
Usage: python looping_writer.py DATA_DIR LABEL
"""

from __future__ import annotations

import sys
from pathlib import Path

from companion.store import Store

STAMP = "2026-11-27T10:30:00"


def main(data_dir: str, label: str) -> None:
    store = Store(Path(data_dir))
    count = 0
    while True:
        record = store.insert(
            "wins", {"text": f"{label}-{count}", "tags": ["storm"], "created_at": STAMP, "updated_at": STAMP}
        )
        print(record["id"], flush=True)
        count += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

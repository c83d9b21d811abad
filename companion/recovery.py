"""What recovery can offer, in words: shared by `companion recover` and the app's recovery dialog."""

from __future__ import annotations

from datetime import datetime

from companion import backups
from companion.store import Store
from companion.sync_merge import counted


class RecoveryOptions:
    """The damaged file's readable records and the best backup, with a sentence for each choice."""

    __slots__ = ("salvage", "backup", "all_backups")

    def __init__(self, store: Store) -> None:
        self.salvage = store.salvageable()
        self.all_backups = store.describe_backups()
        self.backup = backups.best(self.all_backups)

    def restore_line(self, now: datetime) -> str:
        """What the default choice keeps."""
        parts = []
        if self.salvage:
            parts.append(f"what still reads in the damaged file ({counted(self.salvage)})")
        if self.backup is not None:
            parts.append(f"the backup {self.backup.describe(now)}")
        if not parts:
            return "Nothing readable was found: no backup holds anything yet, and the damaged file has no whole record."
        return "Restore " + " merged with ".join(parts) + "."

    @property
    def anything(self) -> bool:
        return bool(self.salvage) or self.backup is not None

    def backup_lines(self, now: datetime) -> list[str]:
        return [f"{b.path}: {b.describe(now)}" for b in self.all_backups]

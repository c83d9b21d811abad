"""What every command and screen needs: where the data is, the settings, and a clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from companion import paths
from companion.config import Config, load_config
from companion.store import Store


@dataclass
class Context:
    data_dir: Path
    config_path: Path
    config: Config
    problems: list[str] = field(default_factory=list)
    demo: bool = False
    clock: Callable[[], datetime] = datetime.now
    welcome_first_run: bool = True
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_options(
        cls, data_dir: str | os.PathLike[str] | None, config_path: str | os.PathLike[str] | None, *, demo: bool = False
    ) -> Context:
        config_file = paths.config_file(config_path)
        loaded = load_config(config_file)
        return cls(paths.data_dir(data_dir), config_file, loaded.config, list(loaded.problems), demo)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.data_dir, backups_keep=self.config.backups_keep, clock=self.clock)
        return self._store

    def now(self) -> datetime:
        return self.clock()

    def elsewhere(self, data_dir: Path, config_path: Path) -> Context:
        """The same settings and clock on another data dir (the demo's throw-away copy)."""
        return replace(self, data_dir=data_dir, config_path=config_path, demo=True, _store=None)

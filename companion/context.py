"""What every command and screen needs: where the data is, the settings, and a clock."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from companion import paths
from companion.config import Config, load_config
from companion.store import Store
from companion.values import Value

if TYPE_CHECKING:
    from pathlib import Path


class Context(Value):
    """One person's data dir and settings; the clock is injectable so tests and the demo can move time."""

    __slots__ = ("_data_dir", "_config_path", "config", "problems", "demo", "clock", "welcome_first_run", "_store")

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        config_path: str | os.PathLike[str],
        config: Config,
        problems: list[str] | None = None,
        demo: bool = False,
        clock: Callable[[], datetime] = datetime.now,
        welcome_first_run: bool = True,
    ) -> None:
        self._data_dir = os.fspath(data_dir)
        self._config_path = os.fspath(config_path)
        self.config = config
        self.problems = [] if problems is None else problems
        self.demo = demo
        self.clock = clock
        self.welcome_first_run = welcome_first_run
        self._store: Store | None = None

    @classmethod
    def from_options(
        cls, data_dir: str | os.PathLike[str] | None, config_path: str | os.PathLike[str] | None, *, demo: bool = False
    ) -> Context:
        config_file = paths.config_file(config_path)
        loaded = load_config(config_file)
        return cls(paths.data_dir(data_dir), config_file, loaded.config, list(loaded.problems), demo)

    @property
    def data_dir(self) -> Path:
        return paths.as_path(self._data_dir)

    @property
    def config_path(self) -> Path:
        return paths.as_path(self._config_path)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self._data_dir, backups_keep=self.config.backups_keep, clock=self.clock)
        return self._store

    def now(self) -> datetime:
        return self.clock()

    def replace(self, **changes: object) -> Context:
        """A copy with some fields changed; the store is opened again on first use."""
        copy = Context(self._data_dir, self._config_path, self.config, self.problems, self.demo, self.clock)
        copy.welcome_first_run = self.welcome_first_run
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    def elsewhere(self, data_dir: str | os.PathLike[str], config_path: str | os.PathLike[str]) -> Context:
        """The same settings and clock on another data dir (the demo's throw-away copy)."""
        return self.replace(_data_dir=os.fspath(data_dir), _config_path=os.fspath(config_path), demo=True)

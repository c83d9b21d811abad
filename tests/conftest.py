"""Shared fixtures: every test gets its own data dir and config, never the real ones."""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from companion.config import Config
from companion.context import Context
from companion.store import Store

FIXED_NOW = datetime(2026, 11, 27, 10, 30)  # a Friday
# Stored times carry their UTC offset: one time zone for every test (and the processes they start),
# so expected values such as "2026-11-27T10:30:00+00:00" hold on any machine.
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $COMPANION_DATA_DIR and $COMPANION_CONFIG at temp paths for every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data))
    monkeypatch.setenv("COMPANION_CONFIG", str(tmp_path / "config.toml"))
    return data


@pytest.fixture
def data_dir(isolated_dirs: Path) -> Path:
    return isolated_dirs


@pytest.fixture
def store(data_dir: Path) -> Store:
    return Store(data_dir, clock=lambda: FIXED_NOW)


@pytest.fixture
def context(data_dir: Path, tmp_path: Path) -> Context:
    """A context with a fixed clock, so screens and commands see a known 'now'."""
    return Context(data_dir, tmp_path / "config.toml", Config(), clock=lambda: FIXED_NOW, welcome_first_run=False)


def companion_command(*args: str) -> list[str]:
    """The command line that runs companion from this checkout in a subprocess."""
    return [sys.executable, "-m", "companion", *args]


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    env.pop("COLUMNS", None)
    return env


def require_tool(name: str) -> str:
    """A system tool a test needs: under CI its absence fails the test, locally it skips."""
    import shutil

    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install it; .ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path

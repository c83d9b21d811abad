"""Where companion keeps data and settings.

Overrides come first (a command-line flag, then an environment variable), so tests, the demo and
people with unusual setups never have to touch the real directories.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "companion"
DATA_DIR_ENV = "COMPANION_DATA_DIR"
CONFIG_ENV = "COMPANION_CONFIG"
DATA_FILE_NAME = "companion.json"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--data-dir`, then $COMPANION_DATA_DIR, then the platform's user data dir."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """The settings file: `--config`, then $COMPANION_CONFIG, then the platform's user config dir."""
    chosen = override or os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` if needed, readable by its owner only: a job search is private."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path

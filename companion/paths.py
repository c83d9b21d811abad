"""Where companion keeps data and settings.

Overrides come first (a command-line flag, then an environment variable), so tests, the demo and
people with unusual setups never have to touch the real directories.

Paths are plain strings here: `companion win` runs without importing pathlib (about 3 ms) or
platformdirs (about 9 ms, for tempfile and random). On Linux and the BSDs the XDG base directory
rules are a few lines; macOS and Windows ask platformdirs.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "companion"
DATA_DIR_ENV = "COMPANION_DATA_DIR"
CONFIG_ENV = "COMPANION_CONFIG"
DATA_FILE_NAME = "companion.json"
CONFIG_FILE_NAME = "config.toml"
# Linux and the BSDs; Android (which platformdirs knows by these two variables) and macOS ask platformdirs.
_ANDROID = os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
_XDG = os.name == "posix" and sys.platform not in ("darwin", "android", "ios") and not _ANDROID


def data_dir(override: str | os.PathLike[str] | None = None) -> str:
    """The data directory: `--data-dir`, then $COMPANION_DATA_DIR, then the platform's user data dir."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return os.path.expanduser(chosen)
    if _XDG:
        return os.path.join(_xdg_base("XDG_DATA_HOME", "~/.local/share"), APP_NAME)
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def config_file(override: str | os.PathLike[str] | None = None) -> str:
    """The settings file: `--config`, then $COMPANION_CONFIG, then the platform's user config dir."""
    chosen = override or os.environ.get(CONFIG_ENV)
    if chosen:
        return os.path.expanduser(chosen)
    if _XDG:
        return os.path.join(_xdg_base("XDG_CONFIG_HOME", "~/.config"), APP_NAME, CONFIG_FILE_NAME)
    from platformdirs import user_config_dir

    return os.path.join(user_config_dir(APP_NAME, appauthor=False), CONFIG_FILE_NAME)


def _xdg_base(variable: str, default: str) -> str:
    """The XDG base directory spec: the variable when it holds an absolute path, else the default."""
    value = os.environ.get(variable, "")
    return value if os.path.isabs(value) else os.path.expanduser(default)


def as_path(location: str | os.PathLike[str]) -> Path:
    """A Path for callers that want one; pathlib is imported on first use (see above)."""
    from pathlib import Path

    return Path(location)


def ensure_private_dir(path: str | os.PathLike[str]) -> None:
    """Create `path` if needed, readable by its owner only: a job search is private.

    A folder that exists keeps the permissions its owner chose (a read-only one is refused by the
    store with a clear message, never made writable behind the person's back).
    """
    if os.path.isdir(path):
        return
    os.makedirs(path, mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)  # makedirs' mode is filtered by the umask

"""Where data and settings live: overrides first, then the same places platformdirs would choose."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest

from companion import paths

pytestmark = pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the XDG rules are for Linux and the BSDs")


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/config"},
        {"XDG_DATA_HOME": "relative/data", "XDG_CONFIG_HOME": "relative/config"},  # the spec says: ignore
        {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""},
    ],
)
def test_default_places_are_the_ones_platformdirs_chooses(
    environment: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("COMPANION_DATA_DIR", "COMPANION_CONFIG", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert paths.data_dir() == platformdirs.user_data_dir("companion", appauthor=False)
    assert paths.config_file() == os.path.join(
        platformdirs.user_config_dir("companion", appauthor=False), "config.toml"
    )
    absolute = environment.get("XDG_DATA_HOME", "").startswith("/")
    assert paths.data_dir() == ("/srv/data/companion" if absolute else str(tmp_path / ".local/share/companion"))


def test_a_flag_beats_the_environment_which_beats_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("COMPANION_DATA_DIR", "~/from-env")
    monkeypatch.setenv("COMPANION_CONFIG", "~/env.toml")
    assert paths.data_dir() == str(tmp_path / "from-env")
    assert paths.config_file() == str(tmp_path / "env.toml")
    assert paths.data_dir("~/from-flag") == str(tmp_path / "from-flag")
    assert paths.config_file(tmp_path / "flag.toml") == str(tmp_path / "flag.toml")


def test_private_dir_is_created_for_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    paths.ensure_private_dir(target)
    paths.ensure_private_dir(target)  # a second time is fine
    assert target.is_dir() and (target.stat().st_mode & 0o777) == 0o700

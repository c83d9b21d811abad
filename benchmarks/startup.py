"""Start-up costs: `companion win` vs `python -c pass`, and the app's first frame vs a bare Textual app.

Both run as a new user runs them: HOME is a fresh directory and no COMPANION_* or XDG_* variable is
set, so the data and settings land in the default (XDG) places. The first frame counts when Today's
data is on the screen (the week's wins line), not just its headings.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

from common import (
    PYTHON,
    REPO,
    first_frame_seconds,
    interleaved_medians,
    report,
    timed_process,
)

WIN_TARGET = 3.0
FIRST_FRAME_TARGET = 1.3
TODAY_READY = "this week"  # in the wins section, written from the data file
BARE_READY = "bare textual ready"


def new_user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "XDG_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files; so should we
    return env | {"HOME": str(home)}


def win_figures(home: Path, repeats: int) -> None:
    env = new_user_env(home)
    companion = [PYTHON, "-m", "companion"]
    timed_process([*companion, "win", "warm-up"], env)  # first run compiles .pyc files
    settings = home / "changed-settings.toml"  # a person who changed one setting: tomllib is then imported
    settings.write_text('[display]\ntheme = "companion-contrast"\n')
    with_settings = {**env, "COMPANION_CONFIG": str(settings)}
    medians = interleaved_medians(
        {
            "pass": lambda: timed_process([PYTHON, "-c", "pass"], env),
            "win": lambda: timed_process([*companion, "win", "benchmark win"], env),
            "win with settings": lambda: timed_process([*companion, "win", "benchmark win"], with_settings),
        },
        repeats,
    )
    report("companion win (whole process)", medians["win"], "python -c pass", medians["pass"], target=WIN_TARGET)
    report("  the same with a settings file", medians["win with settings"], "python -c pass", medians["pass"])


def first_frame_figures(home: Path, repeats: int) -> None:
    env_words = f"env -u PYTHONDONTWRITEBYTECODE HOME={shlex.quote(str(home))}"
    bare = f"{env_words} {shlex.quote(PYTHON)} {shlex.quote(str(REPO / 'benchmarks' / 'bare_textual_app.py'))}"
    app = f"{env_words} {shlex.quote(PYTHON)} -m companion"
    first_frame_seconds(bare, BARE_READY)  # warm caches
    first_frame_seconds(app, TODAY_READY)
    medians = interleaved_medians(
        {"bare": lambda: first_frame_seconds(bare, BARE_READY), "app": lambda: first_frame_seconds(app, TODAY_READY)},
        repeats,
    )
    report("app first frame (tmux)", medians["app"], "bare Textual app", medians["bare"], target=FIRST_FRAME_TARGET)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        win_figures(home, repeats=21)
        first_frame_figures(home, repeats=15)  # the wins logged above: the app opens on Today, no welcome


if __name__ == "__main__":
    main()

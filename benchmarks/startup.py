"""Start-up costs: `companion win` vs `python -c pass`, and the app's first frame vs a bare Textual app."""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

from common import PYTHON, REPO, first_frame_seconds, median_seconds, report, timed_process


def main(repeats: int = 15) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COMPANION_DATA_DIR": str(Path(tmp) / "data"), "COMPANION_CONFIG": str(Path(tmp) / "c.toml")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files; so should we
        timed_process([PYTHON, "-m", "companion", "win", "warm-up"], env)  # first run compiles .pyc files
        python_pass = median_seconds(lambda: timed_process([PYTHON, "-c", "pass"], env), repeats)
        win = median_seconds(lambda: timed_process([PYTHON, "-m", "companion", "win", "benchmark win"], env), repeats)
        report("companion win (whole process)", win, "python -c pass", python_pass, target=3.0)

        env_words = f"env COMPANION_DATA_DIR={shlex.quote(env['COMPANION_DATA_DIR'])} COMPANION_CONFIG={shlex.quote(env['COMPANION_CONFIG'])}"
        bare_cmd = f"{shlex.quote(PYTHON)} {shlex.quote(str(REPO / 'benchmarks' / 'bare_textual_app.py'))}"
        app_cmd = f"{env_words} {shlex.quote(PYTHON)} -m companion"
        first_frame_seconds(bare_cmd, "bare textual ready")  # warm caches
        first_frame_seconds(app_cmd, "w Win")
        bare = median_seconds(lambda: first_frame_seconds(bare_cmd, "bare textual ready"), 7)
        app = median_seconds(lambda: first_frame_seconds(app_cmd, "w Win"), 7)
        report("app first frame (tmux)", app, "bare Textual app", bare, target=1.3)


if __name__ == "__main__":
    main()

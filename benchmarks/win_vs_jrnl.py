"""`companion win` at 100 and 10,000 wins beside jrnl's one-line entry, the tool people compare it with.

jrnl is installed into a venv of this benchmark's own (benchmarks/.jrnl-venv, made on first run), as a
user comparing the two would install it; it never becomes a dependency of companion. Every figure is
a median of runs taken in turn with its baselines, so a noisy moment hits all of them alike.

Goals (issue 12 and 17): companion at 10,000 wins at or under half of jrnl's one-line entry on an
empty journal, and at most 2x companion's own time at 100 wins.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from common import PYTHON, interleaved_medians, report, timed_process

HERE = Path(__file__).resolve().parent
JRNL_VENV = HERE / ".jrnl-venv"
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def jrnl_command() -> list[str] | None:
    executable = JRNL_VENV / "bin" / "jrnl"
    if not executable.exists():
        print("installing jrnl into benchmarks/.jrnl-venv (once) ...", flush=True)
        venv.create(JRNL_VENV, with_pip=True)
        done = subprocess.run([str(JRNL_VENV / "bin" / "pip"), "install", "-q", "jrnl"], capture_output=True)
        if done.returncode != 0:
            print(f"jrnl could not be installed: {done.stderr.decode(errors='replace')[-300:]}")
            return None
    return [str(executable)]


def jrnl_env(home: Path, entries: int) -> dict[str, str]:
    """A jrnl with its own config and a journal of `entries` one-line entries."""
    config_home = home / "config"
    (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
    journal = home / "journal.txt"
    journal.write_text("".join(f"[2026-01-01 09:00:00 AM] Entry {n} about #work.\n\n" for n in range(entries)))
    (config_home / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(config_home)}


def companion_env(home: Path, wins: int) -> dict[str, str]:
    data = home / "data"
    subprocess.run(
        [
            PYTHON,
            str(HERE / "seed.py"),
            "--data-dir",
            str(data),
            "--applications",
            str(wins // 10),
            "--wins",
            str(wins),
            "--reflections",
            "0",
        ],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "XDG_"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env | {"HOME": str(home), "COMPANION_DATA_DIR": str(data)}


def main() -> int:
    jrnl = jrnl_command()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small, large = companion_env(root / "c100", 100), companion_env(root / "c10k", 10_000)
        companion = [PYTHON, "-m", "companion", "win", "benchmark win"]
        runs = {
            "pass": lambda: timed_process([PYTHON, "-c", "pass"]),
            "companion 100": lambda: timed_process(companion, small),
            "companion 10k": lambda: timed_process(companion, large),
        }
        if jrnl is not None:
            empty, full = jrnl_env(root / "j0", 0), jrnl_env(root / "j10k", 10_000)
            runs["jrnl empty"] = lambda: timed_process([*jrnl, "One line entry."], empty)
            runs["jrnl 10k"] = lambda: timed_process([*jrnl, "One line entry."], full)
        for run in runs.values():
            run()  # warm-up: .pyc files, page cache
        medians = interleaved_medians(runs, repeats=15)
    report("companion win, 100 wins", medians["companion 100"], "python -c pass", medians["pass"])
    report(
        "companion win, 10,000 wins",
        medians["companion 10k"],
        "the same at 100 wins",
        medians["companion 100"],
        target=2.0,
    )
    if jrnl is not None:
        report(
            "companion win, 10,000 wins",
            medians["companion 10k"],
            "jrnl one-line entry, empty journal",
            medians["jrnl empty"],
            target=0.5,
        )
        report(
            "companion win, 10,000 wins",
            medians["companion 10k"],
            "jrnl one-line entry, 10,000 entries",
            medians["jrnl 10k"],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

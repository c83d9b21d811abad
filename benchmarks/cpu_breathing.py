"""CPU cost of the Breathe screen in a real terminal (tmux), beside a bare Textual app idle.

Each figure is the app process's user+system CPU time (from /proc/<pid>/stat) over a window of
wall time, as a percentage of one core. Targets: idle < 1 %, a running session < 10 %.
Usage: python benchmarks/cpu_breathing.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import shlex
import tempfile

from common import PYTHON, REPO, cpu_percent, running

IDLE_TARGET = 1.0
SESSION_TARGET = 10.0


def line(name: str, value: float, baseline: float, target: float) -> str:
    verdict = "met" if value < target else "MISSED"
    return (
        f"{name:<38} {value:5.2f} % of one core   vs  bare Textual app idle {baseline:5.2f} %"
        f"   (target < {target:g} %: {verdict})"
    )


def main(seconds: float) -> None:
    bare = f"{shlex.quote(PYTHON)} {shlex.quote(str(REPO / 'benchmarks' / 'bare_textual_app.py'))}"
    with running(bare, "bare textual ready") as terminal:
        baseline = cpu_percent(terminal.pid, seconds)

    with tempfile.TemporaryDirectory() as tmp:
        env = (
            f"env COMPANION_DATA_DIR={shlex.quote(tmp + '/data')} COMPANION_CONFIG={shlex.quote(tmp + '/config.toml')}"
        )
        app = f"{env} {shlex.quote(PYTHON)} -m companion"
        results: list[tuple[str, float, float]] = []
        with running(app, "Today") as terminal:
            if "Welcome to companion" in terminal.screen():  # first run on an empty data dir
                terminal.press("Enter")
                terminal.wait_until_gone("Welcome to companion")
            results.append(("app idle (Today)", cpu_percent(terminal.pid, seconds), IDLE_TARGET))
            terminal.press("b")
            terminal.wait_for("Press space to begin.")
            results.append(("app idle (Breathe, no session)", cpu_percent(terminal.pid, seconds), IDLE_TARGET))
            terminal.press("space")
            terminal.wait_for("left")
            results.append(("session running, motion on (15 fps)", cpu_percent(terminal.pid, seconds), SESSION_TARGET))
            terminal.press("m")
            results.append(("session running, reduced motion", cpu_percent(terminal.pid, seconds), SESSION_TARGET))
            terminal.press("space")
            terminal.wait_for("Paused:")  # "Paused: Space carries on, Escape ends."
            results.append(("session paused", cpu_percent(terminal.pid, seconds), IDLE_TARGET))
    for name, value, target in results:
        print(line(name, value, baseline, target), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measuring window")
    main(parser.parse_args().seconds)

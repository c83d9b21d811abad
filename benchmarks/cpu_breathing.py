"""CPU cost of the Breathe screen in a real terminal (tmux), beside a bare Textual app idle.

Each figure is the app process's user+system CPU time (from /proc/<pid>/stat) over a window of
wall time, as a percentage of one core. Targets: idle < 1 %, a running session < 10 %.
Usage: python benchmarks/cpu_breathing.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import PYTHON, REPO

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
IDLE_TARGET = 1.0
SESSION_TARGET = 10.0
SETTLE_SECONDS = 1.0


class Terminal:
    """One program in its own tmux server, 120x40, that we can type into and read."""

    def __init__(self, command: str) -> None:
        self.tmux = ["tmux", "-L", f"cpu-{uuid.uuid4().hex[:8]}"]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"exec {command}"], check=True)
        pane_pid = subprocess.run(
            [*self.tmux, "list-panes", "-t", "b", "-F", "#{pane_pid}"], check=True, capture_output=True, text=True
        ).stdout
        self.pid = int(pane_pid.split()[0])

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.05)
        raise RuntimeError(f"{text!r} never showed; screen:\n{self.screen()}")

    def wait_until_gone(self, text: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} is still on the screen:\n{self.screen()}")
            time.sleep(0.05)

    def press(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "b", *keys], check=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


@contextmanager
def running(command: str, ready_text: str) -> Iterator[Terminal]:
    terminal = Terminal(command)
    try:
        terminal.wait_for(ready_text)
        yield terminal
    finally:
        terminal.close()


def cpu_seconds(pid: int) -> float:
    # Fields after the ")" of the command name: utime and stime are fields 14 and 15 of the line.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


def cpu_percent(pid: int, seconds: float) -> float:
    """Percent of one core the process used over `seconds` of wall time, after a settling second
    (the switch that came just before, e.g. mounting a screen, is not what is being measured)."""
    time.sleep(SETTLE_SECONDS)
    cpu_before, wall_before = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - cpu_before) / (time.monotonic() - wall_before)


def line(name: str, value: float, baseline: float, target: float) -> str:
    verdict = "met" if value < target else "MISSED"
    return f"{name:<38} {value:5.2f} % of one core   vs  bare Textual app idle {baseline:5.2f} %   (target < {target:g} %: {verdict})"


def main(seconds: float) -> None:
    bare = f"{shlex.quote(PYTHON)} {shlex.quote(str(REPO / 'benchmarks' / 'bare_textual_app.py'))}"
    with running(bare, "bare textual ready") as terminal:
        baseline = cpu_percent(terminal.pid, seconds)

    with tempfile.TemporaryDirectory() as tmp:
        env = f"env COMPANION_DATA_DIR={shlex.quote(tmp + '/data')} COMPANION_CONFIG={shlex.quote(tmp + '/config.toml')}"
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
            terminal.wait_for("Paused.")
            results.append(("session paused", cpu_percent(terminal.pid, seconds), IDLE_TARGET))
    for name, value, target in results:
        print(line(name, value, baseline, target), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measuring window")
    main(parser.parse_args().seconds)

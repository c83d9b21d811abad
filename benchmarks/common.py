"""Shared helpers for the benchmarks: medians of repeated runs, tmux polling, ratio lines."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def interleaved_medians(runs: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """Medians of runs taken in turn, so a noisy moment of the machine hits every one alike."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            samples[name].append(run())
    return {name: statistics.median(values) for name, values in samples.items()}


def timed_process(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def first_frame_seconds(command: str, ready_text: str, *, timeout: float = 30.0) -> float:
    """Start `command` in a fresh tmux server; seconds until `ready_text` is on the screen."""
    start = time.perf_counter()
    terminal = Terminal(command)
    try:
        while time.perf_counter() - start < timeout:
            if ready_text in terminal.screen():
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{ready_text!r} never showed; screen:\n{terminal.screen()}")
    finally:
        terminal.close()


TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
SETTLE_SECONDS = 1.0


class Terminal:
    """One program in its own tmux server, 120x40, that we can type into and read."""

    def __init__(self, command: str) -> None:
        self.tmux = ["tmux", "-L", f"cpu-{uuid.uuid4().hex[:8]}"]
        # exec keeps the pane's pid the program's own; COLUMNS/LINES would override the window size.
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                "b",
                "-x",
                "120",
                "-y",
                "40",
                f"exec env -u COLUMNS -u LINES {command}",
            ],
            check=True,
        )
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


def report(
    name: str, value: float, baseline_name: str, baseline: float, unit: str = "ms", target: float | None = None
) -> str:
    scale = 1000 if unit == "ms" else 1
    ratio = value / baseline if baseline else float("inf")
    verdict = "" if target is None else f"  (target ≤ {target:.2f}x: {'met' if ratio <= target else 'MISSED'})"
    line = (
        f"{name}: {value * scale:.1f} {unit}  vs  {baseline_name}: {baseline * scale:.1f} {unit}"
        f"  ->  {ratio:.2f}x{verdict}"
    )
    print(line, flush=True)
    return line

"""Shared helpers for the benchmarks: medians of repeated runs, tmux polling, ratio lines."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def median_seconds(run: Callable[[], float], repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats))


def timed_process(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def first_frame_seconds(command: str, ready_text: str, *, timeout: float = 30.0) -> float:
    """Start `command` in a fresh tmux server; seconds until `ready_text` is on the screen."""
    socket = f"bench-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket]
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"env -u COLUMNS -u LINES {command}"], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout
            if ready_text in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{ready_text!r} never showed; screen:\n{screen}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def report(name: str, value: float, baseline_name: str, baseline: float, unit: str = "ms", target: float | None = None) -> str:
    scale = 1000 if unit == "ms" else 1
    ratio = value / baseline if baseline else float("inf")
    verdict = "" if target is None else ("  (target ≤ %.2fx: %s)" % (target, "met" if ratio <= target else "MISSED"))
    line = f"{name}: {value * scale:.1f} {unit}  vs  {baseline_name}: {baseline * scale:.1f} {unit}  ->  {ratio:.2f}x{verdict}"
    print(line, flush=True)
    return line

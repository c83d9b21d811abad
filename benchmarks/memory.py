"""Resident memory of the app (on 10,000 wins) and of `companion breaks`, beside baselines in the same run.

Baselines: a bare Textual app for the app; a Python process that imports nothing and sleeps for the
break service (what any Python daemon costs). Target: the break service at most 30 MiB.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import PYTHON, REPO, running
from seed import seed

SERVICE_TARGET_MIB = 30.0


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def settled_rss(pid: int, seconds: float = 2.0) -> float:
    time.sleep(seconds)
    return rss_mib(pid)


def process_rss(args: list[str], env: dict[str, str] | None = None, ready: str | None = None) -> float:
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        if ready is not None and process.stdout is not None:
            assert ready in process.stdout.readline()
        return settled_rss(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    bare = f"{shlex.quote(PYTHON)} {shlex.quote(str(REPO / 'benchmarks' / 'bare_textual_app.py'))}"
    with running(bare, "bare textual ready") as terminal:
        bare_rss = settled_rss(terminal.pid)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        seed(data, applications=1000, win_count=10_000, reflections=500, now=datetime.now())
        env_words = f"env COMPANION_DATA_DIR={shlex.quote(str(data))} COMPANION_CONFIG={shlex.quote(tmp + '/c.toml')}"
        with running(f"{env_words} {shlex.quote(PYTHON)} -m companion", "Today") as terminal:
            today_rss = settled_rss(terminal.pid)
            terminal.press("l")
            terminal.wait_for("in all")
            wins_rss = settled_rss(terminal.pid)
        env = {
            "COMPANION_DATA_DIR": str(data),
            "COMPANION_CONFIG": tmp + "/c.toml",
            "PATH": "/usr/bin:/bin",
            "PYTHONUNBUFFERED": "1",
        }
        service = process_rss([PYTHON, "-m", "companion", "breaks"], env=env, ready="Ctrl+C stops")
    plain = process_rss([PYTHON, "-c", "import time; time.sleep(30)"])
    print(
        f"app RSS on Today (10,000 wins): {today_rss:.1f} MiB  vs  bare Textual app: {bare_rss:.1f} MiB"
        f"  ->  {today_rss / bare_rss:.2f}x"
    )
    print(
        f"app RSS on the wins log (10,000 rows): {wins_rss:.1f} MiB  vs  bare Textual app: {bare_rss:.1f} MiB"
        f"  ->  {wins_rss / bare_rss:.2f}x"
    )
    verdict = "met" if service <= SERVICE_TARGET_MIB else "MISSED"
    print(
        f"companion breaks RSS: {service:.1f} MiB  vs  idle python: {plain:.1f} MiB  ->  {service / plain:.2f}x"
        f"  (target ≤ {SERVICE_TARGET_MIB:g} MiB: {verdict})"
    )


if __name__ == "__main__":
    sys.exit(main())

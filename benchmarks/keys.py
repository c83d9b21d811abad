"""Key to frame in a real terminal (tmux): how long from a key press until its result is on the screen.

Each area's open, search, move and add, measured at a small and a large store in the same run (the
first key a second after Today is drawn, as a person reads it first)
(100 and 10,000 wins; 10 and 1,000 applications), with the ratio between them; a bare Textual app
answering a key is the floor. Then a 100,000-win stress run (nothing may take over 1 s), the app's RSS
after visiting every area (10,000 wins beside 100), and the first frame at 1,000 applications +
10,000 wins beside a bare Textual app.
Usage: python benchmarks/keys.py [--repeats 5] [--no-stress]
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from common import PYTHON, REPO, Terminal, first_frame_seconds, interleaved_medians, report
from memory import settled_rss
from seed import seed

from companion import pipeline
from companion.dates import timestamp
from companion.store import Store

RATIO_TARGET = 1.5
KEY_TARGET = 0.100  # median key to frame at 10,000 wins
STRESS_LIMIT = 1.0  # the slowest key at 100,000 wins
FIRST_FRAME_TARGET = 1.2
SEARCH = "ber 99 thing"  # twelve keys; the top match (win 99) is off screen until the search is done
MARKER_CO = "Benchmark Co"  # the first card of Applied: moved by ] and back by [
READ_TODAY = 1.0  # seconds between Today's first frame and the first key
ESCAPE_DELAY = 0.2  # Textual waits 100 ms after Escape for the rest of a sequence; the clear figure includes it
FULL_PAGE = 30  # rows on a 40-line screen once every win is listed again (a search for 99 shows fewer)
SIZES = {"small": (100, 10), "large": (10_000, 1_000)}
BARE_KEY_APP = REPO / "benchmarks" / "bare_textual_app.py"


def seeded(root: Path, wins: int, applications: int) -> Path:
    data = root / f"data-{wins}-{applications}"
    now = datetime.now()
    seed(data, applications=applications, win_count=wins, reflections=min(500, applications), now=now)
    applied = now - timedelta(days=400)  # the longest waiting: first in Applied
    marker = pipeline.Application(
        company=MARKER_CO,
        role="Engineer",
        stage="applied",
        applied_on=applied.date().isoformat(),
        history=[{"stage": "applied", "at": timestamp(applied)}],
        created_at=timestamp(applied),
        updated_at=timestamp(applied),
    )
    Store(data).insert(pipeline.TABLE, marker.to_record())
    return data


def app_command(data: Path, config: Path) -> str:
    env = f"env COMPANION_DATA_DIR={shlex.quote(str(data))} COMPANION_CONFIG={shlex.quote(str(config))}"
    return f"{env} {shlex.quote(PYTHON)} -m companion"


def until(terminal: Terminal, done: Callable[[str], bool], timeout: float = 20.0) -> float:
    """Seconds until `done(screen)`; polled as fast as tmux answers (a capture takes a few ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if done(terminal.screen()):
            return time.perf_counter() - start
    raise RuntimeError(f"timed out; screen:\n{terminal.screen()}")


def key_to_frame(terminal: Terminal, keys: list[str], done: Callable[[str], bool], literal: bool = False) -> float:
    start = time.perf_counter()
    terminal.press(*(["-l", *keys] if literal else keys))
    until(terminal, done)
    return time.perf_counter() - start


def applied_count(screen: str) -> int | None:
    found = re.search(r"Applied (\d+)", screen)
    return int(found[1]) if found else None


def session(data: Path, config: Path, repeats: int) -> dict[str, list[float]]:
    """One app run: every measured key, `repeats` times where a key can be repeated; RSS at the end."""
    times: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        times.setdefault(name, []).append(value)

    terminal = Terminal(app_command(data, config))
    try:
        terminal.wait_for("this week")
        time.sleep(READ_TODAY)  # a person reads Today before the first key (the app imports the other areas then)
        add("wins: open (first time)", key_to_frame(terminal, ["l"], lambda s: "in all" in s and "When" in s))
        for _ in range(repeats):
            add("wins: search, 12 keys", _search(terminal))
            cleared = key_to_frame(terminal, ["Escape"], lambda s: SEARCH not in s and _rows(s) >= FULL_PAGE)
            add("wins: clear search (Escape)", cleared)
            time.sleep(ESCAPE_DELAY)  # a key sooner after Escape would be read as alt+key
        for n in range(max(1, repeats // 2)):
            text = f"bench win {n} {time.monotonic_ns()}"
            terminal.press("w")
            terminal.wait_for("Enter saves")
            terminal.press("-l", text)
            terminal.wait_for(text)
            add("wins: add (Enter to row)", key_to_frame(terminal, ["Enter"], lambda s, t=text: _in_table(s, t)))
        add("today: open", key_to_frame(terminal, ["t"], lambda s: "this week" in s and "Card of the day" in s))
        add("pipeline: open (first time)", key_to_frame(terminal, ["p"], lambda s: applied_count(s) is not None))
        for n in range(repeats + repeats % 2):  # in pairs: the next session finds the board as it was
            before = applied_count(terminal.screen()) or 0
            key = "]" if n % 2 == 0 else "["
            after = before - 1 if key == "]" else before + 1
            add(f"pipeline: move ({key})", key_to_frame(terminal, [key], lambda s, a=after: applied_count(s) == a))
        add("wins: open again", key_to_frame(terminal, ["l"], lambda s: "in all" in s))
        add("pipeline: open again", key_to_frame(terminal, ["p"], lambda s: applied_count(s) is not None))
        for key, ready in (("b", "Breathe"), ("r", "Reframe")):
            add(f"{ready.lower()}: open", key_to_frame(terminal, [key], lambda s, r=ready: r in s.splitlines()[0]))
        add("rss after every area (MiB)", settled_rss(terminal.pid, 1.0))
    finally:
        terminal.close()
    return times


def _search(terminal: Terminal) -> float:
    terminal.press("Home")  # the newest wins in sight: win 99 shows only once the search is done
    until(terminal, lambda s: "number 0 #" in s)
    terminal.press("/")
    terminal.wait_for("search words")
    return key_to_frame(terminal, [SEARCH], lambda s: "number 99 #" in s and "number 0 #" not in s, literal=True)


def _rows(screen: str) -> int:
    return sum(1 for line in screen.splitlines() if re.match(r"\s*\d{4}-\d\d-\d\d \d\d:\d\d\s", line))


def _in_table(screen: str, text: str) -> bool:
    row = re.compile(r"\s*\d{4}-\d\d-\d\d \d\d:\d\d\s+" + re.escape(text))  # a row of its own, not the dialog
    return any(row.match(line) for line in screen.splitlines())


def bare_key_floors(repeats: int) -> tuple[float, float]:
    """A bare Textual app's key to frame for a letter and for Escape (which Textual holds back a moment)."""
    terminal = Terminal(f"{shlex.quote(PYTHON)} {shlex.quote(str(BARE_KEY_APP))}")
    floors = []
    try:
        terminal.wait_for("bare textual ready")
        presses = 0
        for key in ("x", "Escape"):
            samples = []
            for _ in range(repeats * 2):
                presses += 1
                samples.append(key_to_frame(terminal, [key], lambda s, n=presses: f"pressed {n}" in s))
                time.sleep(ESCAPE_DELAY)
            floors.append(statistics.median(samples))
    finally:
        terminal.close()
    return floors[0], floors[1]


def merged(runs: list[dict[str, list[float]]]) -> dict[str, float]:
    names = {name for run in runs for name in run}
    return {name: statistics.median([v for run in runs for v in run.get(name, [])]) for name in names}


def main(repeats: int, stress: bool) -> None:
    floor, escape_floor = bare_key_floors(repeats)
    print(
        f"bare Textual app, key to frame (the floor): {floor * 1000:.1f} ms; Escape {escape_floor * 1000:.1f} ms"
        " (Textual waits for the rest of a key sequence; an Escape key is judged by its time beyond that wait)",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = root / "config.toml"
        config.write_text('[pipeline]\npipeline_wins = "never"\n')  # a move is one key: no "count it as a win?"
        dirs = {size: seeded(root, *counts) for size, counts in SIZES.items()}
        runs: dict[str, list[dict[str, list[float]]]] = {size: [] for size in SIZES}
        for _ in range(3):  # sessions in turn, so a noisy moment hits both sizes alike
            for size, data in dirs.items():
                runs[size].append(session(data, config, repeats))
        small, large = merged(runs["small"]), merged(runs["large"])
        print("\nkey to frame, median (100 wins + 10 applications  vs  10,000 wins + 1,000 applications):")
        for name in sorted(small):
            if name.startswith("rss"):
                continue
            ratio = large[name] / small[name]
            waited = escape_floor - floor if "(Escape)" in name else 0.0
            beyond = " beyond the Escape wait" if waited else ""
            verdicts = [
                f"ratio ≤ {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'MISSED'}",
                f"< {KEY_TARGET * 1000:.0f} ms{beyond}: {'met' if large[name] - waited < KEY_TARGET else 'MISSED'}",
            ]
            print(
                f"  {name:<28} {small[name] * 1000:7.1f} ms  vs  {large[name] * 1000:7.1f} ms  ->  {ratio:4.2f}x"
                f"   ({'; '.join(verdicts)})",
                flush=True,
            )
        name = "rss after every area (MiB)"
        ratio = large[name] / small[name]
        print(
            f"app RSS after every area: {large[name]:.1f} MiB at 10,000 wins  vs  {small[name]:.1f} MiB at 100"
            f"  ->  {ratio:.2f}x  (target ≤ {RATIO_TARGET}x: {'met' if ratio <= RATIO_TARGET else 'MISSED'})"
        )

        bare = f"{shlex.quote(PYTHON)} {shlex.quote(str(BARE_KEY_APP))}"
        big = app_command(dirs["large"], config)
        frames = interleaved_medians(
            {
                "bare": lambda: first_frame_seconds(bare, "bare textual ready"),
                "app": lambda: first_frame_seconds(big, "this week"),
            },
            repeats,
        )
        report(
            "first frame at 1,000 applications + 10,000 wins (tmux)",
            frames["app"],
            "bare Textual app",
            frames["bare"],
            target=FIRST_FRAME_TARGET,
        )

        if stress:
            data = seeded(root, 100_000, 1_000)
            start = time.perf_counter()
            stressed = session(data, config, max(1, repeats // 2))
            worst = max((v, n) for n, vs in stressed.items() if not n.startswith("rss") for v in vs)
            print(f"\n100,000 wins + 1,000 applications (stress, {time.perf_counter() - start:.0f} s in all):")
            for name, values in sorted(stressed.items()):
                if not name.startswith("rss"):
                    print(f"  {name:<28} {max(values) * 1000:7.1f} ms (slowest)")
            print(
                f"  slowest key: {worst[1]} {worst[0] * 1000:.0f} ms  (limit {STRESS_LIMIT * 1000:.0f} ms: "
                f"{'met' if worst[0] <= STRESS_LIMIT else 'MISSED'});"
                f" RSS {stressed['rss after every area (MiB)'][0]:.1f} MiB"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-stress", action="store_true", help="skip the 100,000-win run")
    args = parser.parse_args()
    main(args.repeats, not args.no_stress)

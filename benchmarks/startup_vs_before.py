"""Start-up now beside the code as it was before, in the same run (issue 13: no worse).

Each "before" is a git worktree of a `--before` commit, "now" is this checkout; all run with this same
python, each with its own tree first on PYTHONPATH and from a neutral directory (so `-m companion`
cannot pick up another tree). The two default befores answer two questions:

- b61c9de, the last commit before issue 13's changes, with issue 12's store in place: did the house
  (records declared once, settings in one home, the pipeline split, tools) cost start-up time? This is
  the "no worse" of issue 13's acceptance.
- 543c937, the last commit of the previous round: what this round cost in all, issue 12's rules
  included (TinyDB as the only engine, whole-file atomic writes instead of text splices).

Each version fills its data with its own benchmarks/seed.py (the file layouts may differ). As in
startup.py, each runs as a new user: a fresh $HOME and no COMPANION_* or XDG_* variable but the data
dir where one is seeded. Every figure is a
median of runs taken in turn (each before, now, then the floor: `python -c pass` or a bare Textual
app), so a noisy moment of the shared machine hits them alike.

The first frame counts when Today's wins line is on the screen: "1 win this week" or "wins this week"
(the same words in both versions, and none that a card of the day could show first).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from common import PYTHON, REPO, first_frame_seconds, interleaved_medians, timed_process
from startup import BARE_READY, new_user_env

# The last commit before issue 13's changes (issue 12's store in place), then the previous round's last.
DEFAULT_BEFORE = ("b61c9de", "543c937")
NOISE = 0.05  # "no worse" allows now to be up to 5% slower: the noise of a shared machine
BARE_APP = REPO / "benchmarks" / "bare_textual_app.py"

Run = Callable[[], float]


@dataclass(frozen=True)
class Version:
    """One tree of companion's code, run by this python with the tree first on PYTHONPATH."""

    name: str
    tree: Path

    def env(self, home: Path, data: Path | None = None) -> dict[str, str]:
        env = new_user_env(home) | {"PYTHONPATH": str(self.tree)}
        return env if data is None else env | {"COMPANION_DATA_DIR": str(data)}

    def seed(self, data: Path, applications: int, wins: int, reflections: int) -> None:
        args = ["--applications", str(applications), "--wins", str(wins), "--reflections", str(reflections)]
        script = str(self.tree / "benchmarks" / "seed.py")
        run = [PYTHON, script, "--data-dir", str(data), *args]
        subprocess.run(run, check=True, capture_output=True, env=self.env(data.parent))

    def check_imports_its_own_tree(self, home: Path) -> None:
        probe = [PYTHON, "-c", "import companion; print(companion.__file__)"]
        found = subprocess.run(probe, check=True, capture_output=True, text=True, env=self.env(home)).stdout.strip()
        if not Path(found).is_relative_to(self.tree):
            raise SystemExit(f"{self.name} imports companion from {found}, not from {self.tree}")


def pane_command(env: dict[str, str], args: list[str]) -> str:
    """A shell command that runs `args` with exactly `env` in a tmux pane (which starts from ours)."""
    unset = [f"-u {shlex.quote(name)}" for name in os.environ if name not in env]
    changed = [shlex.quote(f"{name}={value}") for name, value in env.items() if os.environ.get(name) != value]
    return " ".join(["env", *unset, *changed, *map(shlex.quote, args)])


def why(error: Exception) -> str:
    """The line of a failure worth printing: the last words of a process's stderr, or the screen's."""
    if isinstance(error, subprocess.CalledProcessError):
        stderr = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else error.stderr or ""
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        return lines[-1] if lines else f"exit status {error.returncode}"
    first, *rest = str(error).splitlines() or [type(error).__name__]
    last = [line.strip() for line in rest if line.strip()][-1:]
    return " / ".join([first, *last])


def figure(what: str, setups: dict[str, Callable[[], Run]], floor_name: str, repeats: int) -> bool:
    """Set up and warm each run, take them in turn, print now against each before and all against the floor.

    `setups` are the befores and now (named "now"), then the floor; one that cannot be set up or run is
    said so, and the others are still measured. False when now or the floor could not be measured.
    """
    ready: dict[str, Run] = {}
    failed: dict[str, str] = {}
    for name, setup in setups.items():
        try:
            run = setup()
            run()  # warm-up, and proof that it runs
            ready[name] = run
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            failed[name] = why(error)
    try:
        medians = interleaved_medians(ready, repeats)
    except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
        print(f"{what}: could not be measured: {why(error)}", flush=True)
        return False
    now, floor = medians.get("now"), medians.get(floor_name)
    befores = [name for name in setups if name not in ("now", floor_name)]
    print(f"{what}: now {ms(now) if now is not None else 'not measured'}")
    for name in befores:
        if now is not None and name in medians:
            ratio = now / medians[name]
            verdict = "met" if ratio <= 1 + NOISE else "MISSED"
            print(f"  vs {name} {ms(medians[name])} -> now/before {ratio:.2f}x (no worse: {verdict})")
    for name, reason in failed.items():
        print(f"  {name} could not run: {reason}")
    if floor is not None:
        ratios = [f"{name} {medians[name] / floor:.2f}x" for name in ("now", *befores) if name in medians]
        print(f"  to its floor, {floor_name} {ms(floor)}: {', '.join(ratios)}", flush=True)
    return now is not None and floor is not None


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def win_run(env: dict[str, str]) -> Run:
    return lambda: timed_process([PYTHON, "-m", "companion", "win", "a small win"], env)


def frame_run(env: dict[str, str], ready_text: str) -> Run:
    command = pane_command(env, [PYTHON, "-m", "companion"])
    return lambda: first_frame_seconds(command, ready_text)


def frame_run_bare(env: dict[str, str]) -> Run:
    command = pane_command(env, [PYTHON, str(BARE_APP)])
    return lambda: first_frame_seconds(command, BARE_READY)


def measure(versions: list[Version], tmp: Path, repeats: int) -> bool:
    """The four figures, each version on data of its own under `tmp`."""

    def home(version: Version, label: str) -> Path:
        path = tmp / version.name.replace(" ", "-") / label
        path.mkdir(parents=True)
        return path

    def seeded(version: Version, label: str, applications: int, reflections: int) -> tuple[Path, Path]:
        place = home(version, label)
        version.seed(place / "data", applications, 10_000, reflections)
        return place, place / "data"

    def few_wins(version: Version) -> Run:
        return win_run(version.env(home(version, "few-wins")))  # the warm-up writes the first win

    def win_at_10k(version: Version) -> Run:
        return win_run(version.env(*seeded(version, "win-10k", applications=1000, reflections=0)))

    def frame_one_win(version: Version) -> Run:
        env = version.env(home(version, "one-win"))
        timed_process([PYTHON, "-m", "companion", "win", "a small win"], env)
        return frame_run(env, "1 win this week")

    def frame_at_10k(version: Version) -> Run:
        return frame_run(version.env(*seeded(version, "app-10k", applications=1000, reflections=500)), "wins this week")

    bare_env = new_user_env(tmp)
    floors: dict[str, Callable[[], Run]] = {
        "python -c pass": lambda: lambda: timed_process([PYTHON, "-c", "pass"], bare_env),
        "bare Textual app": lambda: frame_run_bare(bare_env),
    }
    figures = [
        ('`companion win "a small win"`, a few wins', few_wins, "python -c pass"),
        ("`companion win` at 10,000 wins", win_at_10k, "python -c pass"),
        ("app first frame (tmux), 1 win", frame_one_win, "bare Textual app"),
        ("app first frame (tmux), 1,000 applications + 10,000 wins", frame_at_10k, "bare Textual app"),
    ]
    measured = []
    for what, setup, floor in figures:
        runs: dict[str, Callable[[], Run]] = {version.name: partial(setup, version) for version in versions}
        measured.append(figure(what, runs | {floor: floors[floor]}, floor, repeats))
    return all(measured)


def git(*args: str, check: bool = True) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=check, capture_output=True, text=True).stdout.strip()


@contextlib.contextmanager
def worktrees(refs: list[str], parent: Path) -> Iterator[list[Path]]:
    """A detached worktree of each ref, removed afterwards whatever happens."""
    paths: list[Path] = []
    try:
        for ref in refs:
            path = parent / f"before-{ref}"
            git("worktree", "add", "--detach", str(path), ref)
            paths.append(path)
        yield paths
    finally:
        for path in paths:
            git("worktree", "remove", "--force", str(path), check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before",
        nargs="+",
        default=list(DEFAULT_BEFORE),
        help=f"commits to compare with ({' '.join(DEFAULT_BEFORE)})",
    )
    parser.add_argument("--repeats", type=int, default=21, help="runs of each, in turn, per figure (default 21)")
    args = parser.parse_args()
    described = []
    for ref in args.before:
        try:
            described.append(f"{ref}: {git('log', '-1', '--format=%cs %s', ref)[:90]}")
        except subprocess.CalledProcessError:
            print(f"--before {ref}: no such commit here", file=sys.stderr)
            return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the worktrees are removed when stopped
    uncommitted = " with uncommitted changes in companion/" if git("status", "--porcelain", "--", "companion") else ""
    print(f"now: this checkout at {git('log', '-1', '--format=%h (%cs)')}{uncommitted}; before:")
    print("\n".join(f"  {line}" for line in described))
    print(f"medians of {args.repeats} runs each, in turn; 'no worse' allows now/before up to {1 + NOISE:.2f}x (noise)")
    with tempfile.TemporaryDirectory() as tmp_name, contextlib.chdir(tmp_name):
        tmp = Path(tmp_name)
        with worktrees(args.before, tmp) as trees:
            versions = [Version(f"before {ref}", tree) for ref, tree in zip(args.before, trees, strict=True)]
            versions.append(Version("now", REPO))
            for version in versions:
                subprocess.run([PYTHON, "-m", "compileall", "-q", str(version.tree / "companion")], check=False)
                version.check_imports_its_own_tree(tmp)
            ok = measure(versions, tmp, args.repeats)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

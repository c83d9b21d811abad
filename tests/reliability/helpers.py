"""Shared by the reliability suite: run the real command line, read a data file, mount file systems.

Mounting needs root and a kernel that lets us (CI runs as root in a container that allows it).
`mount_or_explain` says when it cannot mount: under CI that fails the test, locally the caller
falls back to a simulated failure and the test id says which one ran.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import companion_command, subprocess_env

DATA_FILE = "companion.json"


def run_cli(*args: str, data_dir: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m companion ARGS` on `data_dir`, as a person would run it."""
    return subprocess.run(
        companion_command(*args),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(COMPANION_DATA_DIR=str(data_dir), **env),
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The contract for errors: the exit code, one line on stderr naming companion, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("companion: "), lines[0]
    return lines[0]


def stored_records(data_dir: Path, table: str) -> list[dict[str, object]]:
    """A table read straight from the JSON file, without companion's code in the way."""
    raw = (data_dir / DATA_FILE).read_bytes()
    return list(json.loads(raw).get(table, {}).values())


def leftover_temp_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.name.endswith(".tmp"))


def _mount_refusal() -> str | None:
    """Why this process cannot mount, or None when it can."""
    if os.name != "posix" or os.geteuid() != 0:
        return "mounting needs root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "mount/umount are not installed"
    return None


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def mount_or_explain(command: list[str], target: Path) -> bool:
    """Run a mount command; True when it worked. Under CI a refusal fails the test, never skips it."""
    refusal = _mount_refusal()
    if refusal is None:
        result = _run(*command)
        if result.returncode == 0:
            return True
        refusal = f"{' '.join(command)} failed: {result.stderr.strip()}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI runs as root and must be able to mount for this test ({refusal})")
    return False


def unmount(target: Path) -> None:
    result = _run("umount", str(target))
    if result.returncode != 0:  # something still holds it open: detach lazily rather than leak the mount
        _run("umount", "-l", str(target))


@contextlib.contextmanager
def small_tmpfs(target: Path, size: str = "64k") -> Iterator[bool]:
    """A tiny tmpfs at `target` (True), or nothing mounted when that is not possible (False)."""
    target.mkdir(parents=True, exist_ok=True)
    mounted = mount_or_explain(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(target)], target)
    try:
        yield mounted
    finally:
        if mounted:
            unmount(target)


@contextlib.contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[bool]:
    """`source` seen read-only at `target` through a bind mount (True), or not at all (False)."""
    target.mkdir(parents=True, exist_ok=True)
    if not mount_or_explain(["mount", "--bind", str(source), str(target)], target):
        yield False
        return
    try:
        remount = _run("mount", "-o", "remount,ro,bind", str(target))
        if remount.returncode != 0:
            if os.environ.get("CI") == "true":
                pytest.fail(f"could not remount read-only: {remount.stderr.strip()}")
            yield False
            return
        yield True
    finally:
        unmount(target)


def fill_disk(directory: Path) -> Path:
    """Write a filler file until the file system has no room left; return it (delete it to free space)."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


def snapshot_files(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (relative path -> bytes), to prove nothing changed."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}

"""Atomic file writes: a reader, or a crash, never sees half a file."""

from __future__ import annotations

import contextlib
import os


def write_atomic(path: str | os.PathLike[str], payload: bytes, *, mode: int = 0o600) -> os.stat_result | None:
    """Write a temp file beside `path`, fsync it, rename it over `path`, fsync the directory.

    Returns the written file's own stat once it is in place (on POSIX, where a file can be renamed
    while open), so a caller can tell it from one that something else put there a moment later.
    """
    # A unique name beside the target (same file system, so os.replace is atomic), created 0600.
    directory, name = os.path.split(os.fspath(path))
    tmp_name = os.path.join(directory, f".{name}-{os.getpid()}-{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    written: os.stat_result | None = None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            if os.name == "posix":
                os.chmod(tmp_name, mode)
                os.replace(tmp_name, path)
                written = os.fstat(handle.fileno())  # after the rename, which changes its ctime
        if os.name != "posix":  # Windows renames only a closed file
            os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_directory(directory or ".")
    return written


def fsync_directory(directory: str | os.PathLike[str]) -> None:
    """Make a rename durable: on POSIX the directory entry needs its own fsync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

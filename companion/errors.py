"""The one exception family for input a person can fix, and the exit codes every command uses."""

from __future__ import annotations

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2  # 1: a problem explained in one line; 2: usage or input


class InputError(ValueError):
    """Input that cannot be used as given. The message names the problem and what would work."""

"""The one exception family for input a person can fix; the command line maps it to exit 2."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be used as given. The message names the problem and what would work."""

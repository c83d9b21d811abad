"""Data files shipped inside the package: the card deck, the distortions, the breathing presets."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

# Beside this module, in a source tree and in an installed wheel alike (pip never installs a
# package zipped); importlib.resources would add 1.4 ms to the app's start for nothing.
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_bundled(name: str) -> dict[str, Any]:
    """companion/data/<name>, parsed as JSON or TOML by its extension."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as handle:
        text = handle.read()
    if name.endswith(".json"):
        return json.loads(text)  # type: ignore[no-any-return]
    import tomllib  # only the screens that list distortions or presets need it; Today's card is JSON

    return tomllib.loads(text)

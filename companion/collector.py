"""Building many objects at once with Python's cycle collector paused.

Reading 10,000 wins makes some 100,000 dicts, lists and records, none of which refer back to one
another: the collector can free none of them, yet it walks the young ones again every 700 allocations.
Measured at 10,000 wins + 1,000 applications: the parse took 41 ms with it running and 36 ms paused
(json), 31 and 19 ms (orjson); the applications 12 and 9 ms. Reference counting frees everything the
moment it is dropped, paused or not; only cycles wait for the collector's next turn.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (and on again after it, unless it was off already)."""
    if not gc.isenabled():  # nested, or turned off by someone else: theirs to turn on again
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

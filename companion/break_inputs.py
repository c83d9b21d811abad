"""The interviews the break planner reads, for the service, the app and `breaks --plan`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from companion.breaks import InterviewLike
from companion.store import Store


def interview_source(store: Store) -> Callable[[], Sequence[InterviewLike]]:
    """Every interview, read again only when the data file changed (the planner asks once a minute)."""
    from companion import interviews

    cache: list[tuple[object, list[InterviewLike]]] = []

    def read() -> Sequence[InterviewLike]:
        signature = store.signature()
        if not cache or cache[0][0] != signature:
            cache[:] = [(signature, list(interviews.all_interviews(store)))]
        return cache[0][1]

    return read

"""Pipeline events as wins in the app: logged, offered with a small yes/no, or left alone (the setting).

Saying no loses nothing: the event stays in the pipeline; it is just not written down as a win.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from companion import event_wins
from companion.store import StoreError

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def offer(app: CompanionApp, texts: Sequence[str]) -> None:
    """Do what `pipeline_wins` says with these wins (none: nothing happens)."""
    mode = app.context.config.pipeline_wins
    if not texts or mode == "never":
        return
    if mode == "always":
        _log(app, texts)
        return
    from companion.tui.modals.confirm import Confirm

    def answered(yes: bool | None) -> None:
        if yes:
            _log(app, texts)

    detail = "\n".join(f"• {text}" for text in texts) + "\n\nEither way it stays on the board."
    app.push_screen(Confirm("Count this as a win?", detail, yes="Log it", no="Not now", offer=True), answered)


def _log(app: CompanionApp, texts: Sequence[str]) -> None:
    now = app.context.now()
    try:
        for text in texts:
            event_wins.log(app.context.store, text, now=now)
    except StoreError as exc:
        app.notify(str(exc), severity="error", markup=False)
        return
    app.notify("\n".join(texts), title="Win logged", markup=False)

"""Start the full-screen app (the only place the command line reaches into Textual)."""

from __future__ import annotations

import contextlib
import gc

from companion.context import Context


def run_app(context: Context) -> int:
    # Start-up allocates a few hundred thousand objects (Textual, Rich, our screens) that live as long
    # as the app. Collecting garbage among them mid-start finds none and delays the first frame by
    # ~35 ms (one full collection alone is ~20 ms), so collection waits for that frame:
    # CompanionApp.on_ready turns it back on.
    gc.disable()
    try:
        from companion.tui.app import CompanionApp

        chosen_context: contextlib.AbstractContextManager[Context]
        if context.demo:
            from companion.demo import demo_context

            chosen_context = demo_context(context)
        else:
            chosen_context = contextlib.nullcontext(context)
        with chosen_context as chosen:
            CompanionApp(chosen).run()
    finally:
        gc.enable()
    return 0

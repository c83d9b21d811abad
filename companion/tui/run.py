"""Start the full-screen app (the only place the command line reaches into Textual)."""

from __future__ import annotations

import contextlib

from companion.context import Context


def run_app(context: Context) -> int:
    from companion.tui.app import CompanionApp

    if context.demo:
        from companion.demo import demo_context

        chosen_context = demo_context(context)
    else:
        chosen_context = contextlib.nullcontext(context)
    with chosen_context as chosen:
        CompanionApp(chosen).run()
    return 0

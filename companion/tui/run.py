"""Start the full-screen app (the only place the command line reaches into Textual)."""

from __future__ import annotations

import contextlib

from companion.context import Context
from companion.demo import demo_context


def run_app(context: Context) -> int:
    from companion.tui.app import CompanionApp

    with demo_context(context) if context.demo else contextlib.nullcontext(context) as chosen:
        CompanionApp(chosen).run()
    return 0

"""Start the full-screen app (the only place the command line reaches into Textual)."""

from __future__ import annotations

from companion.context import Context


def run_app(context: Context) -> int:
    from companion.tui.app import CompanionApp

    CompanionApp(context).run()
    return 0

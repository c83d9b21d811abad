"""Start the full-screen app (the only place the command line reaches into Textual)."""

from __future__ import annotations

import shutil

from companion import demo
from companion.context import Context
from companion.store import Store


def run_app(context: Context) -> int:
    from companion.tui.app import CompanionApp
    from companion.tui.modals.welcome import DEMO

    if context.demo:
        return _run_demo(context)
    if CompanionApp(context).run() == DEMO:  # the first-run welcome offered the demo
        return _run_demo(context)
    return 0


def _run_demo(context: Context) -> int:
    """The app on a seeded throw-away copy; the person's own data dir is never opened."""
    from companion.tui.app import CompanionApp

    folder = demo.make_demo_dir()
    try:
        config_copy = folder / "config.toml"
        if context.config_path.is_file():
            shutil.copyfile(context.config_path, config_copy)
        demo_context = context.elsewhere(folder / "data", config_copy)
        demo.seed(Store(demo_context.data_dir), context.now())
        CompanionApp(demo_context).run()
    finally:
        demo.remove_demo_dir(folder)
    return 0

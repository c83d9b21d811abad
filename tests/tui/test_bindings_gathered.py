"""The bindings of every screen are gathered without importing the screens, and are what the screens declare."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode

from companion.bindings import Declared, declared
from companion.tui.app import CompanionApp
from companion.tui.keys import known_bindings
from tests.conftest import subprocess_env

PACKAGES = ("companion.tui.screens", "companion.tui.modals", "companion.tui.widgets")
LAZY_SCREENS = ("pipeline", "wins", "breathe", "reframe", "people")
# The stdlib modules the first frame is written to do without, each a few ms: statistics (pipeline.stats
# has its own median) and _strptime (BreakSettings.clock reads "HH:MM" itself).
FIRST_FRAME_DOES_WITHOUT = ("statistics", "_strptime")


def imported_owners() -> tuple[tuple[Declared, ...], ...]:
    """Each screen's, dialog's and widget's own bindings, found by importing every module (only tests may)."""
    owners: list[tuple[Declared, ...]] = []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            module = importlib.import_module(module_info.name)
            for item in vars(module).values():
                if isinstance(item, type) and issubclass(item, DOMNode) and item.__module__ == module.__name__:
                    own = tuple(
                        Declared(b.key, b.action, b.description, b.id)
                        for b in item.__dict__.get("BINDINGS", ())
                        if isinstance(b, Binding)
                    )
                    if own:
                        owners.append(own)
    return tuple(owners)


def test_the_bindings_gathered_without_imports_are_those_the_classes_declare() -> None:
    assert sorted(declared()[1], key=repr) == sorted(imported_owners(), key=repr)
    everywhere = {b.id for b in CompanionApp.BINDINGS if isinstance(b, Binding) and b.id}
    assert set(known_bindings(CompanionApp)) == everywhere | {b.id for own in imported_owners() for b in own if b.id}


def run_fresh(script: str) -> dict[str, Any]:
    """Run `script` in a fresh interpreter (this test process has long imported every screen) and
    read the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env=subprocess_env(),
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_a_key_override_imports_no_lazy_screen_before_the_first_frame(tmp_path: Path) -> None:
    """A fresh interpreter: this test process has long imported every screen."""
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nquick_win = "ctrl+w"\n"pipeline.add" = "f6"\n"wins.search" = "q"\n')
    script = textwrap.dedent(f"""
        import asyncio, json, sys
        from pathlib import Path
        from companion.config import load_config
        from companion.context import Context
        from companion.tui.app import CompanionApp

        async def main():
            config = load_config(Path({str(config)!r})).config
            app = CompanionApp(Context(Path({str(tmp_path / "data")!r}), Path({str(config)!r}), config,
                                       welcome_first_run=False))
            async with app.run_test(size=(120, 40), notifications=True) as pilot:
                await pilot.pause()
                said = [str(n.message) for n in app._notifications]
                modules = sorted(name for name in sys.modules if name.startswith("companion.tui"))
                print(json.dumps({{"keys": app.keys_in_use, "said": said, "modules": modules}}))

        asyncio.run(main())
    """)
    seen = run_fresh(script)
    assert seen["keys"] == {"quick_win": "ctrl+w", "pipeline.add": "f6", "wins.search": "q"}
    assert any(said.startswith("Your keys give q to ") for said in seen["said"]), seen["said"]  # the clash is found
    assert [name for name in seen["modules"] if name.rsplit(".", 1)[-1] in LAZY_SCREENS] == []


def test_the_warm_up_after_the_first_frame_imports_every_area_not_shown_yet(tmp_path: Path) -> None:
    """A fresh interpreter: only Today is imported for the first frame; the warm-up thread brings the rest."""
    script = textwrap.dedent(f"""
        import asyncio, json, sys, threading
        from pathlib import Path
        from companion.config import Config
        from companion.context import Context
        from companion.tui.app import CompanionApp

        async def main():
            app = CompanionApp(Context(Path({str(tmp_path / "data")!r}), Path({str(tmp_path / "c.toml")!r}), Config(),
                                       welcome_first_run=False))
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                before = sorted(name for name in sys.modules if name.startswith("companion.tui"))
                stdlib = [name for name in {FIRST_FRAME_DOES_WITHOUT!r} if name in sys.modules]
                app.warm_up()
                next(t for t in threading.enumerate() if t.name == "warm-up").join(60)
                after = sorted(name for name in sys.modules if name.startswith("companion.tui"))
                await pilot.press("l")
                await pilot.pause()
                print(json.dumps({{"before": before, "stdlib": stdlib, "after": after,
                                   "screen": type(app.screen).__name__, "wanted": CompanionApp.warm_up_modules()}}))

        asyncio.run(main())
    """)
    seen = run_fresh(script)
    assert [name for name in seen["before"] if name.rsplit(".", 1)[-1] in LAZY_SCREENS] == []
    assert seen["stdlib"] == []
    assert {f"companion.tui.screens.{name}" for name in LAZY_SCREENS} <= set(seen["after"])
    assert set(seen["wanted"]) <= set(seen["after"]) and seen["screen"] == "WinsScreen"

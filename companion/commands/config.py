"""`companion config path|show|edit`: where the settings live, what is in effect, change them safely."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from companion.bindings import binding_ids, key_clashes
from companion.config import Config, LoadedConfig, load_config, save_config, to_toml
from companion.context import Context
from companion.errors import EXIT_ERROR, EXIT_OK
from companion.settings import check_config


def cmd_config(args: argparse.Namespace, context: Context) -> int:
    if args.action == "path":
        print(context.config_path)
        return EXIT_OK
    if args.action == "show":
        effective = _checked(LoadedConfig(context.config, context.problems))
        print(to_toml(effective.config), end="")
        _report(effective.problems, context.config_path)
        _report_shared_keys(effective.config)
        return EXIT_OK
    return _edit(context.config_path)


def _edit(path: Path) -> int:
    editor = (os.environ.get("VISUAL") or os.environ.get("EDITOR") or "").strip()
    if not editor:
        print(
            "companion: no editor is set. Set $VISUAL or $EDITOR (for example `export EDITOR=nano`), "
            f"or open {path} in any editor.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        if not path.exists():
            save_config(path, Config())  # start from the defaults, so every setting is there to change
        finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as exc:
        print(f"companion: could not open {path} with {editor!r} ({exc})", file=sys.stderr)
        return EXIT_ERROR
    checked = _checked(load_config(path))
    problems = checked.problems
    _report(problems, path)
    _report_shared_keys(checked.config)
    if finished.returncode != 0:
        print(f"companion: the editor ended with status {finished.returncode}", file=sys.stderr)
        return EXIT_ERROR
    if problems:
        return EXIT_ERROR
    print(f"Settings checked, all good: {path}")
    return EXIT_OK


def _checked(loaded: LoadedConfig) -> LoadedConfig:
    """Also what only the app's bindings and themes can tell: read from the core, without the app."""
    return check_config(loaded, binding_ids())


def _report_shared_keys(config: Config) -> None:
    """A key given to two actions is used, so it is a note, not a problem: the person may want it so."""
    for clash in key_clashes(config.keys):
        print(f"companion: settings: {clash}", file=sys.stderr)


def _report(problems: list[str], path: Path) -> None:
    for problem in problems:
        print(f"companion: settings: {problem}", file=sys.stderr)
    if problems:
        advice = f"until fixed, those keys use their defaults; `companion config edit` opens {path}"
        print(f"companion: {advice}", file=sys.stderr)

"""Drive companion in a real terminal: a tmux server of the test's own, screen text polled."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.conftest import require_tool

REPO = Path(__file__).resolve().parents[2]


class Terminal:
    """One tmux session running one command; nothing is shared with a tmux the person runs."""

    def __init__(self, command: str, env: dict[str, str], *, width: int = 120, height: int = 40) -> None:
        require_tool("tmux")
        self.socket = f"companion-test-{uuid.uuid4().hex[:8]}"
        env_words = " ".join(f"{key}={_quote(value)}" for key, value in env.items())
        # COLUMNS/LINES (pytest's terminal may set them) would make Textual ignore the real window size.
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(REPO),
            f"env -u COLUMNS -u LINES {env_words} {command}",
        )
        self._tmux("set-option", "-t", "main", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str | Callable[[str], bool], timeout: float = 20.0) -> str:
        """Poll the screen until `text` shows (keys sent before the first frame are lost)."""
        check = text if callable(text) else (lambda screen: text in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {text!r}; the screen shows:\n{screen}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "main", "-l", text)

    def pane_dead(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "main", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def type_into(term: Terminal, text: str) -> None:
    """Type `text` literally and wait until it is on the screen (keys sent before would be lost)."""
    term.type(text)
    term.wait_for(text)


def companion_in_terminal(
    data_dir: Path,
    config: Path,
    *args: str,
    width: int = 120,
    height: int = 40,
    extra_env: dict[str, str] | None = None,
) -> Terminal:
    env = {
        "COMPANION_DATA_DIR": str(data_dir),
        "COMPANION_CONFIG": str(config),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
        "PATH": os.environ.get("PATH", ""),
        **(extra_env or {}),
    }
    return Terminal(" ".join([_quote(sys.executable), "-m", "companion", *args]), env, width=width, height=height)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"

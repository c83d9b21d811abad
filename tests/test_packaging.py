"""The wheel carries the styles: install it into a fresh venv outside the repo and run it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

HEADLESS_CHECK = textwrap.dedent(
    """
    import asyncio, companion
    from pathlib import Path
    from companion.context import Context
    from companion.tui.app import CompanionApp

    async def main():
        app = CompanionApp(Context.from_options(None, None))
        async with app.run_test(size=(100, 30)) as pilot:
            css = Path(app.css_path[0])
            assert css.is_file() and "site-packages" in str(css), css
            assert Path(companion.__file__).parent in css.parents, css
            await pilot.press("enter")  # the first-run welcome
            padding = app.screen.query_one("#today").styles.padding
            assert (padding.top, padding.left) == (0, 1), padding  # from styles/today.tcss
            await pilot.press("w", *"from the wheel", "enter")
            await pilot.pause()
        print("headless ok")

    asyncio.run(main())
    """
)


def _twine_check(distribution: Path) -> None:
    """PyPI would accept it: metadata and the README rendering, as `twine check --strict` sees them."""
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(distribution)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0 and "PASSED" in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("jobsearch_companion-*.whl"))
    _twine_check(wheel)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, timeout=600
    )
    env = {**os.environ, "COMPANION_DATA_DIR": str(tmp_path / "data"), "COMPANION_CONFIG": str(tmp_path / "c.toml")}
    env.pop("PYTHONPATH", None)
    outside = tmp_path  # not the repo, so the checkout cannot be imported by accident
    version = subprocess.run(
        [str(venv / "bin" / "companion"), "--version"], capture_output=True, text=True, env=env, cwd=outside, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("companion ")
    win = subprocess.run(
        [str(venv / "bin" / "companion"), "win", "installed"],
        capture_output=True,
        text=True,
        env=env,
        cwd=outside,
        timeout=60,
    )
    assert win.returncode == 0, win.stderr
    headless = subprocess.run(
        [str(python), "-c", HEADLESS_CHECK], capture_output=True, text=True, env=env, cwd=outside, timeout=120
    )
    assert headless.returncode == 0, headless.stderr
    assert "headless ok" in headless.stdout
    listed = subprocess.run(
        [str(venv / "bin" / "companion"), "wins"], capture_output=True, text=True, env=env, cwd=outside, timeout=60
    )
    assert "from the wheel" in listed.stdout and "installed" in listed.stdout


@pytest.mark.slow
def test_sdist_builds_and_installs_with_its_styles(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sdist = next(dist.glob("jobsearch_companion-*.tar.gz"))
    _twine_check(sdist)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(sdist)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    env = {**os.environ, "COMPANION_DATA_DIR": str(tmp_path / "data"), "COMPANION_CONFIG": str(tmp_path / "c.toml")}
    env.pop("PYTHONPATH", None)
    version = subprocess.run(
        [str(venv / "bin" / "companion"), "--version"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert version.returncode == 0 and version.stdout.startswith("companion ")
    styles = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from companion.tui.styles import stylesheet; print(stylesheet('today').read_text())",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert styles.returncode == 0 and "#today" in styles.stdout

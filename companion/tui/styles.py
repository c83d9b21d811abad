"""Find the .tcss files: top-level styles/ in a checkout, companion/styles inside a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    bundled = _PACKAGE / "styles"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "styles"


def stylesheet(name: str) -> Path:
    """Path of styles/<name>.tcss, wherever companion is installed."""
    return styles_dir() / f"{name}.tcss"

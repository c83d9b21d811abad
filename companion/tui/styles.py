"""Find the .tcss files: top-level styles/ in a checkout, companion/styles inside a wheel."""

from __future__ import annotations

from pathlib import Path

from textual.css.stylesheet import Stylesheet

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    bundled = _PACKAGE / "styles"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "styles"


def stylesheet(name: str) -> Path:
    """Path of styles/<name>.tcss, wherever companion is installed."""
    return styles_dir() / f"{name}.tcss"


class KeptParses(Stylesheet):
    """Textual's stylesheet, keeping what it parsed for as long as the CSS variables (the theme) stay.

    Each time a screen brings CSS of its own, Textual parses every source again (about 90: each
    widget's DEFAULT_CSS is one) in a fresh stylesheet with an empty cache, and then once more, as
    `refresh_css` sets the same variables again, which empties the cache. That was 30-100 ms of each
    area's first open, and a second parse of everything before the first frame. Here the fresh
    stylesheet parses through this one's cache, and setting the same variables keeps it; other
    variables (another theme) still clear it. tests/tui/test_styles_parsed_once.py holds it.
    """

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables != self._variables:
            super().set_variables(variables)

    def reparse(self) -> None:
        """As Stylesheet.reparse (in a fresh stylesheet, so an error leaves this one as it was), with
        this one's parse cache: the parses are the same while the variables are."""
        fresh = Stylesheet(variables=self._variables)
        fresh._parse_cache = self._parse_cache
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker, scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)  # as Textual does: not parsed again before it quits
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False

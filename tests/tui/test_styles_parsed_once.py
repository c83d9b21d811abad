"""Each CSS source is parsed once while the theme stays (companion.tui.styles.KeptParses): at start-up,
and when an area brings its own styles the first time, only what it brings is parsed (a source Textual
gives a new tie-breaker is parsed again: its rules rank differently)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import textual.css.stylesheet
from textual.css.model import RuleSet

from companion.context import Context
from companion.tui.app import CompanionApp

SIZE = (120, 40)
AREA_KEYS = ("p", "l", "b", "r", "h")


Parse = tuple[tuple[str, str], str, object, object, str]  # read from, scope, defaults?, tie-breaker, CSS


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Parse]:
    """Every parse Textual makes, as its parse cache keys them (Stylesheet._parse_rules calls `parse` on a miss)."""
    seen: list[Parse] = []
    real = textual.css.stylesheet.parse

    def counting(scope: str, css: str, read_from: tuple[str, str], **options: object) -> Iterator[RuleSet]:
        seen.append((read_from, scope, options.get("is_default_rules"), options.get("tie_breaker"), css))
        return real(scope, css, read_from, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(textual.css.stylesheet, "parse", counting)
    return seen


async def test_every_source_is_parsed_once_from_start_up_through_every_area(
    context: Context, parsed: list[Parse]
) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(parsed) == len(set(parsed)) == len(app.stylesheet.source)  # Textual alone parses them twice
        for key in AREA_KEYS:
            sources_before, parsed_before = len(app.stylesheet.source), len(parsed)
            await pilot.press(key)
            await pilot.pause()
            assert len(app.stylesheet.source) > sources_before, key  # the area came with styles of its own
            assert len(parsed) - parsed_before < len(app.stylesheet.source), key  # not every source again
        assert len(parsed) == len(set(parsed))  # nothing parsed twice


async def test_another_theme_parses_again_with_its_colours(context: Context, parsed: list[Parse]) -> None:
    app = CompanionApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = len(parsed)
        background = app.screen.styles.background
        app.theme = "companion-contrast" if app.theme != "companion-contrast" else "companion-calm"
        await pilot.pause()
        assert len(parsed) - before >= len(app.stylesheet.source)  # the variables changed: everything again
        assert app.screen.styles.background != background

"""Every key binding rebound at once: each screen and dialog reached by keyboard names only the keys in use.

The person's keymap goes through the settings file's own path (Config.keys -> apply_keymap). Each
binding gets a function key nobody uses by default, so a default key still named in the app's words
(`s goes back`, `(i explains it)`, `[ reopens it`) is a hard-coded one. Keys of Textual's widgets
(Enter in a field, Space on a list, Tab) and Escape leaving a dialog are not bindings of companion's
words here; they are left out of the search.
"""

from __future__ import annotations

import re

from textual.pilot import Pilot

from companion import pipeline
from companion.context import Context
from companion.keynames import DEFAULT_KEYS, key_label
from companion.tui.app import CompanionApp
from companion.tui.keys import known_bindings

SIZE = (120, 40)
NOT_SEARCHED = {"escape", "enter", "tab", "up", "down", "pageup", "pagedown", "home", "end"}
ENGLISH_WORDS = {"a", "I"}  # one-letter words: searched only where a key would stand


def rebound_everything() -> dict[str, str]:
    """Each binding id a function key of its own (f1-f24, then with ctrl, shift, alt and two of them)."""
    modifiers = ("", "ctrl+", "shift+", "alt+", "ctrl+shift+", "ctrl+alt+")
    keys = [f"{modifier}f{number}" for modifier in modifiers for number in range(1, 25)]
    ids = sorted(known_bindings(CompanionApp))
    assert len(ids) <= len(keys)
    return dict(zip(ids, keys[: len(ids)], strict=True))


def default_labels() -> set[str]:
    """Every default key as the app's words would show it (the first of a binding's keys, `?` not question_mark)."""
    bindings = known_bindings(CompanionApp)
    labels = {key_label(binding.key.split(",")[0].strip()) for binding in bindings.values()}
    labels |= set(DEFAULT_KEYS.values())
    return {label for label in labels if label not in NOT_SEARCHED}


def _patterns(labels: set[str]) -> list[re.Pattern[str]]:
    single = sorted(label for label in labels if len(label) == 1 and label not in {*ENGLISH_WORDS, "/"})
    beside = r"\w.'’+^/\-“”\"()\u2500-\u259f…"  # a letter of a word, or a dialog's border drawn over one
    return [
        # a key standing alone: `s goes back`, `[ reopens it`, `(i explains it)`, `x: a short debrief`
        re.compile(rf"(?<![{beside}])(?<!\d )(?:{'|'.join(map(re.escape, single))})(?![{beside}]|\.\w)"),
        re.compile(r"(?:^|[·(;:]\s*|\s{2})/(?= [a-z])"),  # `/ filters`, not "Charts / sentences"
        re.compile(r"\((?:a|I)\)|(?<!\w)(?:a|I):|[Pp]ress (?:a|I)(?= to\b|[,.)]|$)|· a\b"),
        re.compile(r"←|\b[Ss]pace\b(?! (?:ticks|opens|is here))"),  # Space on a list or a Select is Textual's
        re.compile(r"\bctrl\+(?!p\b)[a-z]\b"),  # ctrl+p is the command palette's, not a binding of companion's
    ]


class Reader:
    """Reads what is drawn (toasts included) and keeps every default key found, with where."""

    def __init__(self, app: CompanionApp, pilot: Pilot[None]) -> None:
        self.app, self.pilot = app, pilot
        self.patterns = _patterns(default_labels())
        self.found: list[str] = []
        self.said: list[str] = []  # every toast, read where it was shown

    async def read(self, place: str) -> str:
        await self.pilot.pause()
        drawn = "\n".join(strip.text for strip in self.app.screen._compositor.render_strips())
        toasts = [str(notification.message) for notification in self.app._notifications]
        self.said += toasts
        self.app.clear_notifications()  # read once: the next place is not drawn under them
        for line in [*drawn.splitlines(), *toasts]:
            for pattern in self.patterns:
                for hit in pattern.finditer(line):
                    self.found.append(f"{place}: {hit[0]!r} in {line.strip()!r}")
        return drawn


async def test_every_screen_and_dialog_names_the_rebound_keys(context: Context) -> None:
    keys = rebound_everything()
    context.config = context.config.replace(keys=keys)
    app = CompanionApp(context.replace(welcome_first_run=True))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = Reader(app, pilot)
        assert app.keys_in_use == keys  # every override was usable

        async def press(binding_id: str, place: str) -> str:
            await pilot.press(keys[binding_id])
            return await reader.read(place)

        welcome = await reader.read("the welcome")
        assert keys["welcome.demo"] in welcome and keys["pipeline"] in welcome
        await press("welcome.demo", "Today, on the demo data")
        assert app.context.demo or app.sub_title

        # Pipeline: the board, a rejected application, the stats, the debrief, the dialogs
        store, now = app.context.store, app.context.now()
        rejected = pipeline.add_application(store, pipeline.Details("Keyed Co", "Tester"), now=now)
        pipeline.move(store, rejected.id, "rejected", now=now)  # the newest in Closed, no debrief yet
        app.data_changed()
        await press("pipeline", "Pipeline")
        for _ in range(5):  # to the Closed column
            await press("pipeline.column_right", "Pipeline, moving right")
        detail = await reader.read("a rejected application")
        assert "Keyed Co — Tester · rejected" in detail and f"{keys['pipeline.rejected']}: a short debrief" in detail
        await press("pipeline.next", "a closed application moved on")
        stats = await press("pipeline.stats", "Pipeline stats")
        assert f"{keys['pipeline.stats']} goes back" in stats
        await press("pipeline.stats", "back to the board")
        await press("pipeline.rejected", "the debrief")
        await press("debrief.stop", "the debrief stopped")
        for _ in range(4):  # to Applied
            await press("pipeline.column_left", "Pipeline, moving left")
        await press("pipeline.follow_up", "the follow-up form")
        await pilot.press("escape")
        await press("pipeline.interview", "the interview form")
        await press("interview_form.cancel", "the interview form closed")
        await press("pipeline.add", "the application form")
        await pilot.press("escape")
        await press("pipeline.no_response", "marked as no response")
        await press("pipeline.insights", "Insights")
        await press("insights.charts", "Insights as sentences")
        await press("insights.review", "the week in review")
        await press("insights.journal", "the journal")
        await press("journal.back", "back from the journal")
        await press("insights.close", "back from Insights")

        # Wins
        await press("wins", "Wins")
        await press("wins.add", "the win form")
        await pilot.press("escape")
        await press("quick_win", "the quick win form")
        await pilot.press("escape")

        # Breathe: at rest, running, paused, its pattern dialogs
        rest = await press("breathe", "Breathe")
        assert f"{keys['breathe.previous']} {keys['breathe.next']} pattern" in rest
        await press("breathe.start", "breathing")
        paused = await press("breathe.pause", "breathing paused")
        assert f"{keys['breathe.resume']} carries on, {keys['breathe.end']} ends" in paused
        await press("breathe.end", "breathing ended")
        await press("breathe.manage", "your patterns")
        await press("breathe.list.close", "your patterns closed")
        await press("breathe.create", "the pattern form")
        await press("breathe.form.cancel", "the pattern form closed")

        # Reframe: both sides of a card, the trap, a star, the filter, the dialogs
        await press("reframe", "Reframe")
        back = await press("reframe.flip", "the back of the card")
        assert f"{keys['reframe.flip']} turns it back" in back
        await press("reframe.explain", "the thinking trap explained")
        await press("reframe.explain.close", "the trap closed")
        await press("reframe.favourite", "a card starred")
        await press("reframe.filter", "the card filter")
        await press("reframe.filter.cancel", "the card filter closed")
        await press("reframe.thought_record", "the thought record")
        await press("reframe.thought.leave", "the thought record left")
        await press("reframe.add", "the card form")
        await press("reframe.card_form.cancel", "the card form closed")

        # People, settings, the key list
        await press("people", "People")
        await press("people.add", "the person form")
        await press("person_form.cancel", "the person form closed")
        await press("settings", "Settings")
        await press("settings.close", "Settings closed")
        help_text = await press("help", "the key list")
        assert f"{keys['quick_win']}  Win" in help_text
        await pilot.press("escape")
        await press("today", "Today again")

        said = "\n".join(reader.said)
        assert f"{keys['pipeline.previous']} reopens it" in said
        assert f"{keys['reframe.filter']} → Your favourites" in said
    assert reader.found == [], "\n".join(reader.found)

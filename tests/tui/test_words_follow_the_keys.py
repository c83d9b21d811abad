"""Every key binding rebound at once: each screen and dialog reached by keyboard names only the keys in use.

The person's keymap goes through the settings file's own path (Config.keys -> apply_keymap). Each
binding gets a function key nobody uses by default, so a default key still named in the app's words
(`s goes back`, `(i explains it)`, `[ reopens it`, `Escape cancels`) is a hard-coded one. Keys of
Textual's widgets (Enter in a field, Space on a list, Tab) are not bindings of companion's words here;
they are left out of the search. So is an open list of a Select: its Escape is Textual's, and no step
below opens one.
"""

from __future__ import annotations

import re

from textual.pilot import Pilot

from companion import interviews, people, pipeline
from companion.context import Context
from companion.keynames import DEFAULT_KEYS, key_label
from companion.tui.app import CompanionApp
from companion.tui.keys import known_bindings

SIZE = (120, 40)
NOT_SEARCHED = {"enter", "tab", "up", "down", "pageup", "pagedown", "home", "end"}
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
        *_named_patterns(labels),
    ]


def _named_patterns(labels: set[str]) -> list[re.Pattern[str]]:
    """Escape, in any case: the words write `Escape`, a key list `escape` (key_label), the key bar `esc`."""
    escape = key_label("escape")
    return [re.compile(rf"(?i)\b(?:{escape}|esc)\b")] if escape in labels else []


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

        async def type_then_keep(cancel_id: str, place: str) -> None:
            """Type a word, then cancel: "Close without saving?" names its keys; the first stays, the second closes."""
            await pilot.press(*"typed")
            asked = await press(cancel_id, f"{place}: close without saving?")
            assert f"Stay ({keys['confirm.no']})" in asked and f"Close ({keys['confirm.yes']})" in asked
            await press("confirm.no", f"{place}, kept")
            await press(cancel_id, f"{place}: asked again")
            await press("confirm.yes", f"{place} closed")

        welcome = await reader.read("the welcome")
        assert keys["welcome.demo"] in welcome and keys["pipeline"] in welcome
        assert f"Start ({keys['welcome.start']})" in welcome
        await press("welcome.demo", "Today, on the demo data")
        assert app.context.demo or app.sub_title

        # Pipeline: the board, a rejected application, the stats, the debrief, the dialogs
        store, now = app.context.store, app.context.now()
        rejected = pipeline.add_application(store, pipeline.Details("Keyed Co", "Tester"), now=now)
        interviews.add_interview(store, rejected, interviews.Plan("yesterday 10:00"), now=now, past=True, move=False)
        pipeline.move(store, rejected.id, "rejected", now=now)  # the newest in Closed, no debrief yet
        app.data_changed()
        await press("pipeline", "Pipeline")
        for _ in range(5):  # to the Closed column
            await press("pipeline.column_right", "Pipeline, moving right")
        detail = await reader.read("a rejected application")
        assert "Keyed Co — Tester · rejected" in detail and f"{keys['pipeline.rejected']}: a short debrief" in detail
        await press("pipeline.next", "a closed application moved on")
        note = await press("pipeline.thank_you", "the thank-you note")
        assert f"{keys['thank_you.done']} or {keys['thank_you.close']}" in note  # "… closes", on the next line
        await press("thank_you.done", "the thank-you note closed")
        stats = await press("pipeline.stats", "Pipeline stats")
        assert f"{keys['pipeline.stats']} goes back" in stats
        await press("pipeline.stats", "back to the board")
        await press("pipeline.rejected", "the debrief")
        await pilot.press("enter")  # no feeling given: on to the reflection
        await reader.read("the debrief's reflection")
        await pilot.press("enter", "enter", "enter")  # three questions left empty: the name to sign with
        asked = await reader.read("the name to sign with")
        assert f"{keys['your_name.skip']} skips" in asked
        await press("your_name.skip", "the debrief's feedback request")
        await press("debrief.skip", "the debrief's reminder")
        await pilot.press("enter")  # no reminder: the card
        await reader.read("the debrief's card")
        await press("debrief.stop", "the debrief stopped")
        for _ in range(4):  # to Applied
            await press("pipeline.column_left", "Pipeline, moving left")
        await press("pipeline.follow_up", "the follow-up form")
        await pilot.press("tab")
        await reader.read("the follow-up form's checkbox")
        await press("follow_up.cancel", "the follow-up form closed")
        await press("pipeline.interview", "the interview form")
        await press("interview_form.cancel", "the interview form closed")
        await press("pipeline.add", "the application form")
        await type_then_keep("application_form.cancel", "the application form")
        await press("pipeline.filter", "the filter")
        await press("pipeline.clear_filter", "the filter cleared")
        await press("pipeline.no_response", "marked as no response")
        await press("pipeline.insights", "Insights")
        await press("insights.charts", "Insights as sentences")
        await press("insights.review", "the week in review")
        await press("insights.journal", "the journal")
        await press("journal.search", "the journal's search")
        await press("journal.back", "the journal's search cleared")
        await press("journal.back", "back from the journal")
        await press("insights.close", "back from Insights")

        # Wins: the forms, the search, the brag document's file name
        await press("wins", "Wins")
        await press("wins.add", "the win form")
        await type_then_keep("win_form.cancel", "the win form")
        await press("quick_win", "the quick win form")
        await press("win_form.cancel", "the quick win form closed")
        await press("wins.search", "the wins search")
        await press("wins.clear_search", "the wins search cleared")
        await press("wins.export", "the brag document's file name")
        await press("path_prompt.cancel", "the brag document not saved")

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
        card_filter = await press("reframe.filter", "the card filter")
        assert f"{keys['reframe.filter.cancel']} keeps the current view" in card_filter
        await press("reframe.filter.cancel", "the card filter closed")
        await press("reframe.thought_record", "the thought record")
        await press("reframe.thought.leave", "the thought record left")
        await press("reframe.add", "the card form")
        await press("reframe.card_form.cancel", "the card form closed")

        # People: the forms of one person, the search
        people.add_person(store, people.Details("Keyed Contact"), now=now)  # the demo has nobody yet
        app.data_changed()
        await press("people", "People")
        await press("people.add", "the person form")
        await press("person_form.cancel", "the person form closed")
        await press("people.touchpoint", "a touchpoint")
        await press("person_line.cancel", "no touchpoint")
        await press("people.follow_up", "the day to get in touch")
        await press("person_line.cancel", "no day")
        await press("people.link", "a link to an application")
        await press("person_link.cancel", "no link")
        await press("people.search", "the people search")
        await press("people.clear_search", "the people search cleared")

        # Settings and one setting's editor, the key list, the import dialog (from the palette)
        await press("settings", "Settings")
        await press("settings.edit", "a setting's editor")
        await press("settings.editor.cancel", "the setting's editor closed")
        await press("settings.close", "Settings closed")
        help_text = await press("help", "the key list")
        assert f"{keys['quick_win']}  Win" in help_text
        await press("help.close", "the key list closed")
        await pilot.press("ctrl+p", *"Import from another tool")
        await reader.read("the command palette")
        await pilot.press("enter")
        imported = await reader.read("the import dialog")
        assert f"{keys['import_cancel']} cancels" in imported
        await press("import_cancel", "the import dialog closed")
        await press("today", "Today again")

        said = "\n".join(reader.said)
        assert f"{keys['pipeline.previous']} reopens it" in said
        assert f"{keys['reframe.filter']} → Your favourites" in said
    assert reader.found == [], "\n".join(reader.found)

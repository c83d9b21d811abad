"""Today's one suggested next step, chosen from the state of every area."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion import pipeline, today, wins
from companion.config import Config
from companion.keynames import DEFAULT_KEYS, with_keys
from companion.store import Store
from tests.conftest import FIXED_NOW


def add_apps(store: Store, count: int, stage: str = "applied") -> list[pipeline.Application]:
    return [
        pipeline.add_application(
            store, pipeline.Details(company=f"Company {n}", role="Engineer"), stage=stage, now=FIXED_NOW
        )
        for n in range(count)
    ]


def step(store: Store, config: Config | None = None) -> today.NextStep:
    suggestion = today.next_step(today.gather(store, config or Config(), FIXED_NOW))
    assert suggestion.action in DEFAULT_KEYS  # Today shows the key in use for it (companion.keynames)
    return suggestion


def test_a_rejection_today_suggests_a_breath_first(store: Store) -> None:
    (app,) = add_apps(store, 1)
    wins.add_win(store, "a win", now=FIXED_NOW)
    pipeline.move(store, app.id, "rejected", now=FIXED_NOW)
    assert step(store).action == "breathe"


def test_a_rejection_yesterday_does_not(store: Store) -> None:
    (app,) = add_apps(store, 1)
    pipeline.move(store, app.id, "rejected", now=FIXED_NOW - timedelta(days=1))
    assert step(store).action == "quick_win"


def test_no_win_today_suggests_logging_one(store: Store) -> None:
    add_apps(store, 6)
    wins.add_win(store, "yesterday's win", now=FIXED_NOW - timedelta(days=1))
    suggestion = step(store)
    assert suggestion.action == "quick_win" and "one small thing" in suggestion.text


def test_below_the_breadth_target_suggests_adding_an_application(store: Store) -> None:
    add_apps(store, 2)
    wins.add_win(store, "today's win", now=FIXED_NOW)
    assert step(store, Config(breadth_target=3)) == today.NextStep("pipeline", step(store).text)
    assert "press p, then a" in with_keys(step(store).text)
    assert "press ctrl+p, then n" in with_keys(step(store).text, {"pipeline": "ctrl+p", "pipeline.add": "n"})
    add_apps(store, 1)
    assert step(store, Config(breadth_target=3)).action == "reframe"


def test_gather_counts_what_today_shows(store: Store) -> None:
    apps = add_apps(store, 3)
    pipeline.set_follow_up(store, apps[0].id, FIXED_NOW.date() - timedelta(days=1), now=FIXED_NOW)
    for n in range(4):
        wins.add_win(store, f"win {n}", now=FIXED_NOW - timedelta(minutes=n))
    state = today.gather(store, Config(breadth_target=5), FIXED_NOW)
    assert (state.breadth.active, state.breadth.target) == (3, 5)
    assert [app.id for app in state.follow_ups] == [apps[0].id]
    assert state.wins_today == 4 and [w.text for w in state.latest_wins] == ["win 0", "win 1", "win 2"]
    assert state.card.thought and state.breathing_minutes == 0


@pytest.mark.parametrize("wording", ["lost", "failed", "broke", "behind"])
def test_no_step_wording_blames(store: Store, wording: str) -> None:
    for setup in (lambda: None, lambda: wins.add_win(store, "w", now=FIXED_NOW), lambda: add_apps(store, 9)):
        setup()
        assert wording not in step(store).text.lower()

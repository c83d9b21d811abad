"""What a newcomer tripped over (issue 20), in the core and the command line: tags, dates, words, keys."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from companion import pipeline, wins
from companion.cli import main
from companion.config import Config, apply_values, to_toml
from companion.keynames import key_problem
from companion.settings import SettingError, change_key
from companion.store import Store
from companion.textsafe import sentence
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # Friday 2026-11-27


# -- tags as written ------------------------------------------------------------------------------


def test_tags_stay_whole_and_a_sentence_end_is_dropped(store: Store) -> None:
    win = wins.add_win(
        store, "Wrote #c++ and #c# for #node.js on the #front-end, then learned #python. Next: #go!", now=FIXED_NOW
    )
    assert win.tags == ["c++", "c#", "node.js", "front-end", "python", "go"]
    assert win.text.endswith("#python. Next: #go!")  # the text itself is kept as typed


def test_c_cpp_and_csharp_are_three_tags() -> None:
    _, tags = wins.prepare("#c #c++ #c# #C++")
    assert tags == ["c", "c++", "c#"]


def test_typed_tags_keep_their_signs_and_lose_a_full_stop() -> None:
    assert wins.normalise_tags(["#C++", "python.", "node.js", "big win,"]) == ["c++", "python", "node.js", "big-win"]


# -- dates typed in the pipeline ------------------------------------------------------------------


def test_date_applied_mon_is_the_latest_monday() -> None:
    assert pipeline.parse_applied_date("mon", TODAY) == date(2026, 11, 23)
    assert pipeline.parse_applied_date("last friday", TODAY) == date(2026, 11, 20)
    assert pipeline.parse_applied_date("", TODAY) is None


def test_a_future_applied_date_is_questioned_and_nothing_is_written(store: Store) -> None:
    details = pipeline.Details("Acme", "Dev", applied_on=pipeline.parse_applied_date("+2w", TODAY))
    with pytest.raises(pipeline.ApplicationError, match=r"Date applied: Fri 11 Dec is still to come"):
        pipeline.add_application(store, details, now=FIXED_NOW)
    assert store.all("applications") == []


def test_a_wishlist_item_has_no_sent_date(store: Store) -> None:
    wish = pipeline.add_application(store, pipeline.Details("Acme", "Dev"), stage="wishlist", now=FIXED_NOW)
    assert wish.applied is None and wish.sent_on is None
    with pytest.raises(pipeline.ApplicationError, match="a wishlist item has not been sent yet"):
        pipeline.add_application(
            store, pipeline.Details("Acme", "Dev", applied_on=TODAY), stage="wishlist", now=FIXED_NOW
        )
    # An old record holding one is not shown as sent while it is in the wishlist.
    old = pipeline.Application.from_record(
        {"company": "X", "role": "Y", "stage": "wishlist", "applied_on": "2026-11-01"}
    )
    assert old.sent_on is None


def test_the_cli_reads_applied_dates_looking_back(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "add", "Acme", "Dev", "--applied", "mon"]) == 0
    [app] = pipeline.all_applications(Store(data_dir))
    today = date.today()
    assert app.applied is not None and app.applied.weekday() == 0 and today - timedelta(days=6) <= app.applied <= today
    assert main(["app", "add", "Globex", "Dev", "--applied", "+2w"]) == 2
    assert "is still to come" in capsys.readouterr().err
    assert len(pipeline.all_applications(Store(data_dir))) == 1


# -- warn when adding one that exists ----------------------------------------------------------


def test_same_company_and_role_is_found_whatever_the_case(store: Store) -> None:
    first = pipeline.add_application(store, pipeline.Details("Acme Corp", "Backend Dev"), now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Acme Corp", "Frontend Dev"), now=FIXED_NOW)
    assert [app.id for app in pipeline.same_applications(store, " acme  corp", "BACKEND dev")] == [first.id]
    assert pipeline.same_applications(store, "Acme Corp", "Backend Dev", other_than=first.id) == []


def test_the_cli_adds_a_second_one_with_a_note(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "add", "Acme", "Dev"]) == 0
    capsys.readouterr()
    assert main(["app", "add", "acme", "DEV"]) == 0
    captured = capsys.readouterr()
    first = pipeline.all_applications(Store(data_dir))[0]
    assert captured.out.startswith("Added acme — DEV (applied)")
    assert captured.err == f"Note: acme — DEV was already in your pipeline: {first.id[:8]} (applied).\n"
    assert len(pipeline.all_applications(Store(data_dir))) == 2


def test_app_move_by_the_start_of_the_company_name(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "add", "Orbit Robotics", "Dev"]) == 0
    assert main(["app", "add", "Globex", "Dev"]) == 0
    assert main(["app", "move", "orbit", "screening"]) == 0
    assert "Moved Orbit Robotics — Dev: applied → screening." in capsys.readouterr().out
    stages = {app.company: app.stage for app in pipeline.all_applications(Store(data_dir))}
    assert stages == {"Orbit Robotics": "screening", "Globex": "applied"}


# -- words ---------------------------------------------------------------------------------------


def test_one_full_stop_after_a_list_cut_with_an_ellipsis() -> None:
    quiet = [pipeline.Application(company=f"Orbit {n}", role="Dev", id=str(n)) for n in range(523, 528)]
    line = pipeline.no_response_line(quiet, 21)
    assert "Orbit 526 … Silence" in line and "…." not in line
    assert pipeline.no_response_line(quiet[:1], 21).startswith("Quiet for 21+ days: Orbit 523. Silence")
    assert [sentence(text) for text in ("Saved Acme Inc.", "Go!", "a …", "Saved")] == [
        "Saved Acme Inc.",
        "Go!",
        "a …",
        "Saved.",
    ]


def test_config_show_ends_with_one_newline(capsys: pytest.CaptureFixture[str]) -> None:
    assert to_toml(Config()).endswith("[keys]\n") and not to_toml(Config()).endswith("\n\n")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_work_days_read_full_names_and_report_a_wrong_one_whole() -> None:
    loaded = apply_values(Config(), {"breaks.work_days": ["Monday", "TUESDAY", "thurs"]})
    assert loaded.config.work_days == ("mon", "tue", "thu") and loaded.problems == []
    wrong = apply_values(Config(), {"breaks.work_days": ["mon", "funday"]})
    assert "unknown day 'funday'" in wrong.problems[0]


# -- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["hyper+x", "super+w", "meta+ctrl+a"])
def test_a_key_no_terminal_sends_is_refused_with_the_reason(typed: str) -> None:
    problem = key_problem(typed)
    assert problem is not None and "terminals do not pass the" in problem and "use ctrl, alt or shift" in problem
    with pytest.raises(SettingError, match="cannot reach companion"):
        change_key(Config(), "quick_win", typed, {"quick_win"})


def test_keys_a_terminal_sends_are_fine() -> None:
    assert [key_problem(typed) for typed in ("ctrl+w", "alt+x", "shift+tab", "?", "f2")] == [None] * 5
    assert "is not a key name" in (key_problem("ctrl+foo") or "")

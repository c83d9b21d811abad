"""`companion stats`, `companion journal`, `companion review` and `app add --source` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion import pipeline
from companion.cli import main
from companion.store import Store
from tests.conftest import FIXED_NOW


def run(*args: str) -> int:
    return main(list(args))


def test_app_add_source_feeds_stats_by_source(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("app", "add", "Acme", "Dev", "--source", "referral: Ana") == 0
    assert run("app", "add", "Globex", "SRE", "--source", "Job board") == 0
    assert run("app", "add", "Hooli", "QA", "--source", "job board", "--stage", "rejected") == 0
    sources = [app.source for app in pipeline.all_applications(Store(data_dir))]
    assert sources == ["referral: Ana", "Job board", "job board"]
    capsys.readouterr()
    assert run("stats", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert list(stats) == ["funnel", "by_source", "time_in_stage", "stopped_at", "weekly"]
    assert stats["by_source"] == {
        "Job board": {"applications": 2, "responses": 1, "rate": 0.5},
        "referral": {"applications": 1, "responses": 0, "rate": 0.0, "people": ["Ana"]},
    }
    assert stats["funnel"]["sent"] == {"count": 3, "rate": 1.0}
    assert stats["stopped_at"]["applied"]["rejected"] == 1
    assert stats["weekly"]["goal"] is None and len(stats["weekly"]["weeks"]) == 8


def test_stats_text_with_nothing_yet_is_kind_and_points_the_way(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("stats") == 0
    out = capsys.readouterr().out
    assert out.startswith("Effort per week, the part you control\n")
    assert "Nothing sent yet" in out and "`companion app add COMPANY ROLE --source referral`" in out and "%" not in out


def test_stats_since_and_a_weekly_goal_from_the_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "config.toml").write_text("[pipeline]\nweekly_goal = 3\n")
    assert run("app", "add", "Acme", "Dev") == 0
    capsys.readouterr()
    assert run("stats", "--since", "today", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["weekly"]["goal"] == 3 and len(stats["weekly"]["weeks"]) == 1
    assert stats["weekly"]["weeks"][0]["applications"] == 1


def test_stats_refuses_a_date_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("stats", "--since", "someday") == 2
    assert "'someday' is not a date I can read" in capsys.readouterr().err


def test_journal_lists_searches_and_prints_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("journal") == 0
    assert "The journal is empty for now" in capsys.readouterr().out
    store = Store(data_dir)
    app = pipeline.add_application(store, pipeline.Details("Acme [TODO]", "Dev"), stage="rejected", now=FIXED_NOW)
    pipeline.save_debrief(store, app.id, 6, "clear story [/]", "system design practice", "", now=FIXED_NOW)
    assert run("journal") == 0
    out = capsys.readouterr().out
    assert "debrief · Acme [TODO] — Dev" in out and "    clear story [/]" in out and "  Mood: feeling 6/10" in out
    assert run("journal", "--search", "SYSTEM", "--json") == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["to_try"] == "system design practice" and entry["application"] == "Acme [TODO] — Dev"
    assert run("journal", "--search", "nothing like it") == 0
    assert "Nothing in the journal matches that" in capsys.readouterr().out


def test_review_prints_markdown_and_writes_a_file_only_once_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("review", "--week", "2026-11-25") == 0
    assert capsys.readouterr().out.startswith("# Week in review: Mon 23 Nov to Sun 29 Nov 2026\n")
    target = tmp_path / "week.md"
    assert run("review", "-o", str(target)) == 0
    assert target.read_text().startswith("# Week in review:")
    target.write_text("my own notes for the mentor")
    assert run("review", "-o", str(target)) == 2
    assert "is already there and may hold your own notes; add --force" in capsys.readouterr().err
    assert target.read_text() == "my own notes for the mentor"
    assert run("review", "-o", str(target), "--force") == 0
    assert target.read_text().startswith("# Week in review:")


def test_apps_stats_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("apps", "--stats") == 0
    assert "Funnel" in capsys.readouterr().out

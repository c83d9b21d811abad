"""`companion card`: today's card as plain text, another day's with --date, and lean imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion import reframe
from companion.card_store import card_of_the_day_for
from companion.cli import main


def test_card_prints_today_s_card_as_plain_text(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["card"]) == 0
    out = capsys.readouterr().out
    card = card_of_the_day_for(date.today())
    assert out.startswith("Today's card\n")
    assert "The thought" in out and "Another way to see it" in out
    assert card.thought.split()[0] in out
    assert f"Thinking trap: {reframe.find_distortion(card.distortion).name}" in out  # type: ignore[union-attr]
    assert "\x1b" not in out and "[" not in out.split("\n")[0]
    assert not data_dir.exists()  # reading the deck writes nothing


def test_card_for_another_date_names_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    day = date(2031, 5, 16)
    assert main(["card", "--date", day.isoformat()]) == 0
    card = card_of_the_day_for(day)
    expected = reframe.format_card_plain(
        card, reframe.find_distortion(card.distortion), title="The card for Friday 16 May 2031"
    )
    assert capsys.readouterr().out == expected + "\n"


def test_the_same_date_gives_the_same_card_and_the_next_day_another(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for when in ("2027-03-01", "2027-03-01", "2027-03-02"):
        assert main(["card", "--date", when]) == 0
        outputs.append(capsys.readouterr().out.split("\n", 1)[1])
    assert outputs[0] == outputs[1] != outputs[2]


@pytest.mark.parametrize("bad", ["2026-02-30", "someday", ""])
def test_a_date_that_does_not_parse_is_a_usage_error(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["card", "--date", bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("companion: ") and captured.err.count("\n") == 1


def test_card_imports_neither_textual_nor_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "companion", "card"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "companion" in imported  # the check itself sees imports
    assert "textual" not in imported and "rich" not in imported
    assert "Today's card" in result.stdout

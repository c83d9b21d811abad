"""The command line contract: `companion win`, `wins`, `export md`, exit codes and lean imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from companion.arguments import build_parser
from companion.cli import main, parse, plain_reading
from companion.datafile import ORJSON_FROM_BYTES
from companion.store import Store


def run(
    *args: str, input_text: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        text=True,
        input=input_text,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_win_saves_and_prints_one_line(data_dir: Path) -> None:
    result = run("win", "Asked", "for", "feedback", "-t", "growth", "-t", "courage")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith("Saved: Asked for feedback (#growth #courage).")
    assert [r["text"] for r in Store(data_dir).all("wins")] == ["Asked for feedback"]


def test_win_text_starting_with_dash_after_double_dash(data_dir: Path) -> None:
    assert main(["win", "--", "-10 min meditation, then coding"]) == 0
    assert Store(data_dir).all("wins")[0]["text"] == "-10 min meditation, then coding"


@pytest.mark.parametrize("args", [["win", ""], ["win", "   "], ["win", "\t"]])
def test_blank_win_is_refused_with_exit_2_and_nothing_written(
    data_dir: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "even a tiny one counts" in capsys.readouterr().err
    assert not (data_dir / "companion.json").exists()


def test_win_reads_piped_stdin_when_no_text() -> None:
    result = run("win", input_text="Finished the portfolio page\n")
    assert result.returncode == 0 and "Finished the portfolio page" in result.stdout


def _imported_by(home: Path, *argv: str) -> set[str]:
    """Every module `companion ARGV` imports, as a new user runs it: default (XDG) places, no settings file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPANION_", "XDG_"))} | {"HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "companion", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


# What `companion win "..."` must never import: each would cost start-up time (issue 8's budget is 3x
# `python -c pass`): textual and rich by far; platformdirs (tempfile, random), argparse (shutil,
# gettext), dataclasses (inspect), pathlib and tomllib (with no settings file) by 1-12 ms each.
# TinyDB (and the typing module it needs) is the store's engine, so it is on the path by design: ~8 ms.
WIN_MUST_NOT_IMPORT = {
    "textual",
    "rich",
    "platformdirs",
    "argparse",
    "shutil",
    "dataclasses",
    "inspect",
    "pathlib",
    "tomllib",
    "threading",
    "orjson",
}


def test_a_plain_win_imports_nothing_heavy(tmp_path: Path) -> None:
    imported = _imported_by(tmp_path, "win", "lean import check")
    assert "companion.store" in imported and "tinydb" in imported  # the check sees imports; TinyDB is the engine
    assert (tmp_path / ".local/share/companion/companion.json").is_file()  # and the win landed where XDG says
    assert not {name for name in imported if name.split(".")[0] in WIN_MUST_NOT_IMPORT}


def test_a_win_into_a_big_file_imports_no_orjson_once_wins_are_last_in_it(tmp_path: Path) -> None:
    """Past 256 KB the file is compact; a win is appended to the bytes the store wrote (no encoder
    needed) and the file is parsed with json, so orjson's import (~13 ms with dataclasses) is skipped."""
    store = Store(tmp_path / ".local/share/companion")
    with store.transaction() as tx:
        tx.insert_many("wins", [{"text": f"win number {n} #tag", "tags": ["tag"]} for n in range(2_000)])
        tx.insert("applications", {"company": "Acme", "stage": "applied"})  # applications last in the file
    assert store.path.stat().st_size >= ORJSON_FROM_BYTES
    _imported_by(tmp_path, "win", "moves wins last")
    imported = _imported_by(tmp_path, "win", "appended")
    assert "companion.store" in imported
    assert not {name for name in imported if name.split(".")[0] in WIN_MUST_NOT_IMPORT}
    texts = [record["text"] for record in Store(store.directory).all("wins")]
    assert texts[-2:] == ["moves wins last", "appended"] and len(texts) == 2_002


def test_a_changed_setting_costs_the_win_path_nothing_after_the_first_run(tmp_path: Path) -> None:
    settings = tmp_path / ".config" / "companion" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[display]\ntheme = "companion-contrast"\n')
    assert "tomllib" in _imported_by(tmp_path, "win", "first: the settings are parsed")
    assert not {name for name in _imported_by(tmp_path, "win", "second") if name.split(".")[0] in WIN_MUST_NOT_IMPORT}


def test_a_win_with_options_goes_through_argparse_and_still_skips_the_app(tmp_path: Path) -> None:
    imported = _imported_by(tmp_path, "win", "-t", "lean", "lean import check")
    assert "argparse" in imported
    assert not {name for name in imported if name.split(".")[0] in {"textual", "rich", "shutil"}}


@given(st.lists(st.text(max_size=12), max_size=5))
def test_the_plain_reading_agrees_with_argparse(words: list[str]) -> None:
    for argv in (["win", *words], []):
        plain = plain_reading(argv)
        if plain is None:  # an option-like word: argparse reads it, so there is nothing to disagree about
            assert any(word.startswith("-") for word in words)
            continue
        assert vars(plain) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["win", "-t", "x", "hi"], ["win", "--", "-5 pushups"], ["--data-dir", "d", "win", "hi"], ["wins"], ["--demo"]],
)
def test_anything_else_goes_through_argparse(argv: list[str]) -> None:
    assert plain_reading(argv) is None
    assert vars(parse(argv)) == vars(build_parser().parse_args(argv))


def test_wins_lists_filters_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["win", "Coffee chat with a staff engineer", "-t", "networking"])
    main(["win", "Read about [consistent hashing]"])
    capsys.readouterr()
    assert main(["wins", "--tag", "networking"]) == 0
    out = capsys.readouterr().out
    assert "Coffee chat" in out and "hashing" not in out
    assert main(["wins", "--json", "--search", "hashing"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["text"] for r in records] == ["Read about [consistent hashing]"]


def test_wins_since_a_weekday_looks_back(capsys: pytest.CaptureFixture[str]) -> None:
    main(["win", "Shipped the take-home"])
    today = date.today()
    for day in (today, today - timedelta(days=1), today - timedelta(days=6)):
        capsys.readouterr()
        assert main(["wins", "--since", f"{day:%a}".lower()]) == 0
        assert "Shipped the take-home" in capsys.readouterr().out, f"--since {day:%a} on {today:%a}"
    assert main(["wins", "--tag", "nothing-has-this"]) == 0
    assert capsys.readouterr().out == "No wins match that.\n"


def test_wins_since_impossible_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["wins", "--since", "2026-02-30"]) == 2
    assert "'2026-02-30' is not a real date" in capsys.readouterr().err
    assert main(["wins", "--since", "99999-01-01"]) == 2


def test_a_win_starting_with_a_dash_is_told_how(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["win", "-x"])
    assert exited.value.code == 2
    assert "text that starts with '-' goes after --, as in: companion win -- \"-x\"" in capsys.readouterr().err
    assert main(["win", "--", "-x"]) == 0


def test_unknown_option_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["wins", "--bogus"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unrecognized arguments: --bogus" in err


@pytest.mark.parametrize(
    "command", [[], ["win"], ["wins"], ["export"], ["app"], ["apps"], ["breaks"], ["card"], ["config"], ["import"]]
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: companion" in capsys.readouterr().out


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("companion ")


def test_data_dir_option_and_environment(tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    assert run("--data-dir", str(chosen), "win", "flag").returncode == 0
    assert run("win", "--data-dir", str(chosen), "after").returncode == 0
    env_dir = tmp_path / "from-env"
    assert run("win", "env", env={"COMPANION_DATA_DIR": str(env_dir)}).returncode == 0
    assert len(Store(chosen).all("wins")) == 2 and len(Store(env_dir).all("wins")) == 1


def test_bad_config_value_is_reported_and_the_default_used(tmp_path: Path) -> None:
    config = tmp_path / "custom.toml"
    config.write_text('[breaks]\nmicro_break_minutes = "soon"\n')
    result = run("--config", str(config), "win", "still works")
    assert result.returncode == 0
    assert "breaks.micro_break_minutes: expected a whole number of minutes" in result.stderr


def test_corrupt_file_exits_1_and_keeps_the_bytes(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "companion.json").write_bytes(b"{oops")
    result = run("win", "hello")
    assert result.returncode == 1
    assert "could not be read" in result.stderr and "Traceback" not in result.stderr
    assert (data_dir / "companion.json").read_bytes() == b"{oops"
    recovered = run("recover", "--empty")
    assert recovered.returncode == 0 and "Kept the unreadable file" in recovered.stdout
    assert run("win", "hello again").returncode == 0


def test_export_md_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["win", "Wrote a [blog] post", "-t", "writing"])
    target = tmp_path / "brag.md"
    assert main(["export", "md", "-o", str(target)]) == 0
    text = target.read_text()
    assert text.startswith("# Brag document") and r"Wrote a \[blog\] post" in text


def test_streaks_off_leaves_the_day_count_out(tmp_path: Path) -> None:
    config = tmp_path / "quiet.toml"
    config.write_text("[display]\nstreaks = false\n")
    result = run("--config", str(config), "win", "no counting days")
    assert result.returncode == 0 and result.stdout.rstrip().endswith("1 win this week.")


@pytest.mark.parametrize("where", ["missing-dir/brag.md", "."])
def test_export_to_a_place_that_cannot_be_written_is_one_line(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "md", "-o", str(tmp_path / where)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("companion: could not write") and err.count("\n") == 1

"""Hostile text through the command line: `win`, `wins --search/--tag`, `app add`, `card --date`, dates.

Most cases run `companion.cli.main` in-process (hypothesis needs the speed, and in-process the text
may hold what argv cannot: NUL and 1 MB in one argument); a sample runs as real processes.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from companion import pipeline, wins
from companion.cli import main
from companion.store import Store
from companion.textsafe import clean_line
from tests.conftest import FIXED_NOW, companion_command, subprocess_env
from tests.hostile.corpus import (
    BAD_DATES,
    GOOD_DATES,
    HOSTILE,
    ONE_MB,
    assert_stored_clean,
    hostile_line,
    hostile_text,
)

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# What may reach the terminal from companion's own output: no ESC, no C0/C1 control except newline.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_terminal_safe(*outputs: str) -> None:
    for output in outputs:
        found = _TERMINAL_UNSAFE.search(output)
        assert found is None, f"{found.group()!r} would reach the terminal: {output!r}"


def assert_refused(code: int, out: str, err: str, *words: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr naming the problem."""
    assert code == 2, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("companion: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert_terminal_safe(err)


def _new_records(
    table_before: list[dict[str, object]], table_after: list[dict[str, object]]
) -> list[dict[str, object]]:
    seen = {record["id"] for record in table_before}
    return [record for record in table_after if record["id"] not in seen]


# -- companion win ------------------------------------------------------------------------------


@SETTINGS
@given(text=hostile_text)
@example(text="x" * ONE_MB)
@example(text="[bold]x[/] " * 40)
@example(text="#tag1 #[b]tag[/b] \x1b[31m#red")
def test_win_stores_the_text_as_cleaned_or_refuses_it(
    text: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store.all(wins.TABLE)
    code, out, err = run(capsys, "win", "--", text)
    added = _new_records(before, store.all(wins.TABLE))
    cleaned = clean_line(text)
    if not cleaned:
        assert_refused(code, out, err, "a few words")
        assert added == []
    elif len(cleaned) > wins.MAX_TEXT:
        assert_refused(code, out, err, str(wins.MAX_TEXT), str(len(cleaned)))
        assert added == []
    else:
        assert code == 0 and err == "", (code, err)
        assert len(added) == 1 and added[0]["text"] == cleaned
        for tag in added[0]["tags"]:  # type: ignore[union-attr]
            assert_stored_clean(tag)
        assert len(out.splitlines()) == 1 and out.startswith(f"Saved: {cleaned}")
        assert_terminal_safe(out)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_win_in_a_real_process(text: str, data_dir: Path) -> None:
    if "\x00" in text:
        text = text.replace("\x00", "")  # argv cannot carry NUL; stdin can (next test)
    result = subprocess.run(
        companion_command("win", "--", text), capture_output=True, text=True, env=subprocess_env(), timeout=60
    )
    assert "Traceback" not in result.stderr
    cleaned = clean_line(text)
    if not cleaned:
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
        return
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout, result.stderr)
    listed = subprocess.run(
        companion_command("wins", "--json"), capture_output=True, text=True, env=subprocess_env(), timeout=60
    )
    assert [w["text"] for w in json.loads(listed.stdout)] == [cleaned]


def test_win_from_stdin_with_nul_and_escapes(data_dir: Path) -> None:
    text = "piped\x00 in \x1b[31mred\x1b[0m and \x1b]0;title\x07 [bold]literal[/]"
    result = subprocess.run(
        companion_command("win"), input=text, capture_output=True, text=True, env=subprocess_env(), timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert_terminal_safe(result.stdout)
    assert [w.text for w in wins.all_wins(Store(data_dir))] == ["piped in red and [bold]literal[/]"]


def test_a_one_mb_win_from_stdin_is_refused_with_the_limit(data_dir: Path) -> None:
    result = subprocess.run(
        companion_command("win"), input="y" * ONE_MB, capture_output=True, text=True, env=subprocess_env(), timeout=60
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(wins.MAX_TEXT) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (data_dir / "companion.json").exists() or wins.all_wins(Store(data_dir)) == []


def test_text_starting_with_a_dash_without_double_dash_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["win", "-rf", "everything"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and len(err.strip().splitlines()) == 1 and "--help" in err


@pytest.mark.parametrize("how", ["argv", "stdin"])
def test_win_with_bytes_that_are_not_utf8(how: str, data_dir: Path) -> None:
    raw = b"caf\xe9 \xff\xfe done"
    if how == "argv":
        result = subprocess.run(
            [*map(str.encode, companion_command("win", "--")), raw],
            capture_output=True,
            env=subprocess_env(),
            timeout=60,
        )
    else:
        result = subprocess.run(
            companion_command("win"), input=raw, capture_output=True, env=subprocess_env(), timeout=60
        )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode in (0, 2)
    if result.returncode == 0:
        (stored,) = [w.text for w in wins.all_wins(Store(data_dir))]
        stored.encode("utf-8")  # what was stored is real text


# -- companion wins --search / --tag --------------------------------------------------------------


@SETTINGS
@given(query=hostile_text, tag=hostile_line)
@example(query="x" * ONE_MB, tag="#" * 1000)
@example(query="[/]", tag="[TODO]")
def test_search_and_tag_filters_never_crash_or_echo_controls(
    query: str, tag: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    if not store.all(wins.TABLE):
        for text in ("Asked about [TODO] lists #interview", "漢字 win #日本", "\u202eevil win"):
            assert main(["win", "--", text]) == 0
        capsys.readouterr()
    for argv in (["wins", f"--search={query}"], ["wins", f"--tag={tag}"], ["wins", f"--search={query}", "--json"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and err == "", (argv, code, err)
        assert_terminal_safe(out)


# -- companion app add ----------------------------------------------------------------------------

_safe_dates = st.sampled_from([d for d in BAD_DATES + GOOD_DATES if not _TERMINAL_UNSAFE.search(d)])


@SETTINGS
@given(company=hostile_text, role=hostile_text, url=hostile_text, follow_up=_safe_dates)
@example(company="x" * ONE_MB, role="Engineer", url="", follow_up="")
@example(company="Acme", role="Dev", url="https://x/" + "a" * ONE_MB, follow_up="")
@example(company="[@click=app.quit]Acme[/]", role="[TODO] $var", url="javascript:alert(1)", follow_up="2026-02-30")
def test_app_add_stores_fields_as_cleaned_or_refuses_them(
    company: str, role: str, url: str, follow_up: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store.all(pipeline.TABLE)
    argv = ["app", "add", f"--url={url}", f"--follow-up={follow_up}", "--", company, role]
    code, out, err = run(capsys, *argv)
    added = _new_records(before, store.all(pipeline.TABLE))
    fields = {"company": clean_line(company), "role": clean_line(role), "url": clean_line(url)}
    limits = {"company": pipeline.MAX_NAME, "role": pipeline.MAX_NAME, "url": pipeline.MAX_LINE}
    if code == 2:
        assert_refused(code, out, err)
        assert added == []
        reason = err.lower()
        explained = (
            ("please fill in" in reason and not (fields["company"] and fields["role"]))
            or any(str(limits[name]) in reason and len(value) > limits[name] for name, value in fields.items())
            or ("--follow-up" in reason and follow_up in BAD_DATES)
        )
        assert explained, err
        return
    assert code == 0, (code, err)
    assert follow_up not in BAD_DATES or follow_up == ""
    (record,) = added
    for name, value in fields.items():
        assert record[name] == value
        assert_stored_clean(str(record[name]))
    assert_terminal_safe(out)


@pytest.mark.parametrize("stage", ["[bold]offer[/]", "x" * 10_000, "", "ａｐｐｌｉｅｄ", "\x1b[31m", "offer; rm -rf /"])
def test_app_add_with_a_hostile_stage_is_refused_in_one_line(
    stage: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "app", "add", "Acme", "Engineer", f"--stage={stage}")
    assert_refused(code, out, err, "is not a stage", "wishlist")
    assert store.all(pipeline.TABLE) == []


@pytest.mark.parametrize("stage", ["\x1b[31mapplied\x1b[0m", "rejected\x00", " Interviewing\t", "no-response"])
def test_a_stage_that_is_real_once_cleaned_is_used(
    stage: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "app", "add", "Acme", "Engineer", f"--stage={stage}")
    assert code == 0 and err == ""
    assert [a.stage for a in pipeline.all_applications(store)] == [pipeline.parse_stage(clean_line(stage))]


@pytest.mark.parametrize("prefix", ["\x1b[31m", "[bold]a[/]", "", "%", "x" * 100_000, "../../etc", "\u202e"])
def test_app_move_with_a_hostile_id_is_refused_in_one_line(
    prefix: str, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Globex", "Ops"), now=FIXED_NOW)
    code, out, err = run(capsys, "app", "move", "--", prefix, "rejected")
    assert_refused(code, out, err, "application")
    assert {a.stage for a in pipeline.all_applications(store)} == {"applied"}


# -- dates: card --date, wins --since, app add --follow-up ----------------------------------------


@pytest.mark.parametrize("value", BAD_DATES, ids=[repr(d) for d in BAD_DATES])
@pytest.mark.parametrize(
    "argv",
    [["card", "--date"], ["wins", "--since"], ["app", "add", "Acme", "Dev", "--follow-up"]],
    ids=["card", "wins", "app-add"],
)
def test_impossible_dates_are_refused_in_one_line(
    value: str, argv: list[str], store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv[:-1], f"{argv[-1]}={value}")
    if argv[0] in ("app", "wins") and not value:
        assert code == 0  # an empty follow-up means none; an empty --since, no filter
        return
    assert_refused(code, out, err)
    assert "date" in err
    assert store.all(pipeline.TABLE) == []


@pytest.mark.parametrize("value", GOOD_DATES)
def test_extreme_but_real_dates_work_everywhere(value: str, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["card", f"--date={value}"],
        ["wins", f"--since={value}"],
        ["app", "add", f"Co {value}", "Dev", f"--follow-up={value}"],
        ["apps"],
        ["apps", "--stats"],
        ["export", "csv"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert_terminal_safe(out.replace("\r\n", "\n"), err)  # CSV rows end in CRLF, as RFC 4180 says

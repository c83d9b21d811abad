"""`companion config path|show|edit`, with a real editor program (a small script) where one is needed."""

from __future__ import annotations

import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from companion.cli import main
from companion.config import Config, LoadedConfig, load_config, to_toml
from tests.conftest import companion_command, subprocess_env

EDIT_SCRIPT = """\
import pathlib, sys
path = pathlib.Path(sys.argv[-1])
path.write_text(path.read_text().replace(sys.argv[1], sys.argv[2]))
"""


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"  # what the autouse fixture points $COMPANION_CONFIG at


def editor_replacing(tmp_path: Path, old: str, new: str) -> str:
    """An $EDITOR that replaces `old` with `new` in the file it is given, like a person would."""
    script = tmp_path / "fake_editor.py"
    script.write_text(EDIT_SCRIPT)
    return shlex.join([sys.executable, str(script), old, new])


def test_path_prints_the_config_file(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{config_path}\n"
    other = config_path.parent / "elsewhere.toml"
    assert main(["--config", str(other), "config", "path"]) == 0
    assert capsys.readouterr().out == f"{other}\n"


def test_show_prints_the_defaults_as_toml_without_a_file(config_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "show"]) == 0
    output = capsys.readouterr()
    assert output.out == to_toml(Config())
    assert tomllib.loads(output.out)["pipeline"]["breadth_target"] == 5
    assert output.err == ""
    assert not config_path.exists()


def test_show_uses_defaults_for_wrong_values_and_says_which_key_and_why(
    config_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path.write_text(
        '[breaks]\nmicro_break_minutes = "soon"\nlong_break_minutes = 100\n'
        '[display]\ntheme = "neon"\n[keys]\n"pipeline.add" = "ctrl+a"\n"launch.rocket" = "x"\n'
    )
    assert main(["config", "show"]) == 0
    output = capsys.readouterr()
    shown = tomllib.loads(output.out)
    assert shown["breaks"]["micro_break_minutes"] == 25
    assert shown["breaks"]["long_break_minutes"] == 100
    assert shown["display"]["theme"] == "companion-calm"
    assert shown["keys"] == {"pipeline.add": "ctrl+a"}
    assert (
        "breaks.micro_break_minutes: expected a whole number of minutes from 5 to 240; using the default 25"
        in output.err
    )
    assert "display.theme: 'neon' is not a theme companion knows" in output.err
    assert "keys.launch.rocket: not an action companion knows; ignored" in output.err
    assert "companion config edit" in output.err


def test_edit_creates_the_file_with_defaults_and_accepts_a_good_change(
    config_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_replacing(tmp_path, "breadth_target = 5", "breadth_target = 8"))
    assert main(["config", "edit"]) == 0
    assert load_config(config_path) == LoadedConfig(Config(breadth_target=8), [])
    assert "all good" in capsys.readouterr().out


def test_edit_with_a_wrong_value_exits_1_and_names_the_key(
    config_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISUAL", editor_replacing(tmp_path, 'work_start = "09:00"', 'work_start = "half past nine"'))
    monkeypatch.setenv("EDITOR", "this-editor-is-not-used")
    assert main(["config", "edit"]) == 1
    err = capsys.readouterr().err
    assert 'breaks.work_start: expected a time like "09:00"; using the default "09:00"' in err
    assert 'work_start = "half past nine"' in config_path.read_text()  # the person's text is kept to fix


def test_edit_with_an_unknown_binding_id_exits_1(
    config_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path.write_text("[keys]\n")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_replacing(tmp_path, "[keys]", '[keys]\n"pipeline.launch" = "l"'))
    assert main(["config", "edit"]) == 1
    assert "keys.pipeline.launch: not an action companion knows" in capsys.readouterr().err


def test_edit_without_an_editor_says_how_to_set_one(
    config_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", " ")
    assert main(["config", "edit"]) == 1
    err = capsys.readouterr().err
    assert "no editor is set" in err and "$EDITOR" in err and str(config_path) in err
    assert not config_path.exists()


def test_edit_with_an_editor_that_cannot_start(
    config_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "/nowhere/no-such-editor --wait")
    assert main(["config", "edit"]) == 1
    assert "could not open" in capsys.readouterr().err


def test_edit_reports_an_editor_that_ends_with_an_error(
    config_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", shlex.join([sys.executable, "-c", "raise SystemExit(3)"]))
    assert main(["config", "edit"]) == 1
    assert "the editor ended with status 3" in capsys.readouterr().err


def test_show_in_a_real_process(config_path: Path) -> None:
    config_path.write_text("[pipeline]\nbreadth_target = 0\n")
    result = subprocess.run(
        companion_command("config", "show"), capture_output=True, text=True, env=subprocess_env(), timeout=60
    )
    assert result.returncode == 0
    assert tomllib.loads(result.stdout)["pipeline"]["breadth_target"] == 5
    assert "pipeline.breadth_target: expected a whole number of applications from 1 to 50" in result.stderr

"""People from the command line: `person add|note|edit|delete`, `people`, and `export vcf|ics`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import icalendar
import pytest
import vobject

from companion import people, pipeline
from companion.cli import main
from companion.store import Store
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] \u05e9\u05dc\u05d5\u05dd"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.context import Context

    original = Context.from_options

    def with_clock(*args: object, **kwargs: object) -> Context:
        return original(*args, **kwargs).replace(clock=lambda: FIXED_NOW)  # type: ignore[arg-type]

    monkeypatch.setattr(Context, "from_options", with_clock)


def run(*args: str) -> int:
    return main(list(args))


def everyone(data_dir: Path) -> list[people.Person]:
    return people.all_people(Store(data_dir))


def test_person_add_with_every_option(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(data_dir)
    acme = pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    globex = pipeline.add_application(store, pipeline.Details("Globex", "SRE"), now=FIXED_NOW)
    assert (
        run(
            "person",
            "add",
            f"Ana {HOSTILE}",
            "--company",
            "Acme",
            "--role",
            "Recruiter",
            "--email",
            "a@acme.io",
            "--url",
            "https://li.example/ana",
            "--how-met",
            "recruiter",
            "--app",
            "acm",
            "--app",
            globex.id[:6],
            "--follow-up",
            "mon",
            "--notes",
            "[bold]kind[/]",
        )
        == 0
    )
    [ana] = everyone(data_dir)
    assert capsys.readouterr().out == (
        f"Added Ana {HOSTILE} (Acme), id {ana.id[:8]}. Linked to Acme — Dev, Globex — SRE.\n"
    )
    assert (ana.role, ana.email, ana.url, ana.how_met, ana.follow_up_on, ana.notes) == (
        "Recruiter",
        "a@acme.io",
        "https://li.example/ana",
        "recruiter",
        "2026-11-30",
        "[bold]kind[/]",
    )
    assert ana.application_ids == [acme.id, globex.id]


@pytest.mark.parametrize(
    "args, message",
    [
        (["", "--company", "Acme"], "please give a name"),
        (["Ana", "--email", "ana-at-acme"], "does not look like an email"),
        (["Ana", "--url", "li.example/ana"], "does not look like a web link"),
        (["Ana", "--app", "nowhere"], "no application has an id or company starting with 'nowhere'"),
        (["Ana", "--follow-up", "someday"], "--follow-up: 'someday' is not a date"),
        (["Ana", "--how-met", "boss"], "not a way of knowing someone"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    store = Store(data_dir)
    pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Acorn", "Dev"), now=FIXED_NOW)
    assert run("person", "add", *args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert everyone(data_dir) == []


def test_an_ambiguous_application_names_the_candidates(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(data_dir)
    pipeline.add_application(store, pipeline.Details("Acme", "Dev"), now=FIXED_NOW)
    pipeline.add_application(store, pipeline.Details("Acorn", "Dev"), now=FIXED_NOW)
    assert run("person", "add", "Ana", "--app", "ac") == 2
    assert "fits 2 applications" in capsys.readouterr().err
    assert everyone(data_dir) == []


def test_note_edit_and_people(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("person", "add", "Ana Lima", "--follow-up", "today") == 0
    assert run("person", "add", "Anabel", "--follow-up", "+3d") == 0
    assert run("person", "note", "ana lima", "coffee", "chat", "[/]") == 0
    assert run("person", "edit", "anab", "--company", "Globex", "--role", "Mentor") == 0
    capsys.readouterr()
    assert run("person", "note", "ana", "hi") == 2
    assert "fits 2 people" in capsys.readouterr().err
    assert run("person", "edit", "anabel") == 2
    assert "Nothing to change" in capsys.readouterr().err
    ana, anabel = everyone(data_dir)
    assert ana.touchpoints == [{"on": "2026-11-27", "text": "coffee chat [/]"}] and ana.follow_up_on == ""
    assert (anabel.company, anabel.role, anabel.follow_up_on) == ("Globex", "Mentor", "2026-11-30")
    assert run("people") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{ana.id[:8]}  Ana Lima", f"{anabel.id[:8]}  Anabel (Globex) · Mentor · get in touch Mon 30 Nov"]
    assert run("people", "--due") == 0
    assert capsys.readouterr().out == "Nobody to get in touch with today.\n"


def test_people_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("person", "add", HOSTILE, "--email", "a@b.io") == 0
    assert run("person", "note", HOSTILE[:6], "sent thanks") == 0
    capsys.readouterr()
    assert run("people", "--json") == 0
    captured = capsys.readouterr()
    [record] = json.loads(captured.out)
    assert captured.err == ""
    for field in ("id", "name", "company", "role", "email", "url", "follow_up_on", "application_ids", "touchpoints"):
        assert field in record
    assert record["name"] == HOSTILE and record["touchpoints"] == [{"on": "2026-11-27", "text": "sent thanks"}]


def test_delete_needs_yes_without_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("person", "add", "Ana") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run("person", "delete", "ana") == 2
    assert "add --yes" in capsys.readouterr().err and len(everyone(data_dir)) == 1
    assert run("person", "delete", "ana", "--yes") == 0
    assert everyone(data_dir) == []


def test_delete_asks_on_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("person", "add", "Ana") == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run("person", "delete", "ana") == 0
    assert "Kept it; nothing was deleted." in capsys.readouterr().out and len(everyone(data_dir)) == 1
    assert run("person", "delete", "ana") == 0
    assert everyone(data_dir) == []


def test_export_vcf_to_a_file_read_by_vobject(data_dir: Path, tmp_path: Path) -> None:
    assert run("person", "add", f"Ana, {HOSTILE}; x", "--company", "Acme", "--email", "a@acme.io") == 0
    assert run("person", "add", "Bo") == 0
    target = tmp_path / "people.vcf"
    assert run("export", "vcf", "-o", str(target)) == 0
    cards = list(vobject.readComponents(target.read_bytes().decode("utf-8")))
    assert [card.fn.value for card in cards] == [f"Ana, {HOSTILE}; x", "Bo"]
    assert cards[0].email.value == "a@acme.io"
    assert b"\r\n" in target.read_bytes()


def test_export_ics_has_people_follow_ups(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("person", "add", "Ana", "--follow-up", "+3d") == 0
    capsys.readouterr()
    assert run("export", "ics") == 0
    [event] = icalendar.Calendar.from_ical(capsys.readouterr().out).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Get in touch: Ana"

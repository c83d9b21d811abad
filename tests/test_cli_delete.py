"""`companion wins delete` and `companion app delete`: a typo in a quick-add undone from the shell."""

from __future__ import annotations

import json

import pytest

from companion import pipeline, wins
from companion.cli import main
from companion.store import Store


def _win_ids(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["wins", "--json"]) == 0
    return [record["id"] for record in json.loads(capsys.readouterr().out)]


def test_wins_delete_by_prefix_with_yes(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    main(["win", "a typo in a quik-add"])
    main(["win", "the real one"])
    typo = next(r for r in store.all(wins.TABLE) if "typo" in r["text"])
    capsys.readouterr()
    assert main(["wins", "delete", typo["id"][:6], "--yes"]) == 0
    assert "Deleted the win 'a typo in a quik-add'" in capsys.readouterr().out
    assert [r["text"] for r in store.all(wins.TABLE)] == ["the real one"]
    assert any(s["id"] == f"wins:{typo['id']}" for s in store.all("tombstones"))


@pytest.mark.parametrize("ident, message", [("zzzz", "no win has an id starting with 'zzzz'"), ("", "which win?")])
def test_wins_delete_refuses_unknown_ids_with_exit_2(
    ident: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["win", "kept"])
    capsys.readouterr()
    assert main(["wins", "delete", ident, "--yes"] if ident else ["wins", "delete", "--yes"]) == 2
    assert message in capsys.readouterr().err
    assert len(_win_ids(capsys)) == 1


def test_an_ambiguous_prefix_names_the_candidates(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    for n in (1, 2):
        store.insert(wins.TABLE, {"id": f"abc{n}" + "0" * 28, "text": f"win {n}", "created_at": ""})
    assert main(["wins", "delete", "abc", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "fits 2 wins" in err and "abc10000" in err


def test_without_a_terminal_a_deletion_needs_yes(capsys: pytest.CaptureFixture[str]) -> None:
    main(["win", "kept"])
    ident = _win_ids(capsys)[0]
    assert main(["wins", "delete", ident]) == 2  # pytest's stdin is no terminal
    assert "add --yes" in capsys.readouterr().err
    assert _win_ids(capsys) == [ident]


def test_app_delete_by_company_name(capsys: pytest.CaptureFixture[str], store: Store) -> None:
    main(["app", "add", "Acme", "Backend Engineer"])
    main(["app", "add", "Globex", "SRE"])
    capsys.readouterr()
    assert main(["app", "delete", "acme", "--yes"]) == 0
    assert "Deleted Acme — Backend Engineer." in capsys.readouterr().out
    assert [a.company for a in pipeline.all_applications(store)] == ["Globex"]
    assert main(["app", "delete", "nobody", "--yes"]) == 2

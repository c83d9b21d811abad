"""The vCard export, read back by vobject: escaping, folding and CRLF line ends."""

from __future__ import annotations

import vobject

from companion import people, vcard
from companion.store import Store
from tests.conftest import FIXED_NOW

HOSTILE = "[TODO] [/] Ana, Lima; \\ \u05e9\u05dc\u05d5\u05dd " + "é" * 60


def test_every_field_survives_a_real_parser(store: Store) -> None:
    person = people.add_person(
        store,
        people.Details(
            HOSTILE,
            "Acme, Inc; [/]",
            "Staff engineer",
            "mentor",
            "ana@acme.io",
            "https://li.example/in/a,b;c",
            "line one\nline two, [bold]",
        ),
        now=FIXED_NOW,
    )
    person = people.add_touchpoint(store, person.id, "coffee; chat", on=FIXED_NOW.date(), now=FIXED_NOW)
    text = vcard.export_vcf(people.all_people(store))
    [card] = list(vobject.readComponents(text))
    assert card.fn.value == HOSTILE
    assert card.org.value == ["Acme, Inc; [/]"]
    assert card.title.value == "Staff engineer"
    assert card.email.value == "ana@acme.io"
    assert card.url.value == "https://li.example/in/a,b;c"
    assert card.categories.value == ["mentor"]
    assert card.note.value == "line one\nline two, [bold]\n2026-11-27: coffee; chat"
    assert card.uid.value == person.id
    assert card.n.value.family == "é" * 60 and card.n.value.given.startswith("[TODO] [/] Ana, Lima;")


def test_lines_end_in_crlf_and_fold_at_75_octets() -> None:
    text = vcard.person_card(people.Person(name="名" * 100, notes="x" * 300))
    assert text.endswith("END:VCARD\r\n")
    lines = text.split("\r\n")
    assert "\n" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    assert vobject.readOne(text).fn.value == "名" * 100


def test_several_people_and_an_empty_export() -> None:
    assert vcard.export_vcf([]) == ""
    text = vcard.export_vcf([people.Person(name="Ana"), people.Person(name="Bo Lee", email="bo@x.io")])
    assert [card.fn.value for card in vobject.readComponents(text)] == ["Ana", "Bo Lee"]

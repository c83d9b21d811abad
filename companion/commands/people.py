"""`companion person add|note|edit|delete` and `companion people`: the network from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from companion import people, pipeline
from companion.commands.confirm import confirmed
from companion.context import Context
from companion.errors import EXIT_USAGE

# Option name -> Details field, for the options `add` and `edit` share.
TEXT_OPTIONS = (
    ("company", "company"),
    ("role", "role"),
    ("email", "email"),
    ("url", "url"),
    ("how_met", "how_met"),
    ("notes", "notes"),
)


def cmd_person(args: argparse.Namespace, context: Context) -> int:
    handlers = {"add": _add, "note": _note, "edit": _edit, "delete": _delete}
    return handlers[args.person_command](args, context)


def _applications(args: argparse.Namespace, context: Context) -> list[str]:
    """Every --app resolved before anything is written: an unknown or ambiguous one stops the command."""
    return [pipeline.find_application(context.store, text).id for text in args.app or []]


def _changes(args: argparse.Namespace, context: Context) -> dict[str, Any]:
    """The fields given on the command line (an option left out changes nothing)."""
    changes: dict[str, Any] = {
        field: getattr(args, option) for option, field in TEXT_OPTIONS if getattr(args, option) is not None
    }
    if args.follow_up is not None:
        changes["follow_up_on"] = people.parse_follow_up(args.follow_up, context.now().date(), "--follow-up")
    return changes


def _add(args: argparse.Namespace, context: Context) -> int:
    changes = _changes(args, context)
    details = people.Details(name=args.name, **changes)
    person = people.add_person(context.store, details, application_ids=_applications(args, context), now=context.now())
    print(f"Added {person.title}, id {person.id[:8]}.{_linked(context, person)}")
    return 0


def _linked(context: Context, person: people.Person) -> str:
    linked = people.linked_applications(context.store, person)
    return f" Linked to {', '.join(app.title for app in linked)}." if linked else ""


def _note(args: argparse.Namespace, context: Context) -> int:
    found = people.find_person(context.store, args.person)
    now = context.now()
    person = people.add_touchpoint(context.store, found.id, " ".join(args.text), on=now.date(), now=now)
    print(f"Noted for {person.name}: {person.touchpoints[-1]['text']}")
    return 0


def _edit(args: argparse.Namespace, context: Context) -> int:
    found = people.find_person(context.store, args.person)
    changes = _changes(args, context)
    if args.name is not None:
        changes["name"] = args.name
    application_ids = _applications(args, context)
    if not changes and not application_ids:
        print(f"Nothing to change for {found.name}: give an option such as --company or --follow-up.", file=sys.stderr)
        return EXIT_USAGE
    person = people.edit_person(context.store, found.id, changes, application_ids=application_ids, now=context.now())
    print(f"Updated {person.title}.{_linked(context, person)}")
    return 0


def _delete(args: argparse.Namespace, context: Context) -> int:
    found = people.find_person(context.store, args.person)
    if not confirmed(f"{found.title} and their touchpoints", yes=args.yes):
        return 0
    people.delete_person(context.store, found.id)
    print(f"Deleted {found.title}.")
    return 0


def cmd_people(args: argparse.Namespace, context: Context) -> int:
    today = context.now().date()
    everyone = people.all_people(context.store)
    chosen = people.follow_ups_due(everyone, today) if args.due else everyone
    if args.json:
        json.dump([person.to_record() for person in chosen], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not chosen:
        print(
            "Nobody to get in touch with today."
            if args.due
            else "No people yet. `companion person add NAME` adds the first one."
        )
    for person in chosen:
        parts = [person.title]
        if person.role:
            parts.append(person.role)
        if person.how_met:
            parts.append(people.how_met_label(person.how_met))
        follow_up = people.describe_follow_up(person, today)
        if follow_up:
            parts.append(follow_up)
        print(f"{person.id[:8]}  " + " · ".join(parts))
    return 0

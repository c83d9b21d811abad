"""`companion interview add|edit|delete` and `companion interviews`: interviews from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from companion import event_wins, interviews, pipeline
from companion.commands.confirm import confirmed
from companion.context import Context
from companion.interviews import Interview, InterviewError, Plan


def _plan(args: argparse.Namespace, when: str | None) -> Plan:
    return Plan(
        when=when, minutes=args.minutes, kind=args.kind, with_whom=args.with_whom, where=args.where, notes=args.notes
    )


def _applications(context: Context) -> dict[str, pipeline.Application]:
    return {app.id: app for app in pipeline.all_applications(context.store)}


def cmd_interview(args: argparse.Namespace, context: Context) -> int:
    action = {"add": _add, "edit": _edit, "delete": _delete}[args.interview_command]
    return action(args, context)


def say_win(context: Context, text: str | None) -> None:
    """A pipeline event on the command line: logged, a one-line hint on how to log it, or nothing (the setting)."""
    line = event_wins.after_command(context.store, context.config.pipeline_wins, text, now=context.now())
    if line:
        print(line, file=sys.stderr)


def _add(args: argparse.Namespace, context: Context) -> int:
    now = context.now()
    application = pipeline.find_application(context.store, args.app)
    added = interviews.add_interview(context.store, application, _plan(args, args.when), now=now, past=args.past)
    print(f"Added {interviews.describe(added.interview, application)}, id {added.interview.id[:8]}.")
    moved = added.moved_words()
    if moved:
        print(moved)
        say_win(context, event_wins.stage_win(added.move.application) if added.move else None)
    if added.interview.ends_at <= now:
        say_win(context, event_wins.interview_win(application))
    return 0


def _edit(args: argparse.Namespace, context: Context) -> int:
    found = interviews.find_interview(context.store, args.id)
    plan = _plan(args, args.when)
    if plan == Plan():
        raise InterviewError("nothing to change: give --when, --minutes, --kind, --with, --where or --notes")
    edited = interviews.edit_interview(context.store, found.id, plan, now=context.now(), past=args.past)
    print(f"Changed {interviews.describe(edited, _applications(context).get(edited.application_id))}.")
    return 0


def _delete(args: argparse.Namespace, context: Context) -> int:
    found = interviews.find_interview(context.store, args.id)
    words = interviews.describe(found, _applications(context).get(found.application_id))
    if not confirmed(words, yes=args.yes):
        return 0
    interviews.delete_interview(context.store, found.id)
    print(f"Deleted {words}.")
    return 0


def cmd_interviews(args: argparse.Namespace, context: Context) -> int:
    now = context.now()
    chosen: list[Interview] = (
        interviews.all_interviews(context.store) if args.all else interviews.upcoming(context.store, now)
    )
    applications = _applications(context)
    if args.json:
        records = [interviews.as_json(interview, applications.get(interview.application_id)) for interview in chosen]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not chosen:
        print("No interviews planned. `companion interview add APP WHEN` adds one (e.g. 'tomorrow 9:30').")
        return 0
    for interview in chosen:
        line = f"{interview.id[:8]}  {interviews.describe(interview, applications.get(interview.application_id))}"
        print(line + (f"  · {interview.where}" if interview.where else ""))
    return 0

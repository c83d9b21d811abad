"""`companion breaks` (the scheduler), `--test`, `--plan`, and `pause DURATION|resume|status`."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from datetime import timedelta
from functools import partial

from companion import breaks_service, dnd
from companion.break_inputs import interview_source
from companion.break_state import StateFile, state_path
from companion.breaks import BreakPlanner, Planned, settings_from_config
from companion.context import Context
from companion.dates import parse_user_datetime, timestamp
from companion.errors import InputError
from companion.follow_up_digest import due_follow_up_lines
from companion.textsafe import clean_line

MAX_PLAN_HOURS = 24 * 8
MAX_PAUSE = timedelta(days=7)
_DURATION = re.compile(r"(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?")
DURATION_FORMS = "minutes like 45 or 45m, hours like 1h or 1h30m, days like 2d, or 'tomorrow'"


class BreaksInputError(InputError):
    """A pause length or a plan window that cannot be used; the message says what works."""


def cmd_breaks(args: argparse.Namespace, context: Context) -> int:
    if args.action is not None:
        return _control(args, context)
    if args.test:
        code, line = breaks_service.send_test(terminal=sys.stdout)
        print(f"companion breaks --test: {line}", file=sys.stdout if code == 0 else sys.stderr)
        for said in breaks_service.desktop_report():
            print(f"companion breaks --test: {said}")
        return code
    if args.plan:
        return _plan(args, context)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    return breaks_service.run_service(
        context.data_dir, settings_from_config(context.config),
        due_followups=partial(due_follow_up_lines, context.store), interviews=interview_source(context.store),
    )  # fmt: skip


def _planner(context: Context) -> BreakPlanner:
    """The planner the scheduler runs, with this machine's pause and snooze (it sends nothing from here)."""
    return breaks_service.new_planner(
        settings_from_config(context.config), StateFile(state_path(context.data_dir)),
        deliver=lambda title, body, kind: None, clock=context.clock,
        due_followups=partial(due_follow_up_lines, context.store), interviews=interview_source(context.store),
    )  # fmt: skip


def _plan(args: argparse.Namespace, context: Context) -> int:
    now = context.now()
    start = parse_user_datetime(args.start, now) if args.start else now
    hours = args.hours
    if not 0 < hours <= MAX_PLAN_HOURS:
        raise BreaksInputError(f"--hours {hours:g} is out of range: choose more than 0 and up to {MAX_PLAN_HOURS}")
    planner = _planner(context)
    held = dnd.status()
    events = planner.plan(start, hours, held=held.source if held.on else None)
    if args.json:
        print(json.dumps([_as_json(event) for event in events], ensure_ascii=False, indent=2))
        return 0
    print(f"What the scheduler will send from {start:%a %d %b %H:%M} for {hours:g} h ({planner.status_line(now)}):")
    if held.on:
        print(f"Do not disturb is on ({held.source}): these wait until it is off.")
    if not events:
        print("Nothing in these hours.")
    for event in events:
        print(f"  {event.at:%a %H:%M}  {event.kind:<19}  {event.title}")
    return 0


def _as_json(event: Planned) -> dict[str, str]:
    fields = {"at": timestamp(event.at), "kind": event.kind, "title": event.title, "body": event.body}
    return {**fields, "note": event.note} if event.note else fields


def _control(args: argparse.Namespace, context: Context) -> int:
    planner = _planner(context)
    now = context.now()
    if args.action == "pause":
        if args.duration is None:
            raise BreaksInputError(f"how long? e.g. companion breaks pause 1h ({DURATION_FORMS})")
        if args.duration.strip().lower() == "tomorrow":
            planner.pause_until_tomorrow(now)
        else:
            planner.pause(parse_duration(args.duration) / timedelta(hours=1), now)
    elif args.duration is not None:
        raise BreaksInputError(f"'{args.action}' takes no duration; only pause does (companion breaks pause 1h)")
    elif args.action == "resume":
        planner.resume(now)
    print(planner.status_line(now) + ".")
    if args.action == "status":
        print(dnd.status().describe().capitalize() + ".")
        if breaks_service.SchedulerLock(context.data_dir).is_held_elsewhere():
            print("Reminders are sent by a running companion (the app or `companion breaks`).")
        else:
            print("No companion is sending reminders right now: start the app or `companion breaks`.")
    return 0


def parse_duration(text: str) -> timedelta:
    """`45`, `45m`, `1h`, `1h30m`, `2d`: from a minute up to a week."""
    value = text.strip().lower()
    found = _DURATION.fullmatch(value) if value and not value.isdigit() else None
    if value.isdigit():
        length = timedelta(minutes=int(value[:6]))
    elif found and any(found.groups()):
        days, hours, minutes = (int(part) if part else 0 for part in found.groups())
        length = timedelta(days=days, hours=hours, minutes=minutes)
    else:
        raise BreaksInputError(f"'{clean_line(text)[:30]}' is not a length of time (use {DURATION_FORMS})")
    if not timedelta(minutes=1) <= length <= MAX_PAUSE:
        raise BreaksInputError(f"'{clean_line(text)[:30]}' is out of range: pause for a minute up to 7 days")
    return length

"""`companion app add|move` and `companion apps`: the pipeline from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from companion import event_wins, pipeline
from companion.commands.interviews import say_win
from companion.context import Context
from companion.keynames import with_keys


def cmd_app(args: argparse.Namespace, context: Context) -> int:
    if args.app_command == "add":
        return _add(args, context)
    if args.app_command == "delete":
        return _delete(args, context)
    return _move(args, context)


def _delete(args: argparse.Namespace, context: Context) -> int:
    from companion.commands.confirm import confirmed

    found = pipeline.find_application(context.store, args.id)
    if not confirmed(found.title, yes=args.yes):
        return 0
    pipeline.delete_application(context.store, found.id)
    print(f"Deleted {found.title}.")
    return 0


def _add(args: argparse.Namespace, context: Context) -> int:
    now = context.now()
    stage = pipeline.parse_stage(args.stage)
    follow_up = pipeline.parse_optional_date(args.follow_up or "", now.date(), "--follow-up")
    applied = pipeline.parse_applied_date(args.applied or "", now.date())
    details = pipeline.Details(
        company=args.company,
        role=args.role,
        source=args.source,
        url=args.url,
        applied_on=applied,
        follow_up_on=follow_up,
    )
    already = pipeline.same_applications(context.store, args.company, args.role)
    application = pipeline.add_application(context.store, details, stage=stage, now=now)
    if already:
        # Added all the same (a second application to one role happens); the note makes a slip easy to spot.
        earlier = ", ".join(f"{app.id[:8]} ({pipeline.stage_label(app.stage)})" for app in already[:3])
        print(f"Note: {application.title} was already in your pipeline: {earlier}.", file=sys.stderr)
    in_play = pipeline.breadth(pipeline.all_applications(context.store), context.config.breadth_target)
    print(f"Added {application.title} ({pipeline.stage_label(stage)}), id {application.id[:8]}. {in_play.line()}")
    return 0


def _move(args: argparse.Namespace, context: Context) -> int:
    stage = pipeline.parse_stage(args.stage)
    found = pipeline.find_application(context.store, args.id)
    result = pipeline.move(context.store, found.id, stage, now=context.now())
    if not result.moved:
        print(f"{found.title} is already in {pipeline.stage_label(stage)}; nothing changed.")
        return 0
    verb = "Reopened" if result.reopened else "Moved"
    print(f"{verb} {found.title}: {pipeline.stage_label(result.from_stage)} → {pipeline.stage_label(stage)}.")
    say_win(context, event_wins.stage_win(result.application))
    if stage == "rejected":
        print(
            with_keys(
                "Rejection is feedback, not a verdict. When you're ready, a short debrief helps: "
                "open companion, press {key:pipeline}, select it and press {key:pipeline.rejected}.",
                context.config.keys,
            )
        )
    return 0


def cmd_apps(args: argparse.Namespace, context: Context) -> int:
    today = context.now().date()
    applications = pipeline.all_applications(context.store)
    if args.stats:
        return _print_stats(pipeline.stats(applications, today), as_json=args.json)
    stage = pipeline.parse_stage(args.stage) if args.stage else None
    chosen = [app for app in applications if stage is None or app.stage == stage]
    if args.json:
        json.dump([app.to_record() for app in chosen], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not chosen:
        print(
            f"No applications in {pipeline.stage_label(stage)}."
            if stage
            else "No applications yet. `companion app add COMPANY ROLE` adds one."
        )
    for app in chosen:
        follow_up = pipeline.describe_follow_up(app, today)
        print(
            f"{app.id[:8]}  {pipeline.stage_label(app.stage):<12}  {app.title}"
            + (f"  · {follow_up}" if follow_up else "")
        )
    print(pipeline.breadth(applications, context.config.breadth_target).line())
    days = context.config.no_response_days
    quiet = pipeline.no_response_line(pipeline.no_response_suggestions(applications, today, days), days)
    if quiet:
        print(quiet + " (`companion app move ID no_response`)")
    return 0


def _print_stats(stats: pipeline.Stats, *, as_json: bool) -> int:
    if as_json:
        record = stats.as_dict()
        record["week_starts"] = [day.isoformat() for day in stats.week_starts]
        record["funnel"] = dict(stats.funnel)
        record["response_rate"] = stats.response_rate
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print("\n".join(stats.lines()))
    return 0

"""The pipeline's store access: add, move, edit, follow up, delete and find applications, and debriefs.

Every read-modify-write is one transaction; the rules it applies live in companion.pipeline.model.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from companion.dates import timestamp
from companion.pipeline.model import (
    CLOSED_STAGES,
    DEBRIEF_KIND,
    FEELING_RANGE,
    IN_PLAY,
    MAX_NOTES,
    REFLECTIONS,
    TABLE,
    Application,
    ApplicationError,
    Debrief,
    Details,
    EditConflict,
    Feedback,
    Move,
    check_applied,
    parse_stage,
    stage_label,
)
from companion.store import Store
from companion.textsafe import clean_block, clean_line

if TYPE_CHECKING:
    from companion.store import Stored


def same_applications(store: Store, company: str, role: str, *, other_than: str = "") -> list[Application]:
    """Applications with this company and role already (case and spacing aside): a likely double entry."""

    def key(text: str) -> str:
        return " ".join(clean_line(text).casefold().split())

    wanted = (key(company), key(role))
    return [
        app for app in all_applications(store) if (key(app.company), key(app.role)) == wanted and app.id != other_than
    ]


def add_application(store: Store, details: Details, *, stage: str = "applied", now: datetime) -> Application:
    """A new application; its history starts with the stage it was added in."""
    clean = details.cleaned()
    stage = parse_stage(stage)
    check_applied(clean.applied_on, stage, now.date())
    stamp = timestamp(now)
    if clean.applied_on is None and stage not in ("wishlist", "withdrawn"):
        clean = clean.replace(applied_on=now.date())
    application = Application(
        company=clean.company,
        role=clean.role,
        stage=stage,
        history=[{"stage": stage, "at": stamp}],
        created_at=stamp,
        updated_at=stamp,
    )
    record = {**application.to_record(), **clean.changes()}
    return Application.from_record(store.insert(TABLE, record))


def _move_changes(current: Application, stage: str, now: datetime) -> dict[str, Any]:
    """The fields a move changes (none when it is already there); the history keeps every move."""
    if current.stage == stage:
        return {}
    stamp = timestamp(now)
    changes: dict[str, Any] = {
        "stage": stage,
        "history": [*current.history, {"stage": stage, "at": stamp}],
        "updated_at": stamp,
    }
    if not current.applied_on and stage in IN_PLAY:
        changes["applied_on"] = now.date().isoformat()
    if stage in CLOSED_STAGES:
        changes["follow_up_on"] = ""  # nothing left to chase; the debrief can plan a feedback reminder
    return changes


def move(store: Store, application_id: str, stage: str, *, now: datetime) -> Move:
    """Change the stage and keep the move in the history; reopening a closed one is a move too."""
    stage = parse_stage(stage)
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        changes = _move_changes(current, stage, now)
        if not changes:
            return Move(current, stage)
        return Move(_found(tx.update(TABLE, application_id, changes)), current.stage)


def _as_typed(application: Application) -> dict[str, str]:
    """An application's details as the edit form's fields hold them (the keys of Details.changes)."""
    return Details.as_typed(application)


def edit_application(
    store: Store,
    application_id: str,
    details: Details,
    *,
    stage: str,
    feedback: str,
    now: datetime,
    opened: Application | None = None,
    overwrite: bool = False,
) -> Move:
    """The edit form's save: the fields the person changed, a stage move and feedback, in one write.

    `opened` is the application as the form showed it. Only what the person changed since then is
    written, so a change made elsewhere meanwhile (`companion app move` in another terminal) is kept;
    when both changed the same field, EditConflict says so unless `overwrite`.
    """
    clean, stage, feedback = details.cleaned(), parse_stage(stage), _clean_feedback(feedback)
    check_applied(clean.applied_on, stage, now.date())
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        base = opened or current
        before, now_stored, typed = _as_typed(base), _as_typed(current), clean.changes()
        mine = {name: value for name, value in typed.items() if value != before.get(name)}
        stage_changed = stage != base.stage
        feedback_changed = feedback != base.feedback.text
        elsewhere = {
            name: now_stored[name] for name, value in mine.items() if now_stored[name] not in (before[name], value)
        }
        if stage_changed and current.stage not in (base.stage, stage):
            elsewhere["stage"] = stage_label(current.stage)
        if feedback_changed and current.feedback.text not in (base.feedback.text, feedback):
            elsewhere["feedback"] = current.feedback.text[:40]
        if elsewhere and not overwrite:
            raise EditConflict(elsewhere)
        changes = {
            **mine,
            "updated_at": timestamp(now),
            **(_feedback_changes(current, feedback, now) if feedback_changed else {}),
            **(_move_changes(current, stage, now) if stage_changed else {}),
        }
        return Move(_found(tx.update(TABLE, application_id, changes)), current.stage)


def set_follow_up(
    store: Store, application_id: str, day: date | None, *, done_today: bool = False, now: datetime
) -> Application:
    """Plan the next follow-up (None clears it); `done_today` counts one sent today as effort.

    A follow-up sent today answers any that was due by today, so that one is no longer due;
    a later day given with it stays planned.
    """
    if done_today and day is not None and day <= now.date():
        day = None
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        changes: dict[str, Any] = {
            "follow_up_on": day.isoformat() if day else "",
            "updated_at": timestamp(now),
        }
        today = now.date().isoformat()
        if done_today and today not in current.followed_up:
            changes["followed_up"] = [*current.followed_up, today]
        return _found(tx.update(TABLE, application_id, changes))


def request_feedback(store: Store, application_id: str, *, remind_on: date | None, now: datetime) -> Application:
    """The person asked (or will ask) for feedback today; optionally remind them to look for a reply."""
    if remind_on is not None and remind_on < now.date():
        passed = f"{remind_on:%a} {remind_on.day} {remind_on:%b}"
        raise ApplicationError(f"Reminder: {passed} has passed; choose today or a later day")
    with store.transaction() as tx:
        current = _found(tx.get(TABLE, application_id))
        feedback = Feedback(now.date().isoformat(), current.feedback.received_on, current.feedback.text)
        changes: dict[str, Any] = {"feedback": feedback.as_dict(), "updated_at": timestamp(now)}
        if remind_on is not None:
            changes["follow_up_on"] = remind_on.isoformat()
            changes["next_action"] = "Look for a reply to the feedback request"
        return _found(tx.update(TABLE, application_id, changes))


def _clean_feedback(text: str) -> str:
    cleaned = clean_block(text)
    if len(cleaned) > MAX_NOTES:
        raise ApplicationError(f"the feedback is {len(cleaned)} characters; please keep it to {MAX_NOTES}")
    return cleaned


def _feedback_changes(current: Application, cleaned: str, now: datetime) -> dict[str, Any]:
    """Feedback text that changed; the first time it arrives sets the day it was received."""
    if cleaned == current.feedback.text:
        return {}
    received = current.feedback.received_on or (now.date().isoformat() if cleaned else "")
    feedback = Feedback(current.feedback.requested_on, received, cleaned)
    return {"feedback": feedback.as_dict(), "updated_at": timestamp(now)}


def delete_application(store: Store, application_id: str) -> bool:
    return store.remove(TABLE, application_id)


def _found(record: dict[str, Any] | None) -> Application:
    if record is None:
        raise ApplicationError("that application is no longer there (it may have been deleted elsewhere)")
    return Application.from_record(record)


def all_applications(store: Store) -> list[Application]:
    """Every application, oldest first (the order they were added): a copy of the list, worked out
    again only when the applications changed, and then only for the ones that changed."""
    return [application for _, application in store.derived(TABLE, _oldest_first, _with_changes)]


Ordered = list[tuple[tuple[str, int], Application]]  # each application with its place: (created_at, doc_id)


def _oldest_first(stored: list[Stored]) -> Ordered:
    ordered = [
        ((str(record.get("created_at", "")), doc_id), Application.from_record(record)) for doc_id, record in stored
    ]
    ordered.sort(key=_place)
    return ordered


def _with_changes(ordered: Ordered, changed: list[Stored], removed_ids: set[str]) -> Ordered:
    """`_oldest_first` of the table after a commit: the changed applications made again, the rest kept."""
    gone = removed_ids | {str(record.get("id")) for _, record in changed}
    kept = [entry for entry in ordered if entry[1].id not in gone]
    kept += _oldest_first(changed)
    kept.sort(key=_place)  # two runs in order: a merge, not a sort of 1,000
    return kept


def _place(entry: tuple[tuple[str, int], Application]) -> tuple[str, int]:
    return entry[0]


def find_application(store: Store, reference: str) -> Application:
    """By id, a unique start of an id, or a unique start of the company name, as people type it.

    An id (or its start) is tried first; the company name only when no id starts that way, so a
    company called "c0ffee" never hides the application whose id starts with it.
    """
    wanted = clean_line(reference).strip()
    if not wanted:
        raise ApplicationError("no application given: type its id, the start of its id, or its company name")
    matches = [Application.from_record(record) for record in store.find_by_prefix(TABLE, wanted.lower())]
    if not matches:
        folded = wanted.casefold()
        everyone = all_applications(store)
        matches = [app for app in everyone if app.company.casefold() == folded] or [
            app for app in everyone if app.company.casefold().startswith(folded)
        ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ApplicationError(
            f"no application has an id or company starting with '{wanted[:40]}' (see `companion apps`)"
        )
    shown = ", ".join(f"{app.id[:8]} {app.title}" for app in matches[:5])
    raise ApplicationError(
        f"'{wanted[:40]}' fits {len(matches)} applications ({shown}); type more of the id or the company"
    )


def save_debrief(
    store: Store,
    application_id: str,
    feeling: int | None,
    went_well: str,
    to_improve: str,
    grown: str,
    *,
    now: datetime,
) -> Debrief | None:
    """Store the reflection linked to the application; nothing is stored when everything was skipped."""
    if feeling is not None and feeling not in FEELING_RANGE:
        raise ApplicationError("how it feels is a number from 0 to 10")
    texts = [clean_block(text) for text in (went_well, to_improve, grown)]
    for text in texts:
        if len(text) > MAX_NOTES:
            raise ApplicationError(f"that reflection is {len(text)} characters; please keep it to {MAX_NOTES}")
    went, improve, grew = texts
    debrief = Debrief(application_id, feeling, went, improve, grew, created_at=timestamp(now))
    if debrief.empty:
        return None
    return Debrief.from_record(store.insert(REFLECTIONS, debrief.as_dict()))


def debriefs_for(store: Store, application_id: str) -> list[Debrief]:
    """This application's debriefs, oldest first (other reflection kinds share the table)."""
    found = [
        Debrief.from_record(record)
        for record in store.all(REFLECTIONS)
        if record.get("kind") == DEBRIEF_KIND and record.get("application_id") == application_id
    ]
    return sorted(found, key=lambda debrief: debrief.created_at)

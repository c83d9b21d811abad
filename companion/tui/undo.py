"""Undo right after a delete: the record comes back whole, with the same id (the store clears its tombstone).

A screen deletes through `delete_with_undo`; its toast names the undo key; the app's `undo` action
puts the last deleted record back. Only the latest deletion can be undone, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from companion.store import StoreError
from companion.textsafe import sentence

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

# The latest deletion per running app: its table, the record as it was, and how the toast named it.
_last_deleted: WeakKeyDictionary[CompanionApp, tuple[str, dict[str, Any], str]] = WeakKeyDictionary()


def delete_with_undo(app: CompanionApp, table: str, record_id: str, what: str, delete: Callable[[], object]) -> None:
    """Run `delete` (the core's delete for that record) and say so with the key that brings it back."""
    record = app.guarded(lambda: app.context.store.get(table, record_id), title="Not deleted")
    if app.guarded(lambda: delete() or True, title="Not deleted") is None:
        return  # refused (full disk, read-only): the message says why, nothing changed
    if record is None:  # already gone elsewhere: nothing to bring back
        app.notify(sentence(f"Deleted {what}"), markup=False)
        return
    _last_deleted[app] = (table, dict(record), what)
    app.notify(sentence(f"Deleted {what}") + " " + app.with_keys("Press {key:undo} to undo."), markup=False)


def undo_last_delete(app: CompanionApp) -> None:
    """Put the latest deleted record back as it was, same id, and say so."""
    last = _last_deleted.pop(app, None)
    if last is None:
        app.notify("Nothing to undo: undo brings back what was just deleted.", markup=False)
        return
    table, record, what = last
    try:
        app.context.store.insert(table, record)
    except StoreError as exc:
        _last_deleted[app] = last  # still there to try again
        app.notify(f"Could not bring it back yet: {exc}", severity="warning", markup=False)
        return
    app.notify(sentence(f"Back again: {what}"), markup=False)

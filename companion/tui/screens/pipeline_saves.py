"""The Pipeline's writes for its dialogs: each takes what a dialog entered and writes it once through the core.

The dialogs (application form, follow-up, debrief) write nothing themselves (companion.tui.modals.saving);
the Pipeline screen hands them these. Each reads the store and the clock as they are when the person
saves, and says what was saved; the store's commit signal refreshes the screens.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from companion import interviews, pipeline, signature
from companion.store import StoreError
from companion.textsafe import sentence
from companion.tui.modals.application_follow_up import FollowUpEntry
from companion.tui.modals.application_form import ApplicationEntry
from companion.tui.modals.interview_form import InterviewEntry
from companion.tui.modals.saving import Save

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def save_application(
    app: CompanionApp, existing: pipeline.Application | None
) -> Save[ApplicationEntry, pipeline.Application]:
    """The application form's save: a new application, or only what the person changed in `existing`."""

    def save(entry: ApplicationEntry) -> pipeline.Application:
        store, now = app.context.store, app.context.now()
        if existing is None:
            saved = pipeline.add_application(store, entry.details, stage=entry.stage, now=now)
        else:
            saved = pipeline.edit_application(
                store,
                existing.id,
                entry.details,
                stage=entry.stage,
                feedback=entry.feedback,
                now=now,
                opened=existing,
                overwrite=entry.overwrite,
            ).application
        app.notify(sentence(f"Saved {saved.title}"), title="Added" if existing is None else "Updated", markup=False)
        return saved

    return save


def save_follow_up(app: CompanionApp, application: pipeline.Application) -> Save[FollowUpEntry, pipeline.Application]:
    """The follow-up form's save: the next day planned, and one sent today counted as effort."""

    def save(entry: FollowUpEntry) -> pipeline.Application:
        now = app.context.now()
        saved = pipeline.set_follow_up(
            app.context.store, application.id, entry.day, done_today=entry.done_today, now=now
        )
        if entry.done_today:
            message = "Follow-up sent: that's effort that counts, whatever the reply."
        else:
            planned = pipeline.describe_follow_up(saved, now.date())  # "follow up Fri 4 Dec": the day keeps its capital
            message = planned[:1].upper() + planned[1:] or "No follow-up planned."
        app.notify(message, title=saved.company, markup=False)
        return saved

    return save


def save_interview(
    app: CompanionApp, application: pipeline.Application, existing: interviews.Interview | None
) -> Save[InterviewEntry, interviews.Added]:
    """The interview form's save: plan one (an early stage moves to interviewing) or change `existing`."""

    def save(entry: InterviewEntry) -> interviews.Added:
        store, now = app.context.store, app.context.now()
        if existing is not None:
            saved = interviews.edit_interview(store, existing.id, entry.plan, now=now, past=entry.past)
            app.notify(f"Changed: {interviews.describe(saved, application)}.", markup=False)
            return interviews.Added(saved, None)
        added = interviews.add_interview(store, application, entry.plan, now=now, past=entry.past)
        planned = f"Planned: {interviews.describe(added.interview, application)}."
        app.notify(" ".join(filter(None, [planned, added.moved_words()])), markup=False)
        return added

    return save


class DebriefSaves:
    """The debrief's writes for one application (companion.tui.modals.debrief.DebriefWrites)."""

    def __init__(self, app: CompanionApp, application: pipeline.Application) -> None:
        self.app = app
        self.application_id = application.id

    def reflection(self, feeling: int | None, went_well: str, to_improve: str, grown: str) -> pipeline.Debrief | None:
        context = self.app.context
        return pipeline.save_debrief(
            context.store, self.application_id, feeling, went_well, to_improve, grown, now=context.now()
        )

    def feedback_asked(self, remind_on: date | None) -> pipeline.Application:
        context = self.app.context
        return pipeline.request_feedback(context.store, self.application_id, remind_on=remind_on, now=context.now())

    def name_given(self, name: str) -> None:
        from companion.settings import SettingError, commit  # here: settings is not needed before this

        context = self.app.context
        try:
            signature.mark_name_asked(context.store, context.now())
            if name:
                commit(context, lambda config: config.replace(your_name=name))
        except (SettingError, StoreError) as exc:
            self.app.notify(f"Your name is used for now only: {exc}", severity="warning", markup=False)

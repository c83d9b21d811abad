"""People: the network that carries a search, in a list with search beside the chosen person's detail.

Keys: a add · enter/e edit · n log a touchpoint · f set the day to get in touch · k link to an
application · d delete (asks) · / search.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from companion import people, pipeline
from companion.errors import InputError
from companion.store import StoreError
from companion.tui.modals.confirm import Confirm
from companion.tui.modals.person_form import PersonEntry, PersonForm
from companion.tui.modals.person_line import PersonLine
from companion.tui.modals.person_link import PersonLink
from companion.tui.screens.base import DataScreen
from companion.tui.styles import stylesheet
from companion.tui.widgets.key_bar import KeyBar
from companion.tui.widgets.safe_input import SafeInput

LIST_NAME_CELLS = 60  # a very long name is cut in the list; the detail shows all of it


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def person_option(person: people.Person, today: date) -> Option:
    """Name and company, then how you know them and when to get in touch; user text is never markup."""
    parts: list[str | tuple[str, str]] = [(_cut(person.name, LIST_NAME_CELLS), "bold")]
    if person.company:
        parts.append(f" · {_cut(person.company, LIST_NAME_CELLS)}")
    second = [people.how_met_label(person.how_met)] if person.how_met else []
    follow_up = people.describe_follow_up(person, today)
    if follow_up:
        second.append(follow_up)
    if second:
        due = person.follow_up is not None and person.follow_up <= today
        parts += ["\n", (("⏰ " if due else "") + " · ".join(second), "bold $warning" if due else "dim")]
    return Option(Content.assemble(*parts), id=person.id)


class PeopleScreen(DataScreen):
    TITLE = "People"
    CSS_PATH = stylesheet("people")
    BINDINGS = [
        Binding("a", "add", "Add", id="people.add"),
        Binding("enter,e", "edit", "Edit", id="people.edit"),
        Binding("n", "touchpoint", "Touchpoint", id="people.touchpoint"),
        Binding("f", "follow_up", "Follow-up", id="people.follow_up"),
        Binding("k", "link", "Link", id="people.link"),
        Binding("slash", "search", "Search", key_display="/", id="people.search"),
        Binding("d", "delete", "Delete", id="people.delete"),
        Binding("escape", "clear_search", "Clear search", show=False, id="people.clear_search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._people: list[people.Person] = []
        self._shown: list[people.Person] = []
        self._applications: dict[str, pipeline.Application] = {}
        self._selected: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="people-summary", markup=False)
        yield SafeInput(
            placeholder=self.companion.with_keys(
                "search names, companies, notes; Enter keeps it, {key:people.clear_search} clears"
            ),
            id="people-search",
        )
        with Horizontal(id="people-body"):
            yield OptionList(id="people-list")
            with VerticalScroll(id="people-detail-box", can_focus=False):
                yield Static(id="people-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#people-search", Input).display = False
        self.query_one("#people-list", OptionList).focus()

    @property
    def today(self) -> date:
        return self.context.now().date()

    # -- data ------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        store = self.context.store
        self._people = people.all_people(store)
        self._applications = {app.id: app for app in pipeline.all_applications(store)}
        due = len(people.follow_ups_due(self._people, self.today))
        count = f"{len(self._people)} {'person' if len(self._people) == 1 else 'people'} in your network"
        self.query_one("#people-summary", Static).update(
            count + (f" · {due} to get in touch with" if due else "") if self._people else ""
        )
        self._fill_list()

    def _fill_list(self) -> None:
        query = self.query_one("#people-search", Input).value
        self._shown = [person for person in self._people if not query or people.matches_search(person, query)]
        listing = self.query_one("#people-list", OptionList)
        listing.set_options(item for person in self._shown for item in (person_option(person, self.today), None))
        ids = [person.id for person in self._shown]
        if ids:
            listing.highlighted = ids.index(self._selected) if self._selected in ids else 0
            self._selected = ids[listing.highlighted or 0]
        self._show_detail()

    def selected(self) -> people.Person | None:
        return next((person for person in self._shown if person.id == self._selected), None)

    @on(OptionList.OptionHighlighted, "#people-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._selected = event.option.id
        self._show_detail()

    @on(OptionList.OptionSelected, "#people-list")
    def chosen(self) -> None:
        self.action_edit()

    def _show_detail(self) -> None:
        detail = self.query_one("#people-detail", Static)
        person = self.selected()
        words = self.companion.with_keys
        if person is None:
            if not self._people:
                detail.update(
                    words(
                        "Nobody here yet. Recruiters, referrers, mentors, peers: the people who carry a search. "
                        "Press {key:people.add} to add the first one."
                    )
                )
            else:
                detail.update("Nobody matches that search.")
            return
        detail.update(self._detail_text(person, words))

    def _detail_text(self, person: people.Person, words: Callable[[str], str]) -> str:
        """The person's own text shown as typed; only the app's words name keys."""
        lines = [person.name]
        where = " at ".join(part for part in (person.role, person.company) if part)
        known = people.how_met_label(person.how_met)
        if where or known:
            lines.append(" · ".join(part for part in (where, known) if part))
        lines += [part for part in (person.email, person.url) if part]
        follow_up = people.describe_follow_up(person, self.today)
        planned = follow_up[:1].upper() + follow_up[1:]
        lines += ["", planned or words("No day planned to get in touch: {key:people.follow_up} plans one.")]
        if person.notes:
            lines += ["", "Notes", person.notes]
        lines += ["", "Touchpoints"]
        lines += [f"  {entry['on']}  {entry['text']}" for entry in reversed(person.touchpoints)] or [
            words("  none yet: {key:people.touchpoint} logs one (a coffee chat, a thank-you)")
        ]
        lines += ["", "Applications"]
        linked = [self._applications[app_id] for app_id in person.application_ids if app_id in self._applications]
        lines += [f"  {app.title} ({pipeline.stage_label(app.stage)})" for app in linked] or [
            words("  none linked: {key:people.link} links one")
        ]
        return "\n".join(lines)

    # -- writing ---------------------------------------------------------------------------

    def _write(self, write: Callable[[], people.Person], message: str) -> None:
        """One guarded write: a refused write is explained, never a crash."""
        try:
            person = write()
        except (InputError, StoreError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self._saved(person, message)

    def _need_person(self) -> people.Person | None:
        person = self.selected()
        if person is None:
            self.notify(
                self.companion.with_keys("Choose someone in the list first ({key:people.add} adds one)."), markup=False
            )
        return person

    # -- actions ---------------------------------------------------------------------------

    def _saved(self, person: people.Person, message: str) -> people.Person:
        """After a form's write: the person selected (the commit's refresh shows it) and the write said."""
        self._selected = person.id
        self.notify(message.format(name=person.name), markup=False)
        return person

    def action_add(self) -> None:
        def save(entry: PersonEntry) -> people.Person:
            added = people.add_person(self.context.store, entry.details, now=self.context.now(), insist=entry.insist)
            return self._saved(added, "Added {name}.")

        self.app.push_screen(PersonForm(save))

    def action_edit(self) -> None:
        person = self._need_person()
        if person is None:
            return
        before = people.Details.of(person)

        def save(entry: PersonEntry) -> people.Person:
            changes = {
                name: getattr(entry.details, name)
                for name in people.FIELDS
                if getattr(entry.details, name) != getattr(before, name)
            }
            edited = people.edit_person(
                self.context.store, person.id, changes, now=self.context.now(), insist=entry.insist
            )
            return self._saved(edited, "Updated {name}.")

        self.app.push_screen(PersonForm(save, person))

    def action_touchpoint(self) -> None:
        person = self._need_person()
        if person is None:
            return

        def logged(text: str | None) -> None:
            if text is not None:
                now = self.context.now()
                self._write(
                    lambda: people.add_touchpoint(self.context.store, person.id, text, on=now.date(), now=now),
                    "Noted for {name}.",
                )

        self.app.push_screen(
            PersonLine(
                f"A touchpoint with {person.name}, today",
                "Enter saves · {key:person_line.cancel} cancels",  # PersonLine shows the keys in use
                people.touchpoint_text,
                placeholder="coffee chat, sent thanks, asked for a referral",
            ),
            logged,
        )

    def action_follow_up(self) -> None:
        person = self._need_person()
        if person is None:
            return
        today = self.today

        def planned(text: str | None) -> None:
            if text is not None:
                day = people.parse_follow_up(text, today, keep=person.follow_up_on)
                done = "No day planned for {name}."
                if day:
                    done = f"Get in touch with {{name}} on {day:%a} {day.day} {day:%b}."
                self._write(
                    lambda: people.set_follow_up(self.context.store, person.id, day, now=self.context.now()), done
                )

        self.app.push_screen(
            PersonLine(
                f"When to get in touch with {person.name}",
                "Enter saves · empty clears it · {key:person_line.cancel} cancels",
                lambda text: people.parse_follow_up(text, today, keep=person.follow_up_on),
                value=person.follow_up_on,
                placeholder="YYYY-MM-DD, tomorrow, +2w, fri",
            ),
            planned,
        )

    def action_link(self) -> None:
        person = self._need_person()
        if person is None:
            return
        if not self._applications:
            self.notify("No applications yet to link to: add one on the Pipeline first.", markup=False)
            return

        def chosen(application_id: str | None) -> None:
            if application_id is None:
                return
            title = self._applications[application_id].title if application_id in self._applications else "it"
            try:
                _, linked = people.toggle_link(self.context.store, person.id, application_id, now=self.context.now())
            except (InputError, StoreError) as exc:
                self.notify(str(exc), title="Not saved", severity="error", markup=False)
                return
            self.notify(f"{'Linked' if linked else 'Unlinked'} {person.name} and {title}.", markup=False)

        ordered = sorted(self._applications.values(), key=lambda app: (app.closed, app.company.casefold()))
        self.app.push_screen(PersonLink(person.name, ordered, person.application_ids), chosen)

    def action_search(self) -> None:
        search = self.query_one("#people-search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#people-search")
    def search_changed(self) -> None:
        self._fill_list()

    @on(Input.Submitted, "#people-search")
    def search_done(self) -> None:
        self.query_one("#people-list", OptionList).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#people-search", Input)
        search.value = ""
        search.display = False
        self.query_one("#people-list", OptionList).focus()

    def action_delete(self) -> None:
        person = self._need_person()
        if person is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                people.delete_person(self.context.store, person.id)
            except StoreError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", markup=False)
                return
            self.notify(f"Deleted {person.name}.", markup=False)

        self.app.push_screen(Confirm("Delete this person and their touchpoints?", person.title), answered)

"""Each tool's export, from fixture files shaped like the real ones (headers verbatim, synthetic rows)."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from companion import card_store, pipeline, transfer, wins
from companion.dates import parse_timestamp, timestamp
from companion.importers.fields import local_moment, parse_moment, parse_salary, utc_day
from companion.store import Store
from tests.conftest import FIXED_NOW

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def run(store: Store, path: Path, fmt: str | None = None, *, dry_run: bool = False) -> transfer.ImportReport:
    return transfer.import_file(store, path, fmt, dry_run=dry_run, now=FIXED_NOW)


def apps_by_company(store: Store) -> dict[str, pipeline.Application]:
    return {app.company: app for app in pipeline.all_applications(store)}


def utc_stamp(text: str) -> str:
    return timestamp(local_moment(datetime.fromisoformat(text), utc=True))


# -- Huntr ------------------------------------------------------------------------------------


def test_huntr_lists_salary_deadline_description_and_boards(store: Store) -> None:
    report = run(store, FIXTURES / "huntr_jobs.csv")
    assert report.label == "a Huntr jobs export" and not report.asked
    apps = apps_by_company(store)
    acme = apps["Acme Robotics"]
    assert (acme.stage, acme.role, acme.location, acme.url) == (
        "wishlist",
        "Backend Engineer",
        "Berlin, DE",
        "https://jobs.example.com/acme/1",
    )
    assert (acme.salary, acme.salary_min, acme.salary_max, acme.salary_currency) == (
        "$120k - $150k",
        120_000,
        150_000,
        "USD",
    )
    assert acme.deadline == "2024-12-05"  # `2024-12-05 05:00:00` UTC is local midnight on the 5th, not the 4th
    assert acme.description == "Build APIs & services.\n- Python\n- Postgres"
    assert acme.tags == ["Main Search"] and acme.origin == "huntr:h1" and acme.source == "Huntr"
    assert acme.applied_on == ""  # a wish was never sent
    assert acme.created_at == utc_stamp("2024-11-20 14:03:11")
    assert apps["Initech"].deadline == "2024-10-16"  # 22:00 UTC: midnight east of Greenwich, the next day
    assert (apps["Initech"].salary_min, apps["Initech"].salary_currency) == (90_000, "EUR")
    globex = apps["Globex"]  # an Excel-resaved row: `12/4/2024 17:59`, `-` for empty
    assert (globex.stage, globex.created_at, globex.location, globex.salary) == (
        "interviewing",
        utc_stamp("2024-12-04 17:59"),
        "",
        "",
    )
    assert globex.history == [{"stage": "interviewing", "at": utc_stamp("2024-12-06 10:15")}]
    assert (apps["Hooli"].stage, apps["Initech"].stage, apps["Umbrella"].stage) == ("offer", "rejected", "applied")
    assert apps["Vandelay"].tags == ["Contract gigs"] and apps["Vandelay"].stage == "screening"
    assert report.notes.guessed == {"Recruiter pinged": "screening"}
    assert "Boards kept as tags: Contract gigs, Main Search" in report.summary()
    assert apps[pipeline_no_company()].role == "ML Engineer"  # no company, but a link: kept
    assert apps["Soylent"].role == '=HYPERLINK("http://evil.example","Click")'  # stored as text, never run
    [problem] = report.outcome.problems  # type: ignore[union-attr]
    assert (problem.line, problem.reason) == (9, "no company, role or link in this row")


def pipeline_no_company() -> str:
    from companion.importers.rows import NO_COMPANY

    return NO_COMPANY


@pytest.mark.parametrize(
    "text, day",
    [
        ("2024-12-05 05:00:00", "2024-12-05"),
        ("2024-12-04 23:00:00", "2024-12-05"),
        ("2024-12-05T08:00:00.000Z", "2024-12-05"),
    ],
)
def test_a_deadline_stored_in_utc_is_the_day_it_names(text: str, day: str) -> None:
    found = parse_moment(text)
    assert found is not None and found[1] is not None
    assert utc_day(found[1]).isoformat() == day


@pytest.mark.parametrize(
    "text, expected",
    [
        ("$120k - $150k", (120_000, 150_000, "USD")),
        ("120-150k", (120_000, 150_000, "")),
        ("90.000 €", (90_000, 90_000, "EUR")),
        ("competitive", (None, None, "")),
        ("-", (None, None, "")),
    ],
)
def test_salaries_as_written_and_as_numbers(text: str, expected: tuple[int | None, int | None, str]) -> None:
    assert parse_salary(text) == expected


# -- LinkedIn ---------------------------------------------------------------------------------


def linkedin_zip(tmp_path: Path) -> Path:
    target = tmp_path / "Basic_LinkedInDataExport_06-18-2022.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted((FIXTURES / "linkedin").rglob("*.csv")):
            archive.write(path, path.relative_to(FIXTURES / "linkedin").as_posix())
    return target


def test_linkedin_job_applications_with_their_dates(store: Store) -> None:
    run(store, FIXTURES / "linkedin" / "Jobs" / "Job Applications.csv")
    acme = apps_by_company(store)["Acme Robotics"]
    assert (acme.stage, acme.applied_on, acme.created_at) == (
        "applied",
        "2022-06-18",
        timestamp(datetime(2022, 6, 18, 5, 28)),
    )
    assert (
        acme.resume_version == "Resume-2022-backend.pdf"
        and acme.origin == "linkedin:https://www.linkedin.com/jobs/view/1001"
    )
    assert acme.notes.startswith("Contact: sam.sample@example.com, +1 555 0100\nHow many years of Python?")
    assert apps_by_company(store)["Globex"].created_at == timestamp(datetime(2022, 12, 3, 23, 2))


def test_linkedin_export_zip_reads_the_splits_saved_jobs_and_connections(store: Store, tmp_path: Path) -> None:
    report = run(store, linkedin_zip(tmp_path))
    apps = apps_by_company(store)
    assert sorted(apps) == ["Acme Robotics", "Company not given", "Globex", "Hooli", "Initech"]
    assert apps["Hooli"].stage == "wishlist" and apps["Hooli"].applied_on == ""  # Saved Jobs.csv
    assert apps["Initech"].applied_on == "2023-01-09"  # Job Applications_1.csv
    assert apps["Globex"].stage == "applied"  # saved, then applied: one application
    people = {person["name"]: person for person in store.all("people")}
    assert sorted(people) == ["Ana Example", "Bo Sample"]  # after the `Notes:` preamble
    ana = people["Ana Example"]
    assert (ana["company"], ana["role"], ana["email"], ana["url"]) == (
        "Acme Robotics",
        "Engineering Manager",
        "ana@example.com",
        "https://www.linkedin.com/in/ana-example",
    )
    assert ana["touchpoints"] == [{"on": "2022-06-18", "text": "Connected on LinkedIn"}]
    assert [str(p) for p in report.outcome.problems] == [  # type: ignore[union-attr]
        "Connections.csv line 7: no name in this row (LinkedIn leaves it out for some private profiles)"
    ]
    assert report.not_read == ["Profile.csv"]


def test_a_saved_job_applied_for_later_moves_on(store: Store) -> None:
    run(store, FIXTURES / "linkedin" / "Jobs" / "Saved Jobs.csv")
    assert apps_by_company(store)["Globex"].stage == "wishlist"
    report = run(store, FIXTURES / "linkedin" / "Jobs" / "Job Applications.csv")
    globex = apps_by_company(store)["Globex"]
    assert (globex.stage, globex.applied_on, globex.resume_version) == (
        "applied",
        "2022-12-03",
        "Resume-2022-platform.pdf",
    )
    assert [entry["stage"] for entry in globex.history] == ["wishlist", "applied"]
    assert report.outcome is not None and report.outcome.count("merge") == 1


# -- JobSync ----------------------------------------------------------------------------------


def test_jobsync_all_230_rows_with_yes_no_and_closed_statuses(store: Store) -> None:
    report = run(store, FIXTURES / "jobsync_jobs.csv")
    assert report.label == "a JobSync jobs export"
    assert report.outcome is not None and report.outcome.count("add") == 230 and not report.outcome.problems
    apps = apps_by_company(store)
    assert len(apps) == 230
    first = apps["Company 001"]  # Draft, applied No, N/A location
    assert (first.stage, first.applied_on, first.source, first.location) == ("wishlist", "", "LinkedIn", "")
    assert first.tags == ["Full-time, Remote"]
    assert (apps["Company 002"].stage, apps["Company 002"].applied_on) == ("applied", "2024-01-02")
    assert apps["Company 003"].stage == "interviewing" and apps["Company 004"].stage == "offer"
    assert apps["Company 005"].stage == "rejected"
    assert apps["Company 013"].stage == "no_response"  # Expired, applied Yes
    assert apps["Company 006"].stage == "withdrawn"  # Expired, applied No
    assert apps["Company 007"].stage == "no_response"  # Archived, applied Yes
    assert apps["Company 014"].stage == "withdrawn"  # Archived, applied No
    assert apps["Company 003"].location == "Austin, TX"


# -- Simplify and Teal ------------------------------------------------------------------------


def test_simplify_capital_statuses_na_dates_and_archive(store: Store) -> None:
    report = run(store, FIXTURES / "simplify_jobs.csv")
    assert report.label == "a Simplify job tracker export"
    apps = apps_by_company(store)
    assert (apps["Acme Robotics"].stage, apps["Acme Robotics"].applied_on) == ("applied", "2024-11-02")
    assert (apps["Acme Robotics"].salary_min, apps["Acme Robotics"].salary_max) == (120_000, 150_000)
    assert (apps["Globex"].stage, apps["Globex"].applied_on, apps["Globex"].notes) == (
        "wishlist",
        "",
        "",
    )  # N/A kept as a wish
    assert apps["Initech"].stage == "interviewing" and apps["Vandelay"].stage == "screening"
    assert apps["Hooli"].stage == "rejected"  # archived, already closed
    assert apps["Umbrella"].stage == "no_response"  # archived while still applied
    assert (apps["Soylent"].stage, apps["Soylent"].salary_min, apps["Soylent"].salary_max) == ("offer", 90_000, 100_000)


def test_teal_excitement_salary_range_saved_deadline_and_follow_up(store: Store) -> None:
    report = run(store, FIXTURES / "teal_jobs.csv")
    assert report.label == "a Teal job tracker export"
    apps = apps_by_company(store)
    acme = apps["Acme Robotics"]
    assert (acme.excitement, acme.salary_min, acme.salary_max, acme.deadline, acme.follow_up_on, acme.applied_on) == (
        5,
        120_000,
        150_000,
        "2024-11-30",
        "2024-11-16",
        "2024-11-02",
    )
    assert parse_timestamp(acme.created_at) == datetime(2024, 11, 1)  # Date Saved
    assert [apps[name].stage for name in ("Globex", "Hooli", "Umbrella", "Vandelay", "Soylent")] == [
        "wishlist",
        "offer",
        "rejected",
        "withdrawn",
        "wishlist",
    ]


# -- jrnl -------------------------------------------------------------------------------------


def wins_by_text(store: Store) -> dict[str, wins.Win]:
    return {win.text: win for win in wins.all_wins(store)}


def test_jrnl_json_export_as_wins(store: Store) -> None:
    report = run(store, FIXTURES / "jrnl_export.json")
    found = wins_by_text(store)
    screen = found["Passed the phone screen at Acme."]
    assert screen.tags == ["python", "starred"] and parse_timestamp(screen.created_at) == datetime(2020, 6, 28, 18, 22)
    assert (
        store.get("wins", screen.id)["details"]
        == "Passed the phone screen at Acme.\nThey liked my @python answers.\nNext: the onsite."
    )  # type: ignore[index]
    assert found["Finished the take-home."].tags == ["interview"]
    assert [(p.line, p.reason) for p in report.outcome.problems] == [(3, "an entry with no text")]  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["jrnl_journal.txt", "jrnl_journal_24h.txt"])
def test_jrnl_plain_text_journal_in_both_time_forms(store: Store, name: str) -> None:
    run(store, FIXTURES / name)
    found = wins_by_text(store)
    screen = found["Passed the phone screen at Acme."]
    assert parse_timestamp(screen.created_at) == datetime(2020, 6, 28, 18, 22)
    assert screen.tags == ["python"]
    take_home = found["Finished the take-home @interview"]
    assert take_home.tags == ["interview", "starred"] and parse_timestamp(take_home.created_at) == datetime(
        2020, 7, 1, 9, 5
    )


def test_jrnl_markdown_export(store: Store) -> None:
    run(store, FIXTURES / "jrnl_export.md")
    found = wins_by_text(store)
    assert sorted(found) == ["Finished the take-home.", "Passed the phone screen at Acme."]
    assert found["Finished the take-home."].tags == ["interview"]
    details = store.get("wins", found["Passed the phone screen at Acme."].id)["details"]  # type: ignore[index]
    assert "## July" not in details and details.endswith("Next: the onsite.")


# -- FreeCBT ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["freecbt_export.csv", "freecbt_export.json"])
def test_freecbt_thought_records_as_reflections(store: Store, name: str) -> None:
    run(store, FIXTURES / name)
    records = {record.automatic_thought: record for record in card_store.thought_records(store)}
    quiet = records["They went quiet so I must have blown it"]
    assert quiet.distortions == ["fortune-telling", "mind-reading"]
    assert quiet.evidence_against and quiet.balanced_thought.startswith("It is a slow week for them")
    assert parse_timestamp(quiet.created_at) == local_moment(datetime(2023, 3, 1, 18, 30), utc=True)
    stored = next(r for r in store.all("reflections") if r["automatic_thought"] == quiet.automatic_thought)
    assert stored["kind"] == "thought_record" and stored["intensity_before"] is None
    assert stored["origin"] == "freecbt:a1b2c3d4-0000-4000-8000-000000000001"


def test_freecbt_trap_names_map_onto_companions(store: Store) -> None:
    report = run(store, FIXTURES / "freecbt_export.csv")
    records = {record.automatic_thought: record for record in card_store.thought_records(store)}
    assert records["I always fail interviews, every single one"].distortions == [
        "all-or-nothing",
        "overgeneralisation",
        "personalisation",
    ]
    assert "FreeCBT trap 'made-up-trap' has no match here and was left out" in report.notes.lines
    run(store, FIXTURES / "freecbt_export.json")
    records = {record.automatic_thought: record for record in card_store.thought_records(store)}
    assert records["Everyone else gets hired but me"].distortions == [
        "mental-filter"
    ]  # an unselected legacy trap is left out

"""Realistic sample data for `companion --demo` and the first-run offer.

Seeded through the same core functions the app uses, into a throw-away data dir, so the demo shows
exactly what real use looks like and never touches the person's own data.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from companion import breath_log, breathing, card_store, pipeline, reframe, wins
from companion.context import Context
from companion.store import Store

# (company, role, stage path after "applied", days ago applied, source)
APPLICATIONS: tuple[tuple[str, str, list[str], int, str], ...] = (
    ("Lumen Labs", "Backend Engineer", ["screening", "interviewing", "offer"], 34, "referral"),
    ("Northwind Health", "Platform Engineer", ["screening", "interviewing"], 21, "LinkedIn"),
    ("Quietly", "Full-stack Developer", ["screening"], 12, "company site"),
    ("Tessellate", "Data Engineer", [], 6, "job board"),
    ("Orbit Robotics", "Python Developer", [], 3, "meetup contact"),
    ("Fernwood Bank", "Software Engineer II", ["screening", "rejected"], 27, "job board"),
    ("Kite & Key", "Junior DevOps Engineer", [], 30, "job board"),
    ("Harbor Analytics", "Site Reliability Engineer", ["screening", "interviewing", "rejected"], 40, "referral"),
    ("Willow Learning", "Frontend Engineer", ["withdrawn"], 18, "LinkedIn"),
    ("Atlas Mobility", "Engineering Manager", ["screening", "interviewing", "offer", "accepted"], 60, "recruiter"),
)
WISHLIST = (("Greenline Energy", "Backend Developer"), ("Paper Crane", "Developer Advocate"))
WINS = (
    ("Asked the hiring manager a question that made them pause and smile", ["interview"]),
    ("Finished the system design chapter on caching", ["learning"]),
    ("Sent three tailored applications before lunch", ["applications"]),
    ("A former colleague offered to refer me", ["networking"]),
    ("Went for a walk instead of refreshing my inbox", ["self-care"]),
    ("Explained my career change story clearly in a screening call", ["interview", "story"]),
    ("Fixed a bug in an open-source project I use", ["code"]),
    ("Asked Fernwood for feedback, politely and briefly", ["courage"]),
)


@contextlib.contextmanager
def demo_context(context: Context) -> Iterator[Context]:
    """The same settings on a seeded throw-away data dir, removed afterwards; never the real one."""
    folder = Path(tempfile.mkdtemp(prefix="companion-demo-"))
    try:
        config_copy = folder / "config.toml"
        if context.config_path.is_file():
            shutil.copyfile(context.config_path, config_copy)  # settings changed in the demo stay there
        demo = context.elsewhere(folder / "data", config_copy)
        seed(demo.store, context.now())
        yield demo
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def seed(store: Store, now: datetime) -> None:
    """Applications in every stage, wins, breathing sessions and reflections, spread over weeks."""
    today = now.date()
    for company, role, path, days_ago, source in APPLICATIONS:
        applied = now - timedelta(days=days_ago)
        app = pipeline.add_application(
            store, pipeline.Details(company, role, source=source, applied_on=applied.date()), now=applied
        )
        for step, stage in enumerate(path, start=1):
            pipeline.move(store, app.id, stage, now=applied + timedelta(days=step * 4))
        if not path and days_ago < 10:
            pipeline.set_follow_up(
                store, app.id, today - timedelta(days=1) if days_ago > 4 else today + timedelta(days=3), now=now
            )
        if path and path[-1] == "rejected":
            pipeline.save_debrief(
                store,
                app.id,
                4,
                "I prepared well and stayed calm",
                "Practise the take-home under time",
                "I handle a no better than a year ago",
                now=applied + timedelta(days=len(path) * 4),
            )
    for company, role in WISHLIST:
        pipeline.add_application(store, pipeline.Details(company, role), stage="wishlist", now=now - timedelta(days=2))
    for n, (text, tags) in enumerate(WINS):
        wins.add_win(store, text, tags, now=now - timedelta(days=n, hours=n % 5))
    for n, pattern in enumerate(breathing.load_presets()[:4]):
        started = now - timedelta(days=n, hours=2)
        breath_log.record_session(
            store,
            pattern,
            breathing.SessionSummary(seconds=180.0 + 60 * n, completed_cycles=10),
            started_at=started,
            finished=True,
        )
    record = reframe.make_thought_record(
        "I'll never get past the final round",
        80,
        45,
        now=now - timedelta(days=5),
        mood="discouraged",
        situation="Heard back from Harbor Analytics about the SRE role",
        distortions=["fortune-telling"],
        evidence_against="I reached the final round twice this month",
        balanced_thought="Reaching final rounds means I am close; each one teaches me something.",
    )
    card_store.save_thought_record(store, record)

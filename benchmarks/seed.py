"""Fill a data dir through companion's own store.

`seed.py --data-dir DIR --applications 1000 --wins 10000 --reflections 500`
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

from companion import pipeline, wins
from companion.dates import timestamp
from companion.store import Store

WORDS = [
    "shipped",
    "learned",
    "asked",
    "practised",
    "finished",
    "explained",
    "fixed",
    "wrote",
    "met",
    "reviewed",
    "designed",
    "deployed",
]
COMPANIES = [
    "Lumen",
    "Northwind",
    "Quietly",
    "Tessellate",
    "Orbit",
    "Fernwood",
    "Harbor",
    "Willow",
    "Atlas",
    "Greenline",
    "Paper",
    "Kite",
]
STAGES = list(pipeline.STAGES)


def seed(data_dir: Path, applications: int, win_count: int, reflections: int, now: datetime) -> None:
    rng = random.Random(7)
    store = Store(data_dir)
    win_records = []
    for n in range(win_count):
        moment = timestamp(now - timedelta(minutes=37 * n))
        tag = rng.choice(["interview", "learning", "code", "network"])
        text = f"{rng.choice(WORDS).capitalize()} thing number {n} #{tag}"
        clean, tags = wins.prepare(text)
        win_records.append({"text": clean, "tags": tags, "created_at": moment, "updated_at": moment})
    app_records = []
    for n in range(applications):
        applied = now - timedelta(days=rng.randint(0, 200))
        stage = rng.choice(STAGES)
        app = pipeline.Application(
            company=f"{rng.choice(COMPANIES)} {n}",
            role="Software Engineer",
            stage=stage,
            applied_on=applied.date().isoformat(),
            history=[
                {"stage": "applied", "at": timestamp(applied)},
                {"stage": stage, "at": timestamp(applied + timedelta(days=5))},
            ],
            created_at=timestamp(applied),
            updated_at=timestamp(applied),
        )
        app_records.append(app.to_record())
    reflection_records = [
        {
            "kind": "debrief",
            "application_id": "",
            "feeling": rng.randint(0, 10),
            "went_well": "prepared",
            "to_improve": "pace",
            "grown": "calmer",
            "created_at": timestamp(now - timedelta(days=n)),
        }
        for n in range(reflections)
    ]
    with store.transaction() as tx:  # one write: a loop of single inserts would take minutes
        tx.insert_many("wins", win_records)
        tx.insert_many("applications", app_records)
        tx.insert_many("reflections", reflection_records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--wins", type=int, default=10_000)
    parser.add_argument("--reflections", type=int, default=500)
    args = parser.parse_args()
    seed(args.data_dir, args.applications, args.wins, args.reflections, datetime.now())
    print(f"seeded {args.data_dir}: {args.applications} applications, {args.wins} wins, {args.reflections} reflections")


if __name__ == "__main__":
    main()

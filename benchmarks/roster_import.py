"""Roster import at scale: 100,000 rows, ours (batched) beside a row-at-a-time upsert.

    python3 -m benchmarks.roster_import [--rows 100000] [--runs 3]

Each run uses a fresh SQLite file. Reported: medians of parse, first import (all added)
and re-import (all unchanged) for our `import_roster`, and the first import done the
naive way (one INSERT ... ON CONFLICT per row) in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from bot.membership.roster import import_roster, parse_roster
from storage.database import Database
from storage.roster import RosterRepository

SECRET = "benchmark-secret-key-0123456789abcdef"
WORKSITES = [f"Medical Center {n}" for n in range(40)]
CLASSES = ["Psychologist", "Clinical Social Worker", "Psychiatric Nurse", "Therapist"]


def make_roster(rows: int, seed: int = 7) -> str:
    """A deterministic roster CSV with realistic columns."""
    rng = random.Random(seed)
    lines = ["member_id,first_name,last_name,phone,worksite,classification,status,language"]
    for n in range(rows):
        phone = f"({rng.randint(201, 989)}) 555-{rng.randint(0, 9999):04d}"
        lines.append(
            f"M{n:06d},First{n},Last{n},{phone},{rng.choice(WORKSITES)},"
            f"{rng.choice(CLASSES)},good_standing,{rng.choice(['en', 'es', ''])}"
        )
    return "\n".join(lines) + "\n"


async def naive_import(db: Database, text: str) -> None:
    """The alternative: one upsert statement per row (still one transaction)."""
    roster = parse_roster(text, SECRET)
    columns = ["member_id", *roster.columns]
    sql = (
        f"INSERT INTO members ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        "ON CONFLICT (member_id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in roster.columns)
    )
    async with db.transaction() as conn:
        for row in roster.rows.values():
            await conn.execute(sql, [row[c] for c in columns])


async def one_run(text: str, folder: Path, run: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    roster = parse_roster(text, SECRET)
    timings["parse + hash phones"] = time.perf_counter() - start
    async with Database(folder / f"ours-{run}.sqlite3") as db:
        await db.migrate()
        repository = RosterRepository(db)
        start = time.perf_counter()
        report = await import_roster(repository, roster)
        timings["ours: first import (write only)"] = time.perf_counter() - start
        assert report.added == len(roster.rows)
        start = time.perf_counter()
        again = await import_roster(repository, parse_roster(text, SECRET))
        timings["ours: re-import, all unchanged (parse + compare)"] = time.perf_counter() - start
        assert again.unchanged == len(roster.rows)
    async with Database(folder / f"naive-{run}.sqlite3") as db:
        await db.migrate()
        start = time.perf_counter()
        await naive_import(db, text)
        timings["naive: row-at-a-time upsert (parse + write)"] = time.perf_counter() - start
    return timings


async def main(rows: int, runs: int) -> None:
    text = make_roster(rows)
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            for name, seconds in (await one_run(text, Path(folder), run)).items():
                results.setdefault(name, []).append(seconds)
    print(f"roster import, {rows:,} rows, {runs} runs (median, min-max in seconds)")
    for name, values in results.items():
        print(
            f"  {name:<52} {statistics.median(values):6.2f}  ({min(values):.2f}-{max(values):.2f})"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    asyncio.run(main(options.rows, options.runs))

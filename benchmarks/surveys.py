"""Survey results at scale: 50,000 responses x 10 questions, ours beside a simple alternative.

    python3 -m benchmarks.surveys [--responses 50000] [--runs 7]

Ours: `SurveyService.results` — one GROUP BY over covering indexes returns (group,
question, value, count); statistics come from those counts. The alternative reads every
answer row and computes in Python with `statistics`, as a first version would. Both run
on the same database in every run (interleaved); medians are reported. Chart rendering
(one PNG per question, matplotlib Agg) is timed too.

Closing: responses are sealed boxes while a survey is open, so the close opens every box
(X25519 + AES-GCM), inserts the clear rows in random order, deletes the boxes and erases
the key in one transaction, then checkpoints and vacuums. It is timed beside the close of
the same responses already in clear (state change, checkpoint and vacuum), each on a
freshly filled database.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import sealing
from bot.keys import KeyService
from bot.people import OPERATOR
from bot.privacy import merge_small_groups
from bot.surveys import sealed as boxes
from bot.surveys.definition import parse_survey
from bot.surveys.model import Survey
from bot.surveys.render import chart_images, results_messages
from bot.surveys.service import SurveyService, stored_answers
from storage.database import Database
from storage.members import MembersRepository
from storage.seal_keys import SealKeysRepository
from storage.surveys import OpenedResponse, StoredSurvey, SurveysRepository

TZ = ZoneInfo("America/Los_Angeles")
WORKSITES = [f"Medical Center {n}" for n in range(40)] + ["Tiny Clinic"]
CLASSES = [
    "Psychologist",
    "Clinical Social Worker",
    "Psychiatric Nurse",
    "Therapist",
    "Addiction Counselor",
    "MFT",
]
DEFINITION = """\
id: bench
title: Benchmark
closes_at: 2099-01-01 00:00
questions:
  - {id: protected, type: number, text: Protected hours, min: 0, max: 40, integer: false}
  - {id: offclock, type: number, text: Off-clock hours, min: 0, max: 40}
  - {id: caseload, type: number, text: Caseload, min: 0, max: 1000}
  - {id: waitdays, type: number, text: Wait in days, min: 0, max: 365}
  - {id: wait, type: single, text: Wait, options: [Under 2 weeks, 2-4 weeks, 4-8 weeks, Longer]}
  - {id: leave, type: scale, text: Intent to leave, min: 1, max: 5}
  - {id: reason, type: single, text: Reason, options: [Workload, Pay, Burnout, Management, Other]}
  - {id: seven, type: single, text: Seven hours, options: [Yes, Maybe, No]}
  - {id: squeezed, type: multiple, text: Squeezed, options: [Notes, Calls, Meetings, Travel]}
  - {id: comment, type: text, text: Comment, optional: true}
"""


def answers_for(rng: random.Random) -> dict[str, object]:
    return {
        "protected": round(rng.uniform(0, 10), 1),
        "offclock": rng.randint(0, 15),
        "caseload": rng.randint(40, 300),
        "waitdays": rng.randint(3, 90),
        "wait": rng.choice(["under-2-weeks", "2-4-weeks", "4-8-weeks", "longer"]),
        "leave": rng.randint(1, 5),
        "reason": rng.choice(["workload", "pay", "burnout"]),
        "seven": rng.choice(["yes", "maybe", "no"]),
        "squeezed": rng.sample(["notes", "calls", "meetings", "travel"], rng.randint(1, 3)),
        "comment": "too many patients" if rng.random() < 0.2 else None,
    }


async def fill(db: Database, survey: Survey, stored: StoredSurvey, responses: int) -> None:
    """Insert responses directly (the submit path is one small transaction per member)."""
    rng = random.Random(11)
    response_rows, answer_rows = [], []
    for number in range(responses):
        worksite = "Tiny Clinic" if number < 3 else rng.choice(WORKSITES[:-1])
        classification = rng.choice(CLASSES)
        response_rows.append((number + 1, stored.pk, worksite, classification))
        for answer in stored_answers(survey, answers_for(rng)):
            answer_rows.append(
                (
                    number + 1,
                    stored.pk,
                    answer.question,
                    answer.value,
                    worksite,
                    classification,
                    answer.text,
                )
            )
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO survey_responses (id, survey, worksite, classification) "
            "VALUES (?, ?, ?, ?)",
            response_rows,
        )
        await conn.executemany(
            "INSERT INTO survey_answers (response, survey, question, value, worksite, "
            "classification, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            answer_rows,
        )
    await db.execute("ANALYZE")


SECRET = "benchmark secret " * 3


def service_for(db: Database) -> SurveyService:
    keys = KeyService(SealKeysRepository(db), SECRET)
    progress = sealing.server_key(SECRET, boxes.PROGRESS_PURPOSE)
    return SurveyService(
        SurveysRepository(db),
        MembersRepository(db),
        None,
        None,
        None,
        db,
        TZ,  # type: ignore[arg-type]
        keys,
        progress,
    )


async def fill_sealed(
    db: Database, service: SurveyService, survey: Survey, pk: int, responses: int
) -> None:
    """Sealed boxes as submissions leave them (sealed in bulk; the submit path is one
    small transaction per member)."""
    rng = random.Random(11)
    public = await service.keys.public(boxes.response_subject(pk))
    rows = []
    for number in range(responses):
        worksite = "Tiny Clinic" if number < 3 else rng.choice(WORKSITES[:-1])
        plain = boxes.response_plaintext(
            survey, worksite, rng.choice(CLASSES), None, stored_answers(survey, answers_for(rng))
        )
        rows.append(
            (pk, random.randbytes(16), sealing.seal(public, plain, boxes.response_subject(pk)))
        )
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO survey_sealed (survey, id, sealed) VALUES (?, ?, ?)", rows
        )


async def close_once(folder: Path, survey: Survey, responses: int, sealed: bool) -> float:
    """Fill a fresh database, then time the close alone."""
    path = folder / f"close-{sealed}-{time.perf_counter_ns()}.sqlite3"
    async with Database(path) as db:
        await db.migrate()
        service = service_for(db)
        stored = await service.repo.save(
            survey.to_json(), int(time.time()), "bench", service.keys.server_key()
        )
        await service.repo.move(stored.pk, "scheduled", "open")
        if sealed:
            await fill_sealed(db, service, survey, stored.pk, responses)
        else:
            await fill(db, survey, stored, responses)
        await db.checkpoint_and_vacuum()
        subject = boxes.response_subject(stored.pk)
        start = time.perf_counter()
        if sealed:
            key = await service.keys.key(subject)
            assert key is not None
            opener = service.keys.server_opener(key)

            async def open_all(found: list[bytes]) -> list[OpenedResponse]:
                return await asyncio.to_thread(
                    lambda: [boxes.read_response(opener.open(b, subject)) for b in found]
                )

            await service.repo.close_sealed(stored.pk, responses, subject, open_all)
        else:
            await service.repo.close_sealed(stored.pk, responses, subject, None)
        await db.checkpoint_and_vacuum()
        elapsed = time.perf_counter() - start
        count = await db.fetchval("SELECT COUNT(*) FROM survey_responses")
        assert count == responses, count
    path.unlink()
    return elapsed


async def naive_results(db: Database, survey: Survey, pk: int, by: str | None) -> object:
    """The alternative: every answer row into Python, statistics per question and group."""
    rows = await db.fetchall(
        "SELECT question, value, worksite, classification FROM survey_answers WHERE survey = ?",
        (pk,),
    )
    per: dict[tuple[int, str | None], list[float]] = {}
    for question, value, worksite, classification in rows:
        group = worksite if by == "worksite" else classification if by else None
        per.setdefault((question, group), []).append(value)
    out = {}
    for index, question in enumerate(survey.questions):
        groups = {g: v for (q, g), v in per.items() if q == index}
        merged = merge_small_groups(groups, len, lambda a, b: a + b)
        for group, values in merged.items():
            if question.type in ("number", "scale") and len(values) > 1:
                quartiles = statistics.quantiles(values, n=4, method="inclusive")
                out[(index, group)] = (statistics.mean(values), quartiles)
            else:
                out[(index, group)] = {v: values.count(v) for v in set(values)}
    return out


async def timed(coro_factory, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        await coro_factory()
        times.append(time.perf_counter() - start)
    return times


async def main(responses: int, runs: int, close_runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with Database(Path(folder) / "bench.sqlite3") as db:
            await db.migrate()
            service = service_for(db)
            repo = service.repo
            survey = parse_survey(DEFINITION, "bench.yaml", TZ, time.time())
            stored = await repo.save(survey.to_json(), int(time.time()), "bench")
            start = time.perf_counter()
            await fill(db, survey, stored, responses)
            await repo.move(stored.pk, "scheduled", "closed", responses)  # results after close
            stored = await repo.get(stored.pk)  # type: ignore[assignment]
            assert stored is not None
            load = time.perf_counter() - start
            rows = await db.fetchval("SELECT COUNT(*) FROM survey_answers")
            print(
                f"{responses:,} responses x {len(survey.questions)} questions "
                f"({rows:,} answer rows; inserted in {load:.1f} s), {runs} runs\n"
            )
            cases = [
                ("overall", None, None),
                ("by worksite (41 groups, one under 5)", "worksite", None),
                ("by classification", "classification", None),
                ("steward: 2 worksites, by classification", "classification", WORKSITES[:2]),
            ]
            table = []
            for label, by, scope in cases:
                ours: list[float] = []
                naive: list[float] = []
                for _ in range(runs):  # interleaved, so both see the same machine state
                    ours += await timed(lambda b=by, s=scope: service._results(stored, b, s), 1)
                    naive += await timed(lambda b=by: naive_results(db, survey, stored.pk, b), 1)
                table.append((label, statistics.median(ours), statistics.median(naive)))
            results = await service.results(stored, "worksite", OPERATOR)
            text = await timed(
                lambda: asyncio.sleep(0, results_messages("en", results, stored.closes_at, TZ)),
                runs,
            )
            overall = await service.results(stored, None, OPERATOR)
            charts = await timed(
                lambda: asyncio.sleep(0, chart_images("en", overall)), max(3, runs // 2)
            )
            count = len(chart_images("en", overall))
        closes: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(close_runs):  # interleaved
            for sealed in (False, True):
                closes[sealed].append(await close_once(Path(folder), survey, responses, sealed))
    print("| results (median) | ours: GROUP BY counts | simple: all rows into Python |")
    print("|---|---:|---:|")
    for label, ours_s, naive_s in table:
        print(f"| {label} | {ours_s * 1000:.0f} ms | {naive_s * 1000:.0f} ms |")
    print(f"\nchat text for the worksite breakdown: {statistics.median(text) * 1000:.1f} ms")
    print(
        f"charts: {count} PNGs (one per question) in {statistics.median(charts):.2f} s "
        f"({statistics.median(charts) / count * 1000:.0f} ms each)"
    )
    print(f"\n| close (median of {close_runs}) | time |")
    print("|---|---:|")
    print(
        f"| responses in clear: state, checkpoint, VACUUM | "
        f"{statistics.median(closes[False]):.2f} s |"
    )
    print(
        f"| sealed: open every box, insert shuffled, erase key, checkpoint, VACUUM | "
        f"{statistics.median(closes[True]):.2f} s |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--close-runs", type=int, default=3)
    options = parser.parse_args()
    asyncio.run(main(options.responses, options.runs, options.close_runs))

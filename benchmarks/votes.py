"""Votes at strike scale: 2,400 members voting within a minute, a burst ceiling, a big tally.

    python -m benchmarks.votes [--members 2400] [--window 60] [--runs 3] [--ballots 100000]

1. Steady: the real bot runs against the emulator (in this process, limits off so only our
   side is measured) with MEMBERS verified members. The vote opens (the announcement goes
   out through the delivery engine at the paid-broadcast rate), then each member starts at
   a random moment within WINDOW seconds and taps Vote, an option, and Confirm, waiting for
   each answer as a phone would. Latency is from the button press to the edited message.
2. Burst: every member presses Confirm at once on a second vote; ballots per second from
   the first press to the last receipt. Beside it, the same casts straight into
   VoteService.cast with no Telegram in between (the database's own ceiling).
3. Tally: BALLOTS ballots in one closed vote; time for VoteService.result (the GROUP BY
   over the covering index plus the exact-fraction decision), and for the close's
   checkpoint + VACUUM.

Each part runs RUNS times on a fresh database; the report gives the median of the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import statistics
import tempfile
import time
from pathlib import Path

from bot.sandbox.harness import Sandbox
from bot.sandbox.users import SentMessage, SimUser
from bot.votes.definition import MAJORITY, VoteDefinition
from bot.votes.receipts import new_receipt
from bot.votes.service import quorum_of, threshold_of
from bot.votes.tally import Tally
from storage.database import Database
from storage.votes import Vote, VotesRepository

WORKSITES = [f"Clinic {i:02d}" for i in range(12)]


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def add_members(sandbox: Sandbox, count: int) -> list[SimUser]:
    """COUNT verified members, linked to simulated Telegram users (straight into the DB)."""
    users = [sandbox.user(f"M{i}") for i in range(count)]
    for user in users:
        user.started = True  # each has opened a chat with the bot before (as with /start)
    async with sandbox.services.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO members (member_id, telegram_id, worksite, verified_at) "
            "VALUES (?, ?, ?, 1)",
            [(f"B{i:05d}", u.id, WORKSITES[i % len(WORKSITES)]) for i, u in enumerate(users)],
        )
    return users


async def new_vote(sandbox: Sandbox) -> Vote:
    services = sandbox.services
    now = int(services.now().timestamp())
    vote = await services.votes.create(
        VoteDefinition("Do you authorize a strike?", now + 3600, now + 7200, MAJORITY), None
    )
    [job] = [j for j in await services.scheduler.jobs.pending() if j.kind == "vote.open"
             and j.key == str(vote.id)]  # fmt: skip
    await services.scheduler.run_job(job.id)
    return vote


async def ballot_of(user: SimUser, vote_id: int) -> SentMessage:
    data = f"v1:vote:show:{vote_id}"
    while True:
        for message in user.inbox:
            if any(data in row for row in message.button_data):
                return message
        await asyncio.sleep(0.05)


async def timed_press(user: SimUser, message: SentMessage, button: str) -> float:
    started = time.perf_counter()
    await user.press(button, message)
    await user.next_edit(message, timeout=60)
    return (time.perf_counter() - started) * 1000


async def steady(folder: Path, members: int, window: float) -> dict[str, float]:
    """Members arrive at random within the window and vote as a phone would."""
    async with Sandbox(folder, broadcast_rate=1000, paid_broadcast=True) as sandbox:
        users = await add_members(sandbox, members)
        vote = await new_vote(sandbox)
        ballots = await asyncio.gather(*(ballot_of(u, vote.id) for u in users))
        rng = random.Random(5)
        confirm: list[float] = []
        every: list[float] = []

        async def member(user: SimUser, ballot: SentMessage, delay: float, choice: str) -> None:
            await asyncio.sleep(delay)
            for button in ("🗳 Vote", choice, "✅ Confirm my ballot"):
                elapsed = await timed_press(user, ballot, button)
                every.append(elapsed)
            confirm.append(elapsed)

        started = time.perf_counter()
        await asyncio.gather(
            *(member(u, b, rng.uniform(0, window), rng.choice(["Yes", "No"]))
              for u, b in zip(users, ballots, strict=True))
        )  # fmt: skip
        total = time.perf_counter() - started
        cast = await sandbox.services.db.fetchval("SELECT COUNT(*) FROM vote_ballots")
        assert cast == members, cast
        return {
            "confirm_median": statistics.median(confirm),
            "confirm_p99": p99(confirm),
            "press_median": statistics.median(every),
            "press_p99": p99(every),
            "seconds": total,
        }


async def burst(folder: Path, members: int) -> dict[str, float]:
    """Everyone presses Confirm at once; then the same casts with no Telegram in between."""
    async with Sandbox(folder, broadcast_rate=1000, paid_broadcast=True) as sandbox:
        users = await add_members(sandbox, members)
        vote = await new_vote(sandbox)
        ballots = await asyncio.gather(*(ballot_of(u, vote.id) for u in users))
        started = time.perf_counter()
        for user, ballot in zip(users, ballots, strict=True):
            await user.press_data(f"v1:vote:cast:{vote.id}:0", ballot)
        await asyncio.gather(
            *(u.next_edit(b, timeout=120) for u, b in zip(users, ballots, strict=True))
        )
        through_bot = members / (time.perf_counter() - started)
        second = await new_vote(sandbox)
        votes, found = sandbox.services.votes, sandbox.services.members
        people = [await found.by_telegram_id(u.id) for u in users]
        started = time.perf_counter()
        for person in people:
            assert person is not None
            await votes.cast(second.id, person, 1)
        direct = members / (time.perf_counter() - started)
        return {"bot_per_s": through_bot, "service_per_s": direct}


async def tally(folder: Path, ballots: int) -> dict[str, float]:
    """Time to result for a closed vote with BALLOTS ballots, and the close's VACUUM."""
    async with Database(folder / "tally.sqlite3") as db:
        await db.migrate()
        repo = VotesRepository(db)
        vote = await repo.create(
            {"question": "Strike?", "options": ["Yes", "No", "Abstain"], "worksites": [],
             "classifications": [], "opens_at": 1, "closes_at": 4_000_000_000,
             "threshold_num": 2, "threshold_den": 3, "reminders": []},
            "bench",
        )  # fmt: skip
        await repo.open(vote.id, 1)
        rng = random.Random(7)
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO vote_ballots (receipt, vote, choice) VALUES (?, ?, ?)",
                [(new_receipt(), vote.id, rng.choice((0, 0, 1, 2))) for _ in range(ballots)],
            )
            await conn.execute("UPDATE votes SET roll_size = ? WHERE id = ?", (ballots, vote.id))
        await repo.close(vote.id, 2)
        started = time.perf_counter()
        await db.checkpoint_and_vacuum()
        vacuum = time.perf_counter() - started
        times = []
        closed = await repo.get(vote.id)
        assert closed is not None
        for _ in range(20):
            started = time.perf_counter()
            counts = await repo.counts(closed.id, len(closed.options))
            result = Tally(closed.id, closed.question, closed.options, counts, closed.roll_size,
                           threshold_of(closed), quorum_of(closed))  # fmt: skip
            _ = result.passed, result.turnout
            times.append((time.perf_counter() - started) * 1000)
        assert sum(counts) == ballots
        return {"tally_ms": statistics.median(times), "vacuum_s": vacuum}


async def main_async(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    runs: dict[str, list[dict[str, float]]] = {"steady": [], "burst": [], "tally": []}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="unionbot-bench-") as scratch:
            folder = Path(scratch)
            (folder / "a").mkdir(), (folder / "b").mkdir(), (folder / "c").mkdir()
            if not args.skip_steady:
                runs["steady"].append(await steady(folder / "a", args.members, args.window))
            runs["burst"].append(await burst(folder / "b", args.members))
            runs["tally"].append(await tally(folder / "c", args.ballots))
        print(f"run {run + 1}: " + "; ".join(f"{k}={v[-1]}" for k, v in runs.items() if v))

    def median(part: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[part])

    print(f"\n{args.members} members, {args.runs} runs (median over runs)\n")
    if runs["steady"]:
        print(f"steady: all {args.members} voted within {median('steady', 'seconds'):.1f} s")
        print("| button press → answer | median | p99 |")
        print("|---|---:|---:|")
        print(f"| Confirm (the cast) | {median('steady', 'confirm_median'):.1f} ms | "
              f"{median('steady', 'confirm_p99'):.1f} ms |")  # fmt: skip
        print(f"| every press (Vote, option, Confirm) | {median('steady', 'press_median'):.1f} ms"
              f" | {median('steady', 'press_p99'):.1f} ms |")  # fmt: skip
    print(
        f"\nburst ceiling: {median('burst', 'bot_per_s'):.0f} ballots/s through the bot and "
        f"emulator; {median('burst', 'service_per_s'):.0f} ballots/s into VoteService.cast"
    )
    print(f"tally of {args.ballots:,} ballots: {median('tally', 'tally_ms'):.1f} ms; "
          f"close checkpoint + VACUUM: {median('tally', 'vacuum_s'):.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=2400)
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--skip-steady", action="store_true", help="burst and tally only")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()

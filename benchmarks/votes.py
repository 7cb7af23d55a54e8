"""Votes at strike scale: 2,400 members voting within a minute, a burst ceiling, a big tally.

    python3 -m benchmarks.votes [--members 2400] [--window 60] [--runs 3] [--ballots 100000]

1. Steady: the real bot runs in a process of its own (benchmarks/bot_process.py), as
   deployed, against the emulator and the simulated phones in this one (limits off so only
   our side is measured), with MEMBERS verified members. The vote opens (the announcement goes
   out through the delivery engine at the paid-broadcast rate), then each member starts at
   a random moment within WINDOW seconds and taps Vote, an option, and Confirm, waiting for
   each answer as a phone would. Latency is from the button press to the edited message.
2. Burst: every member presses Confirm at once on a second vote; ballots per second from
   the first press to the last receipt. Beside it, the same casts straight into
   VoteService.cast in the bot's process with no Telegram in between (the database's own
   ceiling).
3. Count: BALLOTS sealed ballots in one closed vote; time to open every box in memory,
   add them up and store the totals (what the close or the last trustee's unlock does),
   and the close's checkpoint + VACUUM. Beside it, the plaintext alternative this
   replaced: a GROUP BY over BALLOTS clear choices.

Parts 1 and 2 run twice in each run: with sealing, and with sealing switched off (the box
is the clear choice, as before ballots were sealed), so the cost of sealing is measured
side by side. Each part runs RUNS times on a fresh database; the report gives medians.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from benchmarks.bot_process import BotProcess, bot_process
from bot.keys import KeyService
from bot.people import OPERATOR
from bot.sealing import seal
from bot.services import Services
from bot.votes import sealed
from bot.votes.definition import MAJORITY, VoteDefinition
from bot.votes.receipts import tracker
from sandbox.harness import Sandbox
from sandbox.users import SentMessage, SimUser
from storage.database import Database
from storage.seal_keys import SealKeysRepository
from storage.votes import VotesRepository

WORKSITES = [f"Clinic {i:02d}" for i in range(12)]


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


async def prepare(services: Services, argument: tuple[list[int], bool]) -> None:
    """In the bot: the given Telegram ids as verified members; sealing on or off."""
    telegram_ids, sealing = argument
    if not sealing:  # the side-by-side row: the stored box is the clear choice

        async def clear(subject: str, plaintext: bytes) -> bytes:
            return plaintext + secrets.token_bytes(10)  # a random receipt, as before

        services.keys.seal = clear  # type: ignore[method-assign]
    async with services.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO members (member_id, telegram_id, worksite, verified_at) "
            "VALUES (?, ?, ?, 1)",
            [(f"B{i:05d}", t, WORKSITES[i % len(WORKSITES)]) for i, t in enumerate(telegram_ids)],
        )


async def open_vote(services: Services, _: None) -> int:
    """In the bot: a new vote, opened now (its announcement goes to every member)."""
    now = int(services.now().timestamp())
    vote = await services.votes.create(
        VoteDefinition("Do you authorize a strike?", now + 3600, now + 7200, MAJORITY), OPERATOR
    )
    [job] = [
        j
        for j in await services.scheduler.jobs.pending()
        if j.kind == "vote.open" and j.key == str(vote.id)
    ]
    await services.scheduler.run_job(job.id)
    return vote.id


async def ballots_cast(services: Services, _: None) -> int:
    return int(await services.db.fetchval("SELECT COUNT(*) FROM vote_ballots"))


async def direct_casts(services: Services, argument: tuple[int, list[int]]) -> float:
    """In the bot: each member casts straight into VoteService.cast; casts per second."""
    vote_id, telegram_ids = argument
    people = [await services.members.by_telegram_id(tid) for tid in telegram_ids]
    started = time.perf_counter()
    for person in people:
        assert person is not None
        await services.votes.cast(vote_id, person, 1)
    return len(people) / (time.perf_counter() - started)


COMMANDS = {f.__name__: f for f in (prepare, open_vote, ballots_cast, direct_casts)}


@contextlib.asynccontextmanager
async def bot_with_members(
    folder: Path, members: int, sealing: bool
) -> AsyncIterator[tuple[BotProcess, list[SimUser]]]:
    """The emulator here with MEMBERS phones; the bot in its own process, members verified."""
    sandbox = Sandbox(folder, broadcast_rate=1000, paid_broadcast=True)
    async with sandbox.emulator:
        users = [sandbox.user(f"M{i}") for i in range(members)]
        for user in users:
            user.started = True  # each has opened a chat with the bot before (as with /start)
        async with bot_process(sandbox, COMMANDS) as bot:
            await bot.call("prepare", ([u.id for u in users], sealing))
            yield bot, users


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


async def steady(folder: Path, members: int, window: float, on: bool) -> dict[str, float]:
    """Members arrive at random within the window and vote as a phone would."""
    async with bot_with_members(folder, members, on) as (bot, users):
        vote_id = await bot.call("open_vote")
        ballots = await asyncio.gather(*(ballot_of(u, vote_id) for u in users))
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
            *(
                member(u, b, rng.uniform(0, window), rng.choice(["Yes", "No"]))
                for u, b in zip(users, ballots, strict=True)
            )
        )
        total = time.perf_counter() - started
        cast = await bot.call("ballots_cast")
        assert cast == members, cast
        return {
            "confirm_median": statistics.median(confirm),
            "confirm_p99": p99(confirm),
            "press_median": statistics.median(every),
            "press_p99": p99(every),
            "seconds": total,
        }


async def burst(folder: Path, members: int, on: bool) -> dict[str, float]:
    """Everyone presses Confirm at once; then the same casts with no Telegram in between."""
    async with bot_with_members(folder, members, on) as (bot, users):
        vote_id = await bot.call("open_vote")
        ballots = await asyncio.gather(*(ballot_of(u, vote_id) for u in users))
        started = time.perf_counter()
        for user, ballot in zip(users, ballots, strict=True):
            await user.press_data(f"v1:vote:cast:{vote_id}:0", ballot)
        await asyncio.gather(
            *(u.next_edit(b, timeout=120) for u, b in zip(users, ballots, strict=True))
        )
        through_bot = members / (time.perf_counter() - started)
        second = await bot.call("open_vote")
        direct = await bot.call("direct_casts", (second, [u.id for u in users]))
        return {"bot_per_s": through_bot, "service_per_s": direct}


async def count(folder: Path, ballots: int) -> dict[str, float]:
    """Open and count BALLOTS sealed ballots; beside it, a GROUP BY over clear choices."""
    async with Database(folder / "count.sqlite3") as db:
        await db.migrate()
        repo, keys = VotesRepository(db), KeyService(SealKeysRepository(db), "b" * 40)
        vote = await repo.create(
            {
                "question": {"en": "Strike?", "es": "¿Huelga?"},
                "options": [
                    {"en": "Yes", "es": "Sí"},
                    {"en": "No", "es": "No"},
                    {"en": "Abstain", "es": "Abstención"},
                ],
                "worksites": [],
                "classifications": [],
                "opens_at": 1,
                "closes_at": 4_000_000_000,
                "threshold_num": 2,
                "threshold_den": 3,
                "reminders": [],
            },
            "bench",
        )
        await repo.open(vote.id, 1, keys.server_key())
        public = await keys.public(vote.subject)
        rng = random.Random(7)
        choices = [rng.choice((0, 0, 1, 2)) for _ in range(ballots)]
        boxes = [seal(public, sealed.plaintext(c), vote.subject) for c in choices]
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO vote_ballots (tracker, vote, sealed) VALUES (?, ?, ?)",
                [(tracker(box), vote.id, box) for box in boxes],
            )
            await conn.execute("CREATE TABLE clear_ballots (vote INTEGER, choice INTEGER)")
            await conn.execute("CREATE INDEX clear_tally ON clear_ballots (vote, choice)")
            await conn.executemany(
                "INSERT INTO clear_ballots VALUES (?, ?)", [(vote.id, c) for c in choices]
            )
        await repo.close(vote.id, 2)
        started = time.perf_counter()
        await db.checkpoint_and_vacuum()
        vacuum = time.perf_counter() - started
        key = await keys.key(vote.subject)
        assert key is not None and key.wrapped is not None
        started = time.perf_counter()
        opener = keys.server_opener(key)
        stored = await repo.sealed_ballots(vote.id)
        totals = await sealed.count_all(opener, stored, vote.subject, 3)  # as VoteService does
        assert await repo.store_count(vote.id, totals, 3)
        opened = time.perf_counter() - started
        started = time.perf_counter()
        one_thread = await asyncio.to_thread(sealed.count, opener, stored, vote.subject, 3)
        single = time.perf_counter() - started
        assert one_thread == totals
        started = time.perf_counter()
        rows = await db.fetchall(
            "SELECT choice, COUNT(*) FROM clear_ballots WHERE vote = ? GROUP BY choice", (vote.id,)
        )
        clear = (time.perf_counter() - started) * 1000
        assert totals == tuple(n for _, n in sorted(map(tuple, rows))) and sum(totals) == ballots
        return {
            "open_count_s": opened,
            "one_thread_s": single,
            "clear_group_by_ms": clear,
            "vacuum_s": vacuum,
        }


async def main_async(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    parts = ("steady", "steady_clear", "burst", "burst_clear", "count")
    runs: dict[str, list[dict[str, float]]] = {part: [] for part in parts}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="unionbot-bench-") as scratch:
            folder = Path(scratch)
            for part in parts:
                (folder / part).mkdir()
            if not args.skip_steady:
                for on, part in ((True, "steady"), (False, "steady_clear")):
                    runs[part].append(await steady(folder / part, args.members, args.window, on))
            for on, part in ((True, "burst"), (False, "burst_clear")):
                runs[part].append(await burst(folder / part, args.members, on))
            runs["count"].append(await count(folder / "count", args.ballots))
        print(f"run {run + 1}: " + "; ".join(f"{k}={v[-1]}" for k, v in runs.items() if v))

    def median(part: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[part])

    print(f"\n{args.members} members, {args.runs} runs (median over runs)\n")
    if runs["steady"]:
        print(f"steady: all {args.members} voted within {median('steady', 'seconds'):.1f} s")
        print("| button press → answer | sealed median | sealed p99 | clear median | clear p99 |")
        print("|---|---:|---:|---:|---:|")
        for label, key in (("Confirm (the cast)", "confirm"), ("every press", "press")):
            print(
                f"| {label} | {median('steady', key + '_median'):.1f} ms | "
                f"{median('steady', key + '_p99'):.1f} ms | "
                f"{median('steady_clear', key + '_median'):.1f} ms | "
                f"{median('steady_clear', key + '_p99'):.1f} ms |"
            )
    print(
        f"\nburst ceiling, sealed: {median('burst', 'bot_per_s'):.0f} ballots/s through the bot, "
        f"{median('burst', 'service_per_s'):.0f}/s into VoteService.cast; clear: "
        f"{median('burst_clear', 'bot_per_s'):.0f}/s and "
        f"{median('burst_clear', 'service_per_s'):.0f}/s"
    )
    print(
        f"count of {args.ballots:,} sealed ballots (open + add up + store): "
        f"{median('count', 'open_count_s'):.2f} s (in one thread instead: "
        f"{median('count', 'one_thread_s'):.2f} s); GROUP BY over clear choices: "
        f"{median('count', 'clear_group_by_ms'):.1f} ms; close checkpoint + VACUUM: "
        f"{median('count', 'vacuum_s'):.2f} s"
    )


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

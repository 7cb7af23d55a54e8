"""Bulk delivery against the emulator's Telegram limits: ours beside the usual alternatives.

    python3 -m benchmarks.delivery [--quick] [--runs 3] [--part members|scale|all]

The emulator runs in this process and enforces Telegram's limits (30/s overall, 1/s per
chat, 1000/s for paid broadcasts) with 429 + retry_after. Our bot runs as a separate
process (`unionbot run`), exactly as deployed, and drains an outbox written before it
starts. Measured on the emulator's side:

* achieved rate: successful sends per second, first to last;
* 429s the sender received, and recipients who never got the message ("lost");
* the bot process's CPU time per delivered message (from /proc);
* a crash test: SIGKILL the bot at a random point, restart it, count copies per member.

Side by side, in the same run and with the same audience and limits: a naive
`for chat in chats: await bot.send_message(...)` loop, and PTB's AIORateLimiter
(`python-telegram-bot[rate-limiter]`) sending the same messages concurrently.

`--part members` runs what members feel, under both limit models of the emulator (the
token bucket, and a strict sliding one-second window): a 2,400-member broadcast with
members sending /help all through it (reply latency, p50/p99), and 150 members sharing
their contact within one second (how many are told they are verified, and how fast).
Tracebacks in the bot's log are counted in every run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot
from telegram.error import RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ExtBot

from bot.membership.roster import import_roster, parse_roster
from bot.outgoing import Outgoing
from bot.services import open_services
from bot.settings import Settings
from sandbox import BotAPIEmulator, Limits, SimUser

SECRET = "benchmark-secret-key-0123456789abcdef"
TEXT = "📢 <b>Bargaining update</b>\n\nTentative agreement reached. Vote opens Monday."


@dataclass
class Result:
    name: str
    recipients: int
    seconds: float
    rate: float
    rate_limited: int
    lost: int
    duplicates: int
    cpu_ms_per_message: float | None = None
    reply_p50: float | None = None
    reply_p99: float | None = None
    replies_lost: int = 0
    tracebacks: int = 0


def settings_for(
    emulator: BotAPIEmulator, folder: Path, rate: float, paid: bool, concurrency: int = 8
) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=emulator.token,
        secret_key=SECRET,
        bot_api_base_url=emulator.base_url,
        database_path=folder / "bench.sqlite3",
        backup_dir=folder / "backups",
        broadcast_rate=rate,
        paid_broadcast=paid,
        broadcast_concurrency=concurrency,
        log_level="WARNING",
    )


async def audience(emulator: BotAPIEmulator, settings: Settings, count: int) -> list[SimUser]:
    """`count` verified members with Telegram accounts that have talked to the bot."""
    header = "member_id,first_name,last_name,worksite\n"
    rows = "".join(f"B{n:06d},Member{n},Bench,Site {n % 40}\n" for n in range(count))
    users = []
    async with open_services(settings) as services:
        await import_roster(services.roster, parse_roster(header + rows, SECRET))
        for n in range(count):
            user = emulator.add_user(f"Member{n}")
            user.started = True
            users.append(user)
        members = await services.db.fetchall("SELECT id FROM members ORDER BY member_id")
        async with services.db.transaction() as conn:
            await conn.executemany(
                "UPDATE members SET telegram_id = ?, verified_at = 1 WHERE id = ?",
                [(user.id, row["id"]) for user, row in zip(users, members, strict=True)],
            )
    return users


async def enqueue(settings: Settings) -> None:
    """Write one update for everyone into the outbox, as a steward's Confirm would."""
    async with open_services(settings) as services:
        everyone = await services.members.audience()
        await services.delivery.enqueue(
            kind="update",
            subject="bench",
            recipients=everyone,
            messages={"en": Outgoing(TEXT)},
            created_by="bench",
        )


async def spawn_bot(settings: Settings, log: Path | None = None) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": settings.token,
        "SECRET_KEY": SECRET,
        "BOT_API_BASE_URL": settings.bot_api_base_url,
        "DATABASE_PATH": str(settings.database_path),
        "BACKUP_DIR": str(settings.backup_dir),
        "BROADCAST_RATE": str(settings.broadcast_rate),
        "PAID_BROADCAST": "true" if settings.paid_broadcast else "false",
        "BROADCAST_CONCURRENCY": str(settings.broadcast_concurrency),
        "LOG_LEVEL": "WARNING",
    }
    stderr = log.open("ab") if log is not None else asyncio.subprocess.DEVNULL
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=stderr,
    )


def tracebacks(log: Path) -> int:
    return log.read_text(errors="replace").count("Traceback") if log.exists() else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def probe_replies(
    emulator: BotAPIEmulator, users: list[SimUser], every: float, done: Callable[[], bool]
) -> tuple[list[float], int]:
    """Members send /help every `every` s until `done`; seconds until each got the answer."""
    rng = random.Random(7)
    latencies: list[float] = []
    lost = 0

    async def one(user: SimUser) -> None:
        nonlocal lost
        before = len(user.inbox)
        started = time.monotonic()
        await user.send("/help")
        while time.monotonic() - started < 30:
            if any("What you can do" in m.text for m in user.inbox[before:]):
                latencies.append(time.monotonic() - started)
                return
            await asyncio.sleep(0.005)
        lost += 1

    tasks = []
    while not done():
        tasks.append(asyncio.create_task(one(rng.choice(users))))
        await asyncio.sleep(every)
    await asyncio.gather(*tasks)
    return latencies, lost


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def copies(users: list[SimUser]) -> list[int]:
    return [sum(1 for m in u.inbox if "Tentative agreement" in m.text) for u in users]


def send_times(emulator: BotAPIEmulator) -> list[float]:
    return [c.at for c in emulator.calls if c.method == "sendMessage" and c.status == 200]


def summarise(name: str, emulator: BotAPIEmulator, users: list[SimUser], **extra: float) -> Result:
    times = send_times(emulator)
    got = copies(users)
    seconds = times[-1] - times[0] if len(times) > 1 else 0.0
    return Result(
        name=name,
        recipients=len(users),
        seconds=seconds,
        rate=(len(times) - 1) / seconds if seconds else 0.0,
        rate_limited=emulator.stats.rate_limited,
        lost=sum(1 for n in got if n == 0),
        duplicates=sum(1 for n in got if n > 1),
        **extra,  # type: ignore[arg-type]
    )


async def until(condition: Callable[[], bool], limit: float, what: str) -> None:
    """Poll until `condition` holds; TimeoutError after `limit` seconds."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.2)


async def wait_for_sends(emulator: BotAPIEmulator, count: int, limit: float) -> None:
    await until(lambda: emulator.stats.sent >= count, limit, f"fewer than {count} sent")


async def ours(
    count: int, rate: float, paid: bool, limits: Limits, concurrency: int = 8, probe: float = 0
) -> Result:
    """Our engine, in the bot's own process, draining an outbox of `count` copies.

    With `probe`, a member sends /help every `probe` seconds while the broadcast runs.
    """
    with tempfile.TemporaryDirectory() as folder:
        async with BotAPIEmulator(limits=limits) as emulator:
            settings = settings_for(emulator, Path(folder), rate, paid, concurrency)
            users = await audience(emulator, settings, count)
            await enqueue(settings)
            log = Path(folder) / "bot.log"
            process = await spawn_bot(settings, log)
            latencies: list[float] = []
            lost_replies = 0
            try:
                await wait_for_sends(emulator, 1, 60)
                cpu_start = cpu_seconds(process.pid)
                if probe:
                    probing = asyncio.create_task(
                        probe_replies(
                            emulator, users, probe, lambda: copies_sent(emulator) >= count * 0.98
                        )
                    )
                await until(
                    lambda: copies_sent(emulator) >= count,
                    count / rate * 3 + 60,
                    f"fewer than {count} sent",
                )
                cpu = cpu_seconds(process.pid) - cpu_start
                if probe:
                    latencies, lost_replies = await probing
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            name = f"ours ({'paid ' if paid else ''}{rate:.0f}/s, {concurrency} in flight)"
            return summarise(
                name,
                emulator,
                users,
                cpu_ms_per_message=cpu / count * 1000,
                reply_p50=percentile(latencies, 0.5) if latencies else None,
                reply_p99=percentile(latencies, 0.99) if latencies else None,
                replies_lost=lost_replies,
                tracebacks=tracebacks(log),
            )


def copies_sent(emulator: BotAPIEmulator) -> int:
    """Successful sends of the broadcast itself (replies to /help are not counted)."""
    return sum(
        1
        for c in emulator.calls
        if c.method == "sendMessage"
        and c.status == 200
        and "Tentative" in str(c.params.get("text"))
    )


async def contact_burst(count: int, limits: Limits) -> dict[str, float]:
    """`count` members share their own contact within one second; who is told, how fast."""
    with tempfile.TemporaryDirectory() as folder:
        async with BotAPIEmulator(limits=limits) as emulator:
            settings = settings_for(emulator, Path(folder), 30, False)
            header = "member_id,first_name,last_name,phone,worksite\n"
            phones = [f"{(213, 310, 323)[n // 100]}-555-01{n % 100:02d}" for n in range(count)]
            rows = "".join(
                f"C{n:04d},New{n},Member,{p},Site {n % 9}\n" for n, p in enumerate(phones)
            )
            async with open_services(settings) as services:
                await import_roster(services.roster, parse_roster(header + rows, SECRET))
            log = Path(folder) / "bot.log"
            process = await spawn_bot(settings, log)
            try:
                await until(lambda: emulator.stats.methods["setMyCommands"] > 0, 60, "start-up")
                await asyncio.sleep(1.0)
                users = [emulator.add_user(f"New{n}") for n in range(count)]
                for user in users:
                    user.started = True
                told: dict[int, float] = {}
                started = time.monotonic()
                for user, phone in zip(users, phones, strict=True):
                    await user.share_contact(phone)
                    await asyncio.sleep(1.0 / count)  # all of them within one second
                while len(told) < count and time.monotonic() - started < 60:
                    for user in users:
                        told_now = any(
                            TOLD in m.text
                            for m in user.inbox
                            for TOLD in ("You're verified", "passed this on to a steward")
                        )
                        if user.id not in told and told_now:
                            told[user.id] = time.monotonic() - started
                    await asyncio.sleep(0.01)
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            times = sorted(told.values())
            return {
                "told": len(told),
                "within_15s": sum(1 for t in times if t <= 15),
                "last": times[-1] if times else float("nan"),
                "p50": percentile(times, 0.5),
                "rate_limited": emulator.stats.rate_limited,
                "tracebacks": tracebacks(log),
            }


async def naive(count: int, limits: Limits) -> Result:
    """`for chat in chats: await bot.send_message(...)`, giving up on errors."""
    async with BotAPIEmulator(limits=limits) as emulator:
        users = [emulator.add_user(f"Member{n}") for n in range(count)]
        for user in users:
            user.started = True
        async with Bot(emulator.token, base_url=emulator.base_url) as bot:
            for user in users:
                try:
                    await bot.send_message(user.id, TEXT)
                except TelegramError:
                    continue
        return summarise("naive loop", emulator, users)


async def aio_rate_limiter(count: int, limits: Limits) -> Result:
    """PTB's AIORateLimiter (30/s overall, retries on 429) with every send started at once."""
    async with BotAPIEmulator(limits=limits) as emulator:
        users = [emulator.add_user(f"Member{n}") for n in range(count)]
        for user in users:
            user.started = True
        limiter = AIORateLimiter(overall_max_rate=30, overall_time_period=1, max_retries=3)
        async with ExtBot(emulator.token, base_url=emulator.base_url, rate_limiter=limiter) as bot:

            async def one(user: SimUser) -> None:
                try:
                    await bot.send_message(user.id, TEXT)
                except (RetryAfter, TelegramError):
                    return

            await asyncio.gather(*(one(u) for u in users))
        return summarise("PTB AIORateLimiter", emulator, users)


async def crash(count: int, rate: float, limits: Limits, seed: int) -> tuple[list[int], float]:
    """SIGKILL the bot at a random point of a broadcast, restart it, count copies per member."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        async with BotAPIEmulator(limits=limits) as emulator:
            settings = settings_for(emulator, Path(folder), rate, paid=False)
            users = await audience(emulator, settings, count)
            await enqueue(settings)
            kill_at = rng.randint(count // 10, count * 9 // 10)
            process = await spawn_bot(settings)
            await wait_for_sends(emulator, kill_at, count / rate * 3 + 60)
            process.send_signal(signal.SIGKILL)
            await process.wait()
            process = await spawn_bot(settings)
            try:
                await until(lambda: min(copies(users)) > 0, count / rate * 3 + 120, "resume")
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            got = copies(users)
            tally = [
                sum(1 for n in got if n == 0),
                sum(1 for n in got if n == 1),
                sum(1 for n in got if n >= 2),
            ]
            return tally, kill_at / count


def row(result: Result) -> str:
    cpu = f"{result.cpu_ms_per_message:.2f}" if result.cpu_ms_per_message is not None else "—"
    return (
        f"| {result.name} | {result.recipients:,} | {result.rate:.1f}/s | {result.seconds:.1f} s "
        f"| {result.rate_limited} | {result.lost} | {result.duplicates} | {cpu} |"
    )


def median_result(results: list[Result]) -> Result:
    """The run with the median achieved rate (its other figures come with it)."""
    ordered = sorted(results, key=lambda r: r.rate)
    chosen = ordered[len(ordered) // 2]
    chosen.name += (
        f" (median of {len(results)}: rates {', '.join(f'{r.rate:.1f}' for r in ordered)})"
    )
    return chosen


def median_of(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


async def members_part(
    quick: bool, runs: int, models: tuple[str, ...] = ("bucket", "window"), alternative: bool = True
) -> None:
    """What members feel, under both limit models, beside AIORateLimiter."""
    size = 300 if quick else 2_400
    print(
        "| limit model | sender | recipients | achieved rate | duration | 429s | lost "
        "| reply p50 | reply p99 | replies lost | tracebacks |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for model in models:
        limits = Limits(global_per_second=30, private_per_second=1, private_burst=3, model=model)
        results = [await ours(size, 30, False, limits, probe=0.5) for _ in range(runs)]
        chosen = median_result(results)
        p50 = median_of([r.reply_p50 or 0 for r in results])
        p99 = median_of([r.reply_p99 or 0 for r in results])
        c = chosen
        print(
            f"| {model} | {c.name} | {size:,} | {c.rate:.1f}/s | {c.seconds:.1f} s "
            f"| {c.rate_limited} | {c.lost} | {p50 * 1000:.0f} ms | {p99 * 1000:.0f} ms "
            f"| {sum(r.replies_lost for r in results)} "
            f"| {sum(r.tracebacks for r in results)} |  (p99s: "
            f"{', '.join(f'{(r.reply_p99 or 0) * 1000:.0f}' for r in results)} ms; 429s: "
            f"{', '.join(str(r.rate_limited) for r in results)})",
            flush=True,
        )
        if not alternative:
            continue
        aio = median_result([await aio_rate_limiter(size, limits) for _ in range(runs)])
        print(
            f"| {model} | {aio.name} | {size:,} | {aio.rate:.1f}/s | {aio.seconds:.1f} s "
            f"| {aio.rate_limited} | {aio.lost} | — | — | — | — |",
            flush=True,
        )
    print(
        "\n| limit model | 150 contact shares in 1 s | told (of 150) | within 15 s | p50 | last "
        "| 429s | tracebacks |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for model in models:
        limits = Limits(global_per_second=30, private_per_second=1, private_burst=3, model=model)
        bursts = [await contact_burst(150, limits) for _ in range(runs)]
        lasts = ", ".join(f"{b['last']:.1f}" for b in bursts)
        print(
            f"| {model} | median of {runs} | {median_of([b['told'] for b in bursts]):.0f} "
            f"| {median_of([b['within_15s'] for b in bursts]):.0f} "
            f"| {median_of([b['p50'] for b in bursts]):.1f} s "
            f"| {median_of([b['last'] for b in bursts]):.1f} s "
            f"| {median_of([b['rate_limited'] for b in bursts]):.0f} "
            f"| {sum(b['tracebacks'] for b in bursts):.0f} |  (last: "
            f"{lasts} s)",
            flush=True,
        )


async def main(
    quick: bool,
    runs: int,
    part: str = "all",
    models: str = "bucket,window",
    alternative: bool = True,
) -> None:
    if part in ("members", "all"):
        await members_part(quick, runs, tuple(models.split(",")), alternative)
    if part in ("scale", "all"):
        await scale_part(quick, runs)


async def scale_part(quick: bool, runs: int) -> None:
    free = Limits(global_per_second=30, private_per_second=1, private_burst=3)
    small = 300 if quick else 2_400
    large = 1_000 if quick else 20_000
    crash_size = 500 if quick else 5_000
    print(
        "| sender | recipients | achieved rate | duration | 429s received | lost | duplicates "
        "| bot CPU ms/msg |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(row(median_result([await ours(small, 30, False, free) for _ in range(runs)])), flush=True)
    print(row(median_result([await naive(small, free) for _ in range(runs)])), flush=True)
    print(
        row(median_result([await aio_rate_limiter(small, free) for _ in range(runs)])), flush=True
    )
    print(row(await ours(large, 30, False, free)), flush=True)
    paid = Limits(global_per_second=30, paid_per_second=1000, private_per_second=1, private_burst=3)
    for concurrency in (8, 4, 24):  # the default; loopback-tuned; too many for loopback
        results = [await ours(large, 1000, True, paid, concurrency) for _ in range(runs)]
        print(row(median_result(results)), flush=True)
    tally, at = await crash(crash_size, 30, free, seed=2026)
    print(
        f"\ncrash test: {crash_size:,} recipients, SIGKILL at {at:.0%} of the broadcast, restart:"
    )
    print(f"  members with 0 copies: {tally[0]}, 1 copy: {tally[1]:,}, 2+ copies: {tally[2]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--part", choices=("members", "scale", "all"), default="all")
    parser.add_argument("--models", default="bucket,window", help="limit models to run")
    parser.add_argument("--no-alternative", action="store_true", help="skip AIORateLimiter")
    options = parser.parse_args()
    asyncio.run(
        main(options.quick, options.runs, options.part, options.models, not options.no_alternative)
    )

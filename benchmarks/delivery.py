"""Bulk delivery against the emulator's Telegram limits: ours beside the usual alternatives.

    python -m benchmarks.delivery [--quick] [--runs 3]

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

from bot.delivery import Outgoing
from bot.roster import import_roster, parse_roster
from bot.sandbox import BotAPIEmulator, Limits, SimUser
from bot.services import open_services
from bot.settings import Settings

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
            kind="update", subject="bench", recipients=everyone,
            messages={"en": Outgoing(TEXT)}, created_by="bench",
        )  # fmt: skip


async def spawn_bot(settings: Settings) -> asyncio.subprocess.Process:
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
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


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


async def ours(count: int, rate: float, paid: bool, limits: Limits, concurrency: int = 8) -> Result:
    """Our engine, in the bot's own process, draining an outbox of `count` copies."""
    with tempfile.TemporaryDirectory() as folder:
        async with BotAPIEmulator(limits=limits) as emulator:
            settings = settings_for(emulator, Path(folder), rate, paid, concurrency)
            users = await audience(emulator, settings, count)
            await enqueue(settings)
            process = await spawn_bot(settings)
            try:
                await wait_for_sends(emulator, 1, 60)
                cpu_start = cpu_seconds(process.pid)
                await wait_for_sends(emulator, count, count / rate * 3 + 60)
                cpu = cpu_seconds(process.pid) - cpu_start
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            name = f"ours ({'paid ' if paid else ''}{rate:.0f}/s, {concurrency} in flight)"
            return summarise(name, emulator, users, cpu_ms_per_message=cpu / count * 1000)


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
            tally = [sum(1 for n in got if n == 0), sum(1 for n in got if n == 1),
                     sum(1 for n in got if n >= 2)]  # fmt: skip
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


async def main(quick: bool, runs: int) -> None:
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
    options = parser.parse_args()
    asyncio.run(main(options.quick, options.runs))

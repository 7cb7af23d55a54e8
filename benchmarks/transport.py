"""The Bot API transport: PTB's default (httpx) beside ours (aiohttp), same calls, same run.

    python3 -m benchmarks.transport [--calls 3000] [--concurrency 16] [--runs 5]

Each run sends CALLS sendMessage calls through a real `telegram.Bot`, CONCURRENCY at a
time, to the emulator (limits off) in this process, once per transport, in alternating
order. Reported: calls per second and CPU milliseconds per call (this process, so the
emulator's share is included and equal for both), medians over RUNS.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

from bot.runtime.transport import AiohttpRequest
from sandbox.emulator import BotAPIEmulator
from sandbox.limits import Limits

TRANSPORTS: dict[str, Callable[[int], BaseRequest]] = {
    "httpx (PTB's default)": lambda size: HTTPXRequest(connection_pool_size=size),
    "aiohttp (bot/runtime/transport.py)": lambda size: AiohttpRequest(size),
}


async def one_run(
    emulator: BotAPIEmulator, chat_id: int, name: str, calls: int, size: int
) -> tuple[float, float]:
    bot = Bot(
        emulator.token,
        base_url=emulator.base_url,
        request=TRANSPORTS[name](size),
        get_updates_request=TRANSPORTS[name](1),
    )
    async with bot:
        gate = asyncio.Semaphore(size)

        async def send(i: int) -> None:
            async with gate:
                await bot.send_message(chat_id, f"Bargaining update <b>{i}</b>", parse_mode="HTML")

        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(send(i) for i in range(calls)))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return calls / wall, cpu / calls * 1000


async def main_async(args: argparse.Namespace) -> None:
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in TRANSPORTS}
    async with BotAPIEmulator(limits=Limits(enabled=False)) as emulator:
        ana = emulator.add_user("Ana")
        ana.started = True
        for run in range(args.runs):
            names = list(TRANSPORTS) if run % 2 == 0 else list(reversed(TRANSPORTS))
            for name in names:
                figures[name].append(
                    await one_run(emulator, ana.id, name, args.calls, args.concurrency)
                )
            ana.inbox.clear()
    print(f"{args.calls} sendMessage calls, {args.concurrency} at a time, {args.runs} runs\n")
    print("| transport | calls/s (median) | CPU ms per call (median) |")
    print("|---|---:|---:|")
    for name, rows in figures.items():
        rate = statistics.median(r for r, _ in rows)
        cpu = statistics.median(c for _, c in rows)
        print(f"| {name} | {rate:,.0f} | {cpu:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=5)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()

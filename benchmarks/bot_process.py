"""The real bot in a process of its own, talking over HTTP to the emulator in this one.

Deployed, Telegram and the members' phones run on other machines; in one process the
emulator and thousands of simulated phones take most of the bot's CPU, so at strike scale
a latency figure measures the simulation. Here the bot gets its own process (its own core)
and the emulator with the phones keeps this one, as in production.

The child takes commands over a pipe: set up members, open a vote, count what is stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any

from bot.runtime.app import build_application
from bot.runtime.context import services_of
from bot.services import Services
from bot.settings import Settings
from sandbox.harness import Sandbox, start, stop

Command = Callable[[Services, Any], Awaitable[Any]]


def _serve(values: dict[str, Any], commands: dict[str, Command], pipe: Connection) -> None:
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_run(values, commands, pipe))


async def _run(values: dict[str, Any], commands: dict[str, Command], pipe: Connection) -> None:
    application = build_application(Settings(_env_file=None, **values))  # type: ignore[call-arg]
    await start(application, per_chat_limits=False)
    services = services_of(application)
    try:
        pipe.send("ready")
        while (message := await asyncio.to_thread(pipe.recv)) is not None:
            name, argument = message
            pipe.send(await commands[name](services, argument))
    finally:
        await stop(application)


class BotProcess:
    """Calls into the bot running in the child process."""

    def __init__(self, pipe: Connection) -> None:
        self._pipe = pipe

    async def call(self, name: str, argument: Any = None) -> Any:
        self._pipe.send((name, argument))
        return await asyncio.to_thread(self._pipe.recv)


@contextlib.asynccontextmanager
async def bot_process(sandbox: Sandbox, commands: dict[str, Command]) -> AsyncIterator[BotProcess]:
    """Run the bot of `sandbox` (whose emulator is started here) in a spawned process.

    COMMANDS are module-level coroutine functions (they are pickled by name).
    """
    parent, child = get_context("spawn").Pipe()
    process = get_context("spawn").Process(
        target=_serve, args=(sandbox.settings_values(), commands, child), daemon=True
    )
    process.start()
    try:
        if await asyncio.to_thread(parent.recv) != "ready":
            raise RuntimeError("the bot process did not start")
        yield BotProcess(parent)
    finally:
        parent.send(None)
        await asyncio.to_thread(process.join, 60)
        if process.is_alive():
            process.kill()

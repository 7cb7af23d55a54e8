"""Fixtures: a running emulator and a real PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from sandbox import BotAPIEmulator, Limits


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator(limits=Limits(enabled=False)) as emulator:
        yield emulator


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    request = HTTPXRequest(read_timeout=2.0)
    telegram_bot = Bot(
        emu.token,
        base_url=emu.base_url,
        base_file_url=emu.base_file_url,
        request=request,
        get_updates_request=HTTPXRequest(read_timeout=5.0),
    )
    await telegram_bot.initialize()
    yield telegram_bot
    await telegram_bot.shutdown()

"""Updates: different chats at once, one chat's in order (bot/runtime/processing.py)."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.runtime.processing import OnePersonAtATime


def message_update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, "Ana", is_bot=False)
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, None, chat, from_user=user))  # type: ignore[arg-type]


async def run_all(processor: OnePersonAtATime, updates: list[tuple[Update, float]]) -> list[str]:
    """Process each (update, seconds of work) as PTB's fetcher does; the order of events."""
    events: list[str] = []

    async def handle(update: Update, work: float) -> None:
        events.append(f"start {update.update_id}")
        await asyncio.sleep(work)
        events.append(f"end {update.update_id}")

    async with processor:
        tasks = [
            asyncio.create_task(processor.process_update(u, handle(u, work))) for u, work in updates
        ]
        await asyncio.gather(*tasks)
    return events


async def test_one_chats_updates_run_one_after_another_in_order() -> None:
    processor = OnePersonAtATime()
    events = await run_all(
        processor,
        [(message_update(1, 7), 0.03), (message_update(2, 7), 0.0), (message_update(3, 7), 0.01)],
    )
    assert events == ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]
    assert processor._queues == {}  # nothing kept once the chat is idle


async def test_other_chats_do_not_wait_for_a_slow_one() -> None:
    events = await run_all(
        OnePersonAtATime(), [(message_update(1, 7), 0.05), (message_update(2, 8), 0.0)]
    )
    assert events == ["start 1", "start 2", "end 2", "end 1"]


async def test_a_failing_update_does_not_block_the_chat() -> None:
    processor = OnePersonAtATime()

    async def fail() -> None:
        raise ValueError("handler bug")

    async def ok() -> str:
        return "ok"

    async with processor:
        first = asyncio.create_task(processor.process_update(message_update(1, 7), fail()))
        second = asyncio.create_task(processor.process_update(message_update(2, 7), ok()))
        results = await asyncio.gather(first, second, return_exceptions=True)
    assert isinstance(results[0], ValueError) and results[1] is None
    assert processor._queues == {}


def test_updates_are_keyed_by_chat_else_sender() -> None:
    assert OnePersonAtATime.key(message_update(1, 42)) == 42
    assert OnePersonAtATime.key(Update(5)) == 0
    assert OnePersonAtATime.key("not an update") == 0

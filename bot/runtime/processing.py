"""Updates from different people are handled at once; one person's, one at a time, in order.

PTB handles updates one after another unless told otherwise, so during a vote every press
waited for everyone else's (a database write and two Bot API calls each): at 2,400 members
voting within a minute the queue, not the work, set the latency. Handling everything at once
instead would let two of one person's updates race through the same flow (a wizard step, a
double-tapped button), so updates are serialized per chat: in a private chat that is the
person; in a group (the stewards') the group's messages keep their order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in flight at once. A person's queued updates count too, so this is set well above
# what one person can send before Telegram's own flood limits stop them.
MAX_CONCURRENT = 256


class _Queue:
    """One person's turn: the lock, and how many of their updates hold or await it."""

    __slots__ = ("lock", "waiting")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.waiting = 0


class OnePersonAtATime(BaseUpdateProcessor):
    """Concurrent across chats, sequential (first come, first served) within one chat."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, _Queue] = {}

    @staticmethod
    def key(update: object) -> int:
        """The chat of the update, else its sender (an inline query: the same id as their
        private chat); updates with neither share one queue."""
        if not isinstance(update, Update):
            return 0
        chat, user = update.effective_chat, update.effective_user
        return chat.id if chat else user.id if user else 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self.key(update)
        queue = self._queues.setdefault(key, _Queue())
        queue.waiting += 1
        try:
            async with queue.lock:
                await coroutine
        finally:
            queue.waiting -= 1
            if not queue.waiting:
                del self._queues[key]  # nobody else of this person's is queued

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB awaits the updates in flight before shutting down."""

"""Pacing for Telegram's limits: a global token bucket, per-chat spacing, flood waits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

# Telegram's documented limits: ~30 messages/s overall, 1/s per private chat, 20/min per
# group; paid broadcasts (allow_paid_broadcast) up to 1000/s.
PRIVATE_INTERVAL = 1.0
GROUP_INTERVAL = 3.0


class Pacer:
    """Hands out send slots so that no limit is exceeded, and waits out 429s for everyone."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self._tokens = 1.0
        self._stamp = clock()
        self._chat_free_at: dict[int, float] = {}
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """A 429 said to wait: nobody sends until then."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self.clock())

    def _refill(self, now: float) -> None:
        # A burst of at most one second's worth keeps us under the per-second limit.
        self._tokens = min(self.rate, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's own spacing, then for a global slot."""
        now = self.clock()
        # Reserve the chat's next slot first, so waiting on one chat holds up nobody else.
        slot = max(now, self._chat_free_at.get(chat_id, 0.0))
        self._chat_free_at[chat_id] = slot + (PRIVATE_INTERVAL if chat_id > 0 else GROUP_INTERVAL)
        if slot > now:
            await asyncio.sleep(slot - now)
        async with self._lock:  # global slots are handed out in order: fair and exact
            while True:
                now = self.clock()
                self._refill(now)
                wait = max(
                    self.paused_for, (1 - self._tokens) / self.rate if self._tokens < 1 else 0
                )
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            self._tokens -= 1
        if len(self._chat_free_at) > 50_000:
            self._forget_idle_chats(now)

    def _forget_idle_chats(self, now: float) -> None:
        self._chat_free_at = {c: t for c, t in self._chat_free_at.items() if t > now}

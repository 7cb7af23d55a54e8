"""Flood control modelled on Telegram's documented bot limits, in two models.

* ``bucket`` (the default): token buckets refilled continuously, starting full, so a burst
  of a second's worth is allowed at once.
* ``window``: a strict sliding window, as an independent emulator may enforce it: at most
  30 sends in any one second overall (1000 paid), at most `private_burst` in any
  `private_burst / private_per_second` seconds per private chat (3 in 3 s), 20 in any
  minute per group. Nothing is allowed in advance: this is the stricter of the two.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass(frozen=True)
class Limits:
    """Flood-control settings; rates are sustained, bursts are bucket capacities."""

    enabled: bool = True
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: float = 20.0
    group_burst: int = 20
    paid_per_second: float = 1000.0
    model: str = "bucket"  # or "window": see the module's docstring


@dataclass
class TokenBucket:
    """A bucket refilled continuously at `rate` tokens per second up to `capacity`."""

    rate: float
    capacity: float
    clock: Clock
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.capacity
        self.stamp = self.clock()

    def wait_time(self) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        """Consume one token; call only after wait_time() returned 0."""
        self.tokens -= 1


@dataclass
class SlidingWindow:
    """At most `count` events in any `seconds`-long window."""

    count: int
    seconds: float
    clock: Clock
    stamps: deque[float] = field(default_factory=deque)

    def wait_time(self) -> float:
        now = self.clock()
        while self.stamps and self.stamps[0] <= now - self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.count:
            return 0.0
        return self.stamps[0] + self.seconds - now

    def take(self) -> None:
        self.stamps.append(self.clock())


Budget = TokenBucket | SlidingWindow


class RateLimiter:
    """Decides whether a send to a chat is allowed now, or how long to wait."""

    def __init__(self, limits: Limits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        if limits.model not in ("bucket", "window"):
            raise ValueError(f"unknown limit model {limits.model!r}")
        self.global_bucket = self._budget(limits.global_per_second, limits.global_per_second)
        self.paid_bucket = self._budget(limits.paid_per_second, limits.paid_per_second)
        self.chat_buckets: dict[int, Budget] = {}

    def _budget(self, rate: float, burst: float) -> Budget:
        """`rate` per second with bursts of `burst`, in the configured model."""
        if self.limits.model == "window":
            return SlidingWindow(max(1, int(burst)), burst / rate, self.clock)
        return TokenBucket(rate, burst, self.clock)

    def _chat_bucket(self, chat_id: int, is_private: bool) -> Budget:
        bucket = self.chat_buckets.get(chat_id)
        if bucket is None:
            limits = self.limits
            if is_private:
                bucket = self._budget(limits.private_per_second, limits.private_burst)
            else:
                bucket = self._budget(limits.group_per_minute / 60, limits.group_burst)
            self.chat_buckets[chat_id] = bucket
        return bucket

    def acquire(
        self, chat_id: int, *, is_private: bool, paid: bool = False, overall: bool = True
    ) -> int | None:
        """Take a token from every bucket the send draws on; else return retry_after seconds.

        Edits draw on the chat's budget only (`overall=False`): Telegram counts edits with
        sends per chat, while the ~30/s overall figure is about sending to many chats.
        """
        if not self.limits.enabled:
            return None
        buckets = [self._chat_bucket(chat_id, is_private)]
        if overall:
            buckets.append(self.paid_bucket if paid else self.global_bucket)
        wait = max(bucket.wait_time() for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take()
        return None

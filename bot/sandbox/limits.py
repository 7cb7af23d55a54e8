"""Token-bucket flood control modelled on Telegram's documented bot limits."""

from __future__ import annotations

import math
import time
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


class RateLimiter:
    """Decides whether a send to a chat is allowed now, or how long to wait."""

    def __init__(self, limits: Limits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.global_bucket = TokenBucket(limits.global_per_second, limits.global_per_second, clock)
        self.paid_bucket = TokenBucket(limits.paid_per_second, limits.paid_per_second, clock)
        self.chat_buckets: dict[int, TokenBucket] = {}

    def _chat_bucket(self, chat_id: int, is_private: bool) -> TokenBucket:
        bucket = self.chat_buckets.get(chat_id)
        if bucket is None:
            limits = self.limits
            if is_private:
                bucket = TokenBucket(limits.private_per_second, limits.private_burst, self.clock)
            else:
                bucket = TokenBucket(limits.group_per_minute / 60, limits.group_burst, self.clock)
            self.chat_buckets[chat_id] = bucket
        return bucket

    def acquire(self, chat_id: int, *, is_private: bool, paid: bool = False) -> int | None:
        """Take a token from every bucket the send draws on; else return retry_after seconds."""
        if not self.limits.enabled:
            return None
        buckets = [
            self.paid_bucket if paid else self.global_bucket,
            self._chat_bucket(chat_id, is_private),
        ]
        wait = max(bucket.wait_time() for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take()
        return None

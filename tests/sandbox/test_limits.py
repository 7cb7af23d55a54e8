"""Flood control with a fake clock."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.limits import Limits, RateLimiter


@dataclass
class FakeClock:
    now: float = 100.0

    def __call__(self) -> float:
        return self.now


def test_private_chat_bursts_then_waits() -> None:
    clock = FakeClock()
    limiter = RateLimiter(Limits(), clock)
    assert [limiter.acquire(1, is_private=True) for _ in range(3)] == [None, None, None]
    assert limiter.acquire(1, is_private=True) == 1
    assert limiter.acquire(2, is_private=True) is None  # other chats are unaffected
    clock.now += 1.0
    assert limiter.acquire(1, is_private=True) is None


def test_retry_after_is_rounded_up_and_at_least_one() -> None:
    clock = FakeClock()
    limiter = RateLimiter(Limits(private_per_second=0.25, private_burst=1), clock)
    assert limiter.acquire(1, is_private=True) is None
    assert limiter.acquire(1, is_private=True) == 4
    clock.now += 3.5
    assert limiter.acquire(1, is_private=True) == 1


def test_global_limit_across_chats() -> None:
    limiter = RateLimiter(Limits(global_per_second=30), FakeClock())
    results = [limiter.acquire(chat_id, is_private=True) for chat_id in range(31)]
    assert results[:30] == [None] * 30
    assert results[30] == 1


def test_rejected_send_consumes_nothing() -> None:
    clock = FakeClock()
    limiter = RateLimiter(Limits(global_per_second=2, private_burst=1), clock)
    assert limiter.acquire(1, is_private=True) is None
    assert limiter.acquire(1, is_private=True) == 1  # chat bucket empty, global untouched
    assert limiter.acquire(2, is_private=True) is None


def test_group_per_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(Limits(), clock)
    assert all(limiter.acquire(-100, is_private=False) is None for _ in range(20))
    assert limiter.acquire(-100, is_private=False) == 3  # one token per 3 s
    clock.now += 3
    assert limiter.acquire(-100, is_private=False) is None


def test_paid_broadcast_uses_its_own_bucket() -> None:
    limiter = RateLimiter(Limits(global_per_second=1), FakeClock())
    assert limiter.acquire(1, is_private=True) is None
    assert limiter.acquire(2, is_private=True) == 1
    assert limiter.acquire(2, is_private=True, paid=True) is None


def test_disabled_never_limits() -> None:
    limiter = RateLimiter(Limits(enabled=False), FakeClock())
    assert all(limiter.acquire(1, is_private=True) is None for _ in range(100))

"""Injected failures and delays, to exercise the bot's retry and timeout handling."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.errors import ApiError, server_error, too_many_requests


@dataclass
class Fault:
    """The next `remaining` matching calls fail with `status` or are delayed by `delay`."""

    method: str
    status: int
    remaining: int
    retry_after: int | None
    delay: float | None
    description: str | None

    def matches(self, method: str, *, sends: bool) -> bool:
        """Whether this fault applies to a call ('*' means any sending/editing method)."""
        return self.method.lower() == method.lower() or (self.method == "*" and sends)

    def error(self) -> ApiError:
        """The error response this fault produces."""
        if self.status == 429:
            error = too_many_requests(self.retry_after or 1)
            if self.description:
                error.description = self.description
            return error
        return server_error(self.status, self.description)


class FaultInjector:
    """Queue of faults consumed by incoming calls, oldest first."""

    def __init__(self) -> None:
        self.pending: list[Fault] = []

    def inject(
        self,
        method: str,
        *,
        status: int = 500,
        count: int = 1,
        retry_after: int | None = None,
        delay: float | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next `count` calls to `method` fail (or, with delay, answer late)."""
        self.pending.append(Fault(method, status, count, retry_after, delay, description))

    def clear(self) -> None:
        """Drop all pending faults."""
        self.pending.clear()

    def take(self, method: str, *, sends: bool) -> Fault | None:
        """Consume one use of the first fault matching this call, if any."""
        fault = next((f for f in self.pending if f.matches(method, sends=sends)), None)
        if fault is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.pending.remove(fault)
        return fault

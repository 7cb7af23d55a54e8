"""Injected failures and delays, to exercise the bot's retry and timeout handling."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.errors import ApiError, server_error, too_many_requests


@dataclass
class Fault:
    """After `skip` matching calls go through, the next `remaining` fail with `status` or
    are delayed by `delay`."""

    method: str
    status: int
    remaining: int
    retry_after: int | None
    delay: float | None
    description: str | None
    skip: int = 0

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
        nth: int = 1,
    ) -> None:
        """Make `count` calls to `method` fail (or, with delay, answer late), starting with
        the `nth` from now: `nth=3` lets two through first."""
        if nth < 1:
            raise ValueError("nth counts from 1")
        self.pending.append(
            Fault(method, status, count, retry_after, delay, description, skip=nth - 1)
        )

    def clear(self) -> None:
        """Drop all pending faults."""
        self.pending.clear()

    def take(self, method: str, *, sends: bool) -> Fault | None:
        """Consume one use of the first fault matching this call, if any."""
        fault = next((f for f in self.pending if f.matches(method, sends=sends)), None)
        if fault is not None and fault.skip:
            fault.skip -= 1  # this call goes through; the fault comes later
            return None
        if fault is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.pending.remove(fault)
        return fault

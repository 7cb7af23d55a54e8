"""Durable scheduled work: rows in the database, timers in PTB's JobQueue.

The JobQueue is reached only through `Timers`, the three calls used here, so this
service does not depend on `telegram` (bot/runtime/app.py hands it the real JobQueue).

The database is the source of truth. At start-up every unfinished job is re-armed;
one whose time passed while the bot was down runs at once. A job that fails is
retried with backoff a few times, then marked failed with the reason.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from storage.jobs import JobsRepository, ScheduledJob

log = logging.getLogger(__name__)

# A handler may return when it should run next: that makes the job recurring.
JobHandler = Callable[[ScheduledJob], Awaitable[datetime | None]]
MAX_ATTEMPTS = 3
RETRY_BASE_SECONDS = 60


class Timers(Protocol):
    """What the scheduler needs of PTB's JobQueue."""

    def run_once(self, callback: Any, when: float, data: object = ..., name: str = ...) -> Any: ...

    def run_repeating(
        self, callback: Any, interval: float, first: float = ..., name: str = ...
    ) -> Any: ...

    def get_jobs_by_name(self, name: str) -> tuple[Any, ...]: ...


class UnknownJobKind(LookupError):
    """A job was scheduled for a kind nobody registered a handler for."""


class Scheduler:
    """Persists jobs and arms one JobQueue timer per pending job."""

    def __init__(self, jobs: JobsRepository, clock: Callable[[], float] = time.time) -> None:
        self.jobs = jobs
        self.clock = clock
        self.job_queue: Timers | None = None
        self._handlers: dict[str, JobHandler] = {}
        self._known: set[int] = set()  # jobs this process has armed at least once

    def register(self, kind: str, handler: JobHandler) -> None:
        """Say what runs when a job of `kind` comes due."""
        self._handlers[kind] = handler

    async def schedule(
        self, kind: str, key: str, due: datetime, payload: dict[str, Any] | None = None
    ) -> ScheduledJob:
        """Store (or move) the pending job (kind, key) and arm its timer."""
        self._check_kind(kind)
        job = await self.jobs.upsert(kind, key, int(due.timestamp()), payload or {})
        self._arm(job)
        return job

    async def ensure(
        self, kind: str, key: str, due: datetime, payload: dict[str, Any] | None = None
    ) -> ScheduledJob:
        """Schedule (kind, key) unless a pending one exists, which keeps its own time."""
        self._check_kind(kind)
        existing = next(
            (j for j in await self.jobs.pending() if j.kind == kind and j.key == key), None
        )
        if existing is not None:
            return existing
        return await self.schedule(kind, key, due, payload)

    async def cancel(self, kind: str, key: str) -> bool:
        """Cancel the pending job (kind, key); True when there was one."""
        self._disarm(kind, key)
        return await self.jobs.cancel(kind, key)

    async def rearm(self) -> int:
        """Arm a timer for every unfinished job in the database; return how many."""
        pending = await self.jobs.pending()
        for job in pending:
            self._arm(job)
        return len(pending)

    async def adopt(self) -> int:
        """Arm pending jobs another process (the CLI) wrote since start-up; how many."""
        fresh = [j for j in await self.jobs.pending() if j.state == "pending"]
        fresh = [j for j in fresh if j.id not in self._known]
        for job in fresh:
            self._arm(job)
        return len(fresh)

    def watch(self, every: float = 15.0) -> None:
        """While the bot runs, pick up jobs the CLI schedules (e.g. `unionbot vote create`)."""
        if self.job_queue is None:
            return

        async def tick(context: Any) -> None:
            await self.adopt()

        self.job_queue.run_repeating(tick, interval=every, first=every, name="scheduled:adopt")

    async def run_job(self, job_id: int) -> None:
        """Run one job now: claim it, call its handler, record the outcome."""
        job = await self.jobs.claim(job_id)
        if job is None:
            return  # cancelled or already done
        handler = self._handlers.get(job.kind)
        if handler is None:
            await self.jobs.finish(job.id, "failed", f"no handler for kind {job.kind!r}")
            log.error("scheduled job %s has unknown kind %s", job.id, job.kind)
            return
        try:
            next_due = await handler(job)
        except Exception as exc:
            await self._after_failure(job, exc)
            return
        if next_due is None:
            await self.jobs.finish(job.id, "done")
            return
        await self.jobs.reschedule(job.id, int(next_due.timestamp()))
        self._arm(replace(job, due_at=int(next_due.timestamp())))

    async def _after_failure(self, job: ScheduledJob, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"
        if job.attempts >= MAX_ATTEMPTS:
            log.error("scheduled job %s (%s) failed for good: %s", job.id, job.kind, reason)
            await self.jobs.finish(job.id, "failed", reason)
            return
        due = int(self.clock()) + RETRY_BASE_SECONDS * 2 ** (job.attempts - 1)
        log.warning("scheduled job %s (%s) failed, retrying: %s", job.id, job.kind, reason)
        await self.jobs.retry_at(job.id, due, reason)
        self._arm(replace(job, due_at=due))

    def _check_kind(self, kind: str) -> None:
        if kind not in self._handlers:
            raise UnknownJobKind(kind)

    @staticmethod
    def _timer_name(kind: str, key: str) -> str:
        return f"scheduled:{kind}:{key}"

    def _arm(self, job: ScheduledJob) -> None:
        if self.job_queue is None:
            return  # not running (CLI use): the bot arms it at its next start
        self._disarm(job.kind, job.key)
        self._known.add(job.id)
        delay = max(0.0, job.due_at - self.clock())
        self.job_queue.run_once(
            self._fire, when=delay, data=job.id, name=self._timer_name(job.kind, job.key)
        )

    def _disarm(self, kind: str, key: str) -> None:
        if self.job_queue is None:
            return
        for timer in self.job_queue.get_jobs_by_name(self._timer_name(kind, key)):
            timer.schedule_removal()

    async def _fire(self, context: Any) -> None:
        """A timer came due: PTB's callback context carries the job id as `job.data`."""
        await self.run_job(int(context.job.data))

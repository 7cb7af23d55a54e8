"""Scheduled work lives in the database, fires on time, and survives restarts."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from bot.backups import DAILY_JOB
from bot.services import Services
from sandbox.harness import Sandbox
from storage.jobs import ScheduledJob


class Recorder:
    """A job kind for tests: records what ran, optionally failing first."""

    def __init__(self, failures: int = 0) -> None:
        self.ran: list[dict[str, object]] = []
        self.failures = failures
        self.event = asyncio.Event()

    async def __call__(self, job: ScheduledJob) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("flaky")
        self.ran.append(job.payload)
        self.event.set()


async def eventually(
    fetch: Callable[[], Awaitable[ScheduledJob | None]], **expected: object
) -> ScheduledJob:
    """Poll a stored job until it has the expected fields (the scheduler runs concurrently)."""
    for _ in range(100):
        job = await fetch()
        if job is not None and all(getattr(job, k) == v for k, v in expected.items()):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job never reached {expected}: {job}")


def install_kind(services: Services, recorder: Recorder) -> None:
    services.scheduler.register("test.ping", recorder)


def install(sandbox: Sandbox, recorder: Recorder) -> None:
    install_kind(sandbox.services, recorder)


async def test_job_fires_on_time(sandbox: Sandbox) -> None:
    recorder = Recorder()
    install(sandbox, recorder)
    services = sandbox.services
    job = await services.scheduler.schedule(
        "test.ping", "a", services.now() + timedelta(seconds=0.3), {"n": 1}
    )
    assert recorder.ran == []
    await asyncio.wait_for(recorder.event.wait(), 5)
    assert recorder.ran == [{"n": 1}]
    stored = await eventually(lambda: services.scheduler.jobs.get(job.id), state="done")
    assert stored.attempts == 1


async def test_cancelled_job_never_runs(sandbox: Sandbox) -> None:
    recorder = Recorder()
    install(sandbox, recorder)
    services = sandbox.services
    await services.scheduler.schedule("test.ping", "b", services.now() + timedelta(seconds=0.2))
    assert await services.scheduler.cancel("test.ping", "b") is True
    await asyncio.sleep(0.5)
    assert recorder.ran == []


async def test_job_missed_while_down_runs_at_start_up(tmp_path: Path) -> None:
    recorder = Recorder()
    async with Sandbox(tmp_path, on_build=lambda s: install_kind(s, recorder)) as sandbox:
        services = sandbox.services
        job = await services.scheduler.schedule(
            "test.ping", "c", services.now() + timedelta(hours=1), {"n": 2}
        )
        await sandbox.stop_bot()
        set_due(tmp_path, job.id, seconds_ago=600)  # its time passes while the bot is down
        assert recorder.ran == []
        await sandbox.start_bot()
        await asyncio.wait_for(recorder.event.wait(), 5)
        assert recorder.ran == [{"n": 2}]


def set_due(folder: Path, job_id: int, seconds_ago: int) -> None:
    """Move a stored job's time into the past, as if the bot had been down."""
    with sqlite3.connect(folder / "unionbot.sqlite3") as conn:
        conn.execute(
            "UPDATE scheduled_jobs SET due_at = ? WHERE id = ?",
            (int(time.time()) - seconds_ago, job_id),
        )


async def test_failed_job_is_retried_then_recorded(sandbox: Sandbox) -> None:
    recorder = Recorder(failures=1)
    install(sandbox, recorder)
    services = sandbox.services
    job = await services.scheduler.schedule("test.ping", "d", services.now(), {"n": 3})
    stored = await eventually(lambda: services.scheduler.jobs.get(job.id), attempts=1)
    assert stored.state == "pending"
    assert stored.last_error == "RuntimeError: flaky"
    assert stored.due_at >= int(services.now().timestamp()) + 30  # backed off, not hammered
    assert recorder.ran == []


async def test_daily_backup_is_scheduled_and_a_missed_one_runs_at_start_up(
    tmp_path: Path,
) -> None:
    async with Sandbox(tmp_path) as sandbox:
        [daily] = [
            j for j in await sandbox.services.scheduler.jobs.pending() if j.kind == DAILY_JOB
        ]
        assert daily.due_at > sandbox.services.now().timestamp()
        await sandbox.stop_bot()
        set_due(tmp_path, daily.id, seconds_ago=3600)
        await sandbox.start_bot()
        backups = tmp_path / "backups"
        for _ in range(100):  # the backup is written, then the job moved to tomorrow
            again = await sandbox.services.scheduler.jobs.get(daily.id)
            if list(backups.glob("*.sqlite3")) and again is not None and again.state == "pending":
                break
            await asyncio.sleep(0.05)
        assert len(list(backups.glob("*.sqlite3"))) == 1
        assert again is not None and again.state == "pending"
        assert again.due_at > sandbox.services.now().timestamp()  # tomorrow's run, same row

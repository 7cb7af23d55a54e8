"""Read-only figures for `unionbot status` and `/status`: outbox, jobs, open votes, surveys."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class OutboxFigures:
    pending: int  # copies waiting to be sent (broadcasts still sending)
    overdue: int  # ... of which were due before the `stale` cut-off
    last_sent_at: int | None
    failed_recent: int  # failed copies of broadcasts created since `since`
    failure_reasons: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class JobFigures:
    overdue: list[tuple[str, str, int]]  # (kind, key, due_at)
    failed_recent: list[tuple[str, str, str | None]]  # (kind, key, last_error)
    pending: int


async def outbox(db: Database, *, stale: float, since: float) -> OutboxFigures:
    """The outbox's backlog and recent failures."""
    row = await db.fetchone(
        "SELECT COUNT(*), COALESCE(SUM(d.due_at <= ?), 0) "
        "FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast "
        "WHERE d.state IN ('pending', 'sending') AND b.state = 'sending'",
        (stale,),
    )
    assert row is not None
    last_sent = await db.fetchval("SELECT MAX(sent_at) FROM deliveries")
    reasons = await db.fetchall(
        "SELECT COALESCE(d.reason, 'unknown'), COUNT(*) FROM deliveries d "
        "JOIN broadcasts b ON b.id = d.broadcast "
        "WHERE d.state = 'failed' AND b.created_at >= ? GROUP BY 1 ORDER BY 2 DESC, 1",
        (int(since),),
    )
    return OutboxFigures(
        pending=row[0],
        overdue=row[1],
        last_sent_at=last_sent,
        failed_recent=sum(r[1] for r in reasons),
        failure_reasons=[(r[0], r[1]) for r in reasons],
    )


async def jobs(db: Database, *, stale: float, since: float) -> JobFigures:
    """Scheduled jobs that should have run by now, and jobs that failed recently."""
    overdue = await db.fetchall(
        "SELECT kind, key, due_at FROM scheduled_jobs "
        "WHERE state IN ('pending', 'running') AND due_at <= ? ORDER BY due_at",
        (int(stale),),
    )
    failed = await db.fetchall(
        "SELECT kind, key, last_error FROM scheduled_jobs "
        "WHERE state = 'failed' AND COALESCE(finished_at, created_at) >= ? ORDER BY id",
        (int(since),),
    )
    pending = await db.fetchval(
        "SELECT COUNT(*) FROM scheduled_jobs WHERE state IN ('pending', 'running')"
    )
    return JobFigures(
        overdue=[(r[0], r[1], r[2]) for r in overdue],
        failed_recent=[(r[0], r[1], r[2]) for r in failed],
        pending=pending,
    )


async def open_votes(db: Database) -> list[tuple[int, str, int]]:
    """(id, question, closes_at) of every open vote."""
    rows = await db.fetchall(
        "SELECT id, question, closes_at FROM votes WHERE state = 'open' ORDER BY closes_at"
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def open_surveys(db: Database) -> list[tuple[str, int]]:
    """(slug, closes_at) of every open survey."""
    rows = await db.fetchall(
        "SELECT slug, closes_at FROM surveys WHERE state = 'open' ORDER BY closes_at"
    )
    return [(r[0], r[1]) for r in rows]

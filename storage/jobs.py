"""Scheduled work: durable rows that the scheduler turns into timers."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    id: int
    kind: str
    key: str
    due_at: int
    payload: dict[str, Any]
    state: str
    attempts: int
    last_error: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ScheduledJob:
        return cls(
            id=row["id"],
            kind=row["kind"],
            key=row["key"],
            due_at=row["due_at"],
            payload=json.loads(row["payload"]),
            state=row["state"],
            attempts=row["attempts"],
            last_error=row["last_error"],
        )


_COLUMNS = "id, kind, key, due_at, payload, state, attempts, last_error"


class JobsRepository:
    """Reads and writes `scheduled_jobs`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(
        self, kind: str, key: str, due_at: int, payload: dict[str, Any]
    ) -> ScheduledJob:
        """Schedule (or move) the one pending job for (kind, key)."""
        rows = await self.db.write_returning(
            f"""INSERT INTO scheduled_jobs (kind, key, due_at, payload) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, key) WHERE state IN ('pending', 'running')
                DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload,
                              state = 'pending'
                RETURNING {_COLUMNS}""",
            (kind, key, due_at, json.dumps(payload, sort_keys=True)),
        )
        return ScheduledJob.from_row(rows[0])

    async def get(self, job_id: int) -> ScheduledJob | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM scheduled_jobs WHERE id = ?", (job_id,)
        )
        return ScheduledJob.from_row(row) if row else None

    async def pending(self) -> list[ScheduledJob]:
        """Every job not finished, including ones that were running when the bot stopped."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM scheduled_jobs "
            "WHERE state IN ('pending', 'running') ORDER BY due_at, id"
        )
        return [ScheduledJob.from_row(r) for r in rows]

    async def claim(self, job_id: int) -> ScheduledJob | None:
        """Mark a due job running; None when it was cancelled or already finished."""
        rows = await self.db.write_returning(
            f"""UPDATE scheduled_jobs SET state = 'running', attempts = attempts + 1
                WHERE id = ? AND state IN ('pending', 'running') RETURNING {_COLUMNS}""",
            (job_id,),
        )
        return ScheduledJob.from_row(rows[0]) if rows else None

    async def finish(self, job_id: int, state: str, error: str | None = None) -> None:
        await self.db.execute(
            "UPDATE scheduled_jobs SET state = ?, last_error = ?, "
            "finished_at = strftime('%s', 'now') WHERE id = ?",
            (state, error, job_id),
        )

    async def retry_at(self, job_id: int, due_at: int, error: str) -> None:
        await self.db.execute(
            "UPDATE scheduled_jobs SET state = 'pending', due_at = ?, last_error = ? WHERE id = ?",
            (due_at, error, job_id),
        )

    async def reschedule(self, job_id: int, due_at: int) -> None:
        """Make a recurring job pending again for its next run."""
        await self.db.execute(
            "UPDATE scheduled_jobs SET state = 'pending', due_at = ?, attempts = 0, "
            "last_error = NULL WHERE id = ?",
            (due_at, job_id),
        )

    async def cancel(self, kind: str, key: str) -> bool:
        changed = await self.db.execute(
            "UPDATE scheduled_jobs SET state = 'cancelled', finished_at = strftime('%s', 'now') "
            "WHERE kind = ? AND key = ? AND state = 'pending'",
            (kind, key),
        )
        return changed > 0

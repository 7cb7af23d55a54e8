"""The outbox: broadcasts and their per-recipient deliveries, every state change persisted."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    kind: str
    subject: str | None
    op: str
    target: int | None
    payload: dict[str, Any]
    urgent: bool
    state: str
    created_by: str
    progress_chat: int | None
    progress_message: int | None
    progress_language: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Broadcast:
        return cls(
            id=row["id"],
            kind=row["kind"],
            subject=row["subject"],
            op=row["op"],
            target=row["target"],
            payload=json.loads(row["payload"]),
            urgent=bool(row["urgent"]),
            state=row["state"],
            created_by=row["created_by"],
            progress_chat=row["progress_chat"],
            progress_message=row["progress_message"],
            progress_language=row["progress_language"],
        )


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    broadcast: int
    member: int | None
    chat_id: int
    language: str
    attempts: int
    message_id: int | None


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who gets a copy: resolved from members when the broadcast is created."""

    member: int
    chat_id: int
    language: str
    skip_reason: str | None = None  # 'muted', 'unreachable': recorded, not sent
    message_id: int | None = None  # for edit/delete: the copy to change


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a broadcast has come."""

    total: int
    sent: int
    failed: int
    skipped: int
    pending: int  # pending or in flight
    acked: int
    failures: dict[str, int]  # reason -> count
    skips: dict[str, int]

    @property
    def done(self) -> bool:
        return self.pending == 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.skipped


_BROADCAST = (
    "id, kind, subject, op, target, payload, urgent, state, created_by, "
    "progress_chat, progress_message, progress_language"
)


class DeliveryRepository:
    """Reads and writes `broadcasts` and `deliveries`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        *,
        kind: str,
        subject: str | None,
        payload: dict[str, Any],
        urgent: bool,
        created_by: str,
        recipients: Sequence[Recipient],
        op: str = "send",
        target: int | None = None,
        progress: tuple[int, int, str] | None = None,
    ) -> int:
        """Write the broadcast and one delivery per recipient in one transaction."""
        chat, message, language = progress or (None, None, None)
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                """INSERT INTO broadcasts (kind, subject, op, target, payload, urgent, created_by,
                       progress_chat, progress_message, progress_language)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    kind,
                    subject,
                    op,
                    target,
                    json.dumps(payload),
                    int(urgent),
                    created_by,
                    chat,
                    message,
                    language,
                ),
            )
            broadcast = cursor.lastrowid
            assert broadcast is not None
            await conn.executemany(
                """INSERT INTO deliveries (broadcast, member, chat_id, language, state, reason,
                       message_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        broadcast,
                        r.member,
                        r.chat_id,
                        r.language,
                        "skipped" if r.skip_reason else "pending",
                        r.skip_reason,
                        r.message_id,
                    )
                    for r in recipients
                ],
            )
        return broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = await self.db.fetchone(
            f"SELECT {_BROADCAST} FROM broadcasts WHERE id = ?", (broadcast_id,)
        )
        return Broadcast.from_row(row) if row else None

    async def active(self) -> list[Broadcast]:
        rows = await self.db.fetchall(
            f"SELECT {_BROADCAST} FROM broadcasts WHERE state = 'sending' ORDER BY id"
        )
        return [Broadcast.from_row(r) for r in rows]

    async def requeue_in_flight(self) -> int:
        """After a crash: copies that were being sent go out again (at most the in-flight few)."""
        return await self.db.execute(
            "UPDATE deliveries SET state = 'pending' WHERE state = 'sending'"
        )

    async def claim(self, now: float, limit: int) -> list[Delivery]:
        """Mark up to `limit` due deliveries as in flight, urgent broadcasts first."""
        rows = await self.db.write_returning(
            """UPDATE deliveries SET state = 'sending', attempts = attempts + 1
               WHERE id IN (
                   SELECT d.id FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast
                   WHERE d.state = 'pending' AND d.due_at <= ? AND b.state = 'sending'
                   ORDER BY b.urgent DESC, d.due_at, d.id LIMIT ?)
               RETURNING id, broadcast, member, chat_id, language, attempts, message_id""",
            (now, limit),
        )
        found = [Delivery(*row) for row in rows]
        return sorted(found, key=lambda d: d.id)

    async def next_due(self) -> float | None:
        """When the earliest waiting retry comes due."""
        return await self.db.fetchval(
            "SELECT MIN(d.due_at) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast "
            "WHERE d.state = 'pending' AND b.state = 'sending'"
        )

    async def record(
        self, outcomes: Sequence[tuple[int, str, str | None, int | None, float]]
    ) -> None:
        """Store outcomes: (delivery id, state, reason, message id, when)."""
        async with self.db.transaction() as conn:
            await conn.executemany(
                """UPDATE deliveries SET state = ?, reason = ?,
                       message_id = COALESCE(?, message_id),
                       sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                   WHERE id = ?""",
                [
                    (state, reason, message_id, state, int(when), delivery)
                    for delivery, state, reason, message_id, when in outcomes
                ],
            )

    async def retry_later(self, delivery_id: int, due_at: float, reason: str) -> None:
        await self.db.execute(
            "UPDATE deliveries SET state = 'pending', due_at = ?, reason = ? WHERE id = ?",
            (due_at, reason, delivery_id),
        )

    async def put_back(self, delivery_ids: Sequence[int], due_at: float) -> None:
        """Return unsent copies to the queue without counting the attempt (flood wait)."""
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE deliveries SET state = 'pending', attempts = attempts - 1, due_at = ? "
                "WHERE id = ? AND state = 'sending'",
                [(due_at, d) for d in delivery_ids],
            )

    async def progress(self, broadcast_id: int) -> Progress:
        rows = await self.db.fetchall(
            "SELECT state, reason, COUNT(*) AS n, COUNT(acked_at) AS acked FROM deliveries "
            "WHERE broadcast = ? GROUP BY state, reason",
            (broadcast_id,),
        )
        counts = {"sent": 0, "failed": 0, "skipped": 0, "pending": 0}
        failures: dict[str, int] = {}
        skips: dict[str, int] = {}
        acked = 0
        for row in rows:
            state = "pending" if row["state"] in ("pending", "sending") else row["state"]
            counts[state] += row["n"]
            acked += row["acked"]
            if row["state"] == "failed":
                failures[row["reason"] or "unknown"] = row["n"]
            elif row["state"] == "skipped":
                skips[row["reason"] or "unknown"] = row["n"]
        return Progress(
            sum(counts.values()),
            counts["sent"],
            counts["failed"],
            counts["skipped"],
            counts["pending"],
            acked,
            failures,
            skips,
        )

    async def finish(self, broadcast_id: int, state: str = "done") -> bool:
        """Close a broadcast; True when this call closed it."""
        changed = await self.db.execute(
            "UPDATE broadcasts SET state = ?, finished_at = strftime('%s', 'now') "
            "WHERE id = ? AND state = 'sending'",
            (state, broadcast_id),
        )
        return changed == 1

    async def forget_recipients(self, kind: str, subject: str) -> int:
        """Stop broadcasts of `kind` about `subject` and delete who they went to; rows deleted.

        For reminders at a close: their recipient list says who had not yet voted or
        answered, and a reminder still going out after the close has nothing to say.
        """
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE broadcasts SET state = 'cancelled', finished_at = strftime('%s', 'now') "
                "WHERE kind = ? AND subject = ? AND state = 'sending'",
                (kind, subject),
            )
            cursor = await conn.execute(
                "DELETE FROM deliveries WHERE broadcast IN "
                "(SELECT id FROM broadcasts WHERE kind = ? AND subject = ?)",
                (kind, subject),
            )
            return cursor.rowcount

    async def sent_copies(self, broadcast_id: int) -> list[tuple[int, int, int, str]]:
        """(member, chat id, message id, language) of every copy delivered."""
        rows = await self.db.fetchall(
            "SELECT member, chat_id, message_id, language FROM deliveries "
            "WHERE broadcast = ? AND state = 'sent' AND member IS NOT NULL",
            (broadcast_id,),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def acknowledge(self, broadcast_id: int, member: int, now: int) -> bool:
        """Record "Got it" once; True the first time.

        The copy may still read 'sending': outcomes are written in batches, and a member can
        tap the button of a copy they already have before its batch lands.
        """
        changed = await self.db.execute(
            "UPDATE deliveries SET acked_at = ? WHERE broadcast = ? AND member = ? "
            "AND acked_at IS NULL AND state IN ('sending', 'sent')",
            (now, broadcast_id, member),
        )
        return changed == 1

    async def reach_by_worksite(self, broadcast_id: int) -> list[tuple[str | None, int, int, int]]:
        """(worksite, recipients, delivered, acknowledged) per worksite of the recipients."""
        rows = await self.db.fetchall(
            """SELECT m.worksite, COUNT(*), SUM(d.state = 'sent'), COUNT(d.acked_at)
               FROM deliveries d LEFT JOIN members m ON m.id = d.member
               WHERE d.broadcast = ? GROUP BY m.worksite ORDER BY m.worksite""",
            (broadcast_id,),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

"""Verification attempts (for rate limits) and requests for a steward to vouch."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class VerificationRequest:
    id: int
    telegram_id: int
    language: str
    member: int | None
    typed_id: str
    typed_name: str
    worksite: str | None
    state: str
    decided_by: str | None
    via: str = "form"  # form (typed member ID), phone (shared own contact), invite (worksite)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> VerificationRequest:
        return cls(**{name: row[name] for name in row.keys()})  # noqa: SIM118


@dataclass(frozen=True, slots=True)
class LinkMove:
    """A roster row's Telegram link moved from one account to another (0013)."""

    id: int
    member: int
    old_telegram_id: int
    new_telegram_id: int
    approved_by: str
    disputed_at: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> LinkMove:
        return cls(**{name: row[name] for name in row.keys()})  # noqa: SIM118


_COLUMNS = (
    "id, telegram_id, language, member, typed_id, typed_name, worksite, state, decided_by, via"
)
_MOVE_COLUMNS = "id, member, old_telegram_id, new_telegram_id, approved_by, disputed_at"


class VerificationRepository:
    """Reads and writes verification attempts and requests."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record_attempt(self, telegram_id: int, now: int) -> None:
        await self.db.execute(
            "INSERT INTO verification_attempts (telegram_id, at) VALUES (?, ?)", (telegram_id, now)
        )

    async def attempts_since(self, telegram_id: int, since: int) -> int:
        return await self.db.fetchval(
            "SELECT COUNT(*) FROM verification_attempts WHERE telegram_id = ? AND at >= ?",
            (telegram_id, since),
        )

    async def forget_attempts_before(self, before: int) -> None:
        """Attempts only matter for the rate limit: drop the old ones."""
        await self.db.execute("DELETE FROM verification_attempts WHERE at < ?", (before,))

    async def pending_for(self, telegram_id: int) -> VerificationRequest | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM verification_requests "
            "WHERE telegram_id = ? AND state = 'pending'",
            (telegram_id,),
        )
        return VerificationRequest.from_row(row) if row else None

    async def create(
        self,
        telegram_id: int,
        language: str,
        member: int | None,
        typed_id: str,
        typed_name: str,
        worksite: str | None,
        via: str = "form",
    ) -> VerificationRequest:
        rows = await self.db.write_returning(
            f"""INSERT INTO verification_requests
                    (telegram_id, language, member, typed_id, typed_name, worksite, via)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}""",
            (telegram_id, language, member, typed_id, typed_name, worksite, via),
        )
        return VerificationRequest.from_row(rows[0])

    async def get(self, request_id: int) -> VerificationRequest | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM verification_requests WHERE id = ?", (request_id,)
        )
        return VerificationRequest.from_row(row) if row else None

    async def decide(self, request_id: int, state: str, decided_by: str) -> bool:
        """Record a decision on a pending request; False when it was already decided."""
        changed = await self.db.execute(
            "UPDATE verification_requests SET state = ?, decided_by = ?, "
            "decided_at = strftime('%s', 'now') WHERE id = ? AND state = 'pending'",
            (state, decided_by, request_id),
        )
        return changed == 1

    async def add_message(self, request_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "INSERT OR REPLACE INTO verification_request_messages (request, chat_id, message_id) "
            "VALUES (?, ?, ?)",
            (request_id, chat_id, message_id),
        )

    async def messages(self, request_id: int) -> list[tuple[int, int]]:
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM verification_request_messages WHERE request = ?",
            (request_id,),
        )
        return [(r[0], r[1]) for r in rows]

    async def record_move(
        self, member: int, old_telegram_id: int, new_telegram_id: int, approved_by: str
    ) -> LinkMove:
        rows = await self.db.write_returning(
            f"""INSERT INTO link_moves (member, old_telegram_id, new_telegram_id, approved_by)
                VALUES (?, ?, ?, ?) RETURNING {_MOVE_COLUMNS}""",
            (member, old_telegram_id, new_telegram_id, approved_by),
        )
        return LinkMove.from_row(rows[0])

    async def move(self, move_id: int) -> LinkMove | None:
        row = await self.db.fetchone(
            f"SELECT {_MOVE_COLUMNS} FROM link_moves WHERE id = ?", (move_id,)
        )
        return LinkMove.from_row(row) if row else None

    async def dispute_move(self, move_id: int) -> bool:
        """Mark a move disputed; False when it already was."""
        changed = await self.db.execute(
            "UPDATE link_moves SET disputed_at = strftime('%s', 'now') "
            "WHERE id = ? AND disputed_at IS NULL",
            (move_id,),
        )
        return changed == 1

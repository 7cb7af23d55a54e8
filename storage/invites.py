"""One-time invite codes, stored only as keyed hashes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Invite:
    code_hash: str
    member: int | None
    worksite: str | None
    expires_at: int
    used_at: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Invite:
        return cls(
            code_hash=row["code_hash"],
            member=row["member"],
            worksite=row["worksite"],
            expires_at=row["expires_at"],
            used_at=row["used_at"],
        )


class InvitesRepository:
    """Reads and writes `invites`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create_many(
        self,
        code_hashes: list[str],
        *,
        member: int | None,
        worksite: str | None,
        expires_at: int,
        created_by: str,
    ) -> None:
        async with self.db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO invites (code_hash, member, worksite, expires_at, created_by) "
                "VALUES (?, ?, ?, ?, ?)",
                [(h, member, worksite, expires_at, created_by) for h in code_hashes],
            )

    async def get(self, code_hash: str) -> Invite | None:
        row = await self.db.fetchone(
            "SELECT code_hash, member, worksite, expires_at, used_at FROM invites "
            "WHERE code_hash = ?",
            (code_hash,),
        )
        return Invite.from_row(row) if row else None

    async def spend(self, code_hash: str, now: int) -> bool:
        """Mark an unused, unexpired invite used; False when someone else got there first."""
        changed = await self.db.execute(
            "UPDATE invites SET used_at = ? "
            "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
            (now, code_hash, now),
        )
        return changed == 1

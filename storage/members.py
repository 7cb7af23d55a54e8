"""Members: the roster, their Telegram link, role and preferences."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from storage.database import Database


class Role(StrEnum):
    """What a person may do; each role includes the ones before it."""

    MEMBER = "member"
    STEWARD = "steward"
    LEADER = "leader"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class Member:
    """One person the union knows, as stored."""

    id: int
    member_id: str | None
    telegram_id: int | None
    first_name: str | None
    last_name: str | None
    worksite: str | None
    classification: str | None
    status: str
    language: str | None
    role: Role
    muted: bool
    reachable: bool
    active: bool
    verified_at: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Member:
        return cls(
            id=row["id"],
            member_id=row["member_id"],
            telegram_id=row["telegram_id"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            worksite=row["worksite"],
            classification=row["classification"],
            status=row["status"],
            language=row["language"],
            role=Role(row["role"]),
            muted=bool(row["muted"]),
            reachable=bool(row["reachable"]),
            active=bool(row["active"]),
            verified_at=row["verified_at"],
        )


_COLUMNS = (
    "id, member_id, telegram_id, first_name, last_name, worksite, classification, status, "
    "language, role, muted, reachable, active, verified_at"
)


class MembersRepository:
    """Reads and writes `members`; knows nothing of Telegram objects."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def by_telegram_id(self, telegram_id: int) -> Member | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM members WHERE telegram_id = ?", (telegram_id,)
        )
        return Member.from_row(row) if row else None

    async def ensure_admin(self, telegram_id: int) -> Member:
        """Make this Telegram account an admin, creating a staff row if needed."""
        rows = await self.db.write_returning(
            f"""INSERT INTO members (telegram_id, role, verified_at)
                VALUES (?, 'admin', strftime('%s', 'now'))
                ON CONFLICT (telegram_id) DO UPDATE
                    SET role = 'admin', updated_at = strftime('%s', 'now')
                    WHERE role != 'admin'
                RETURNING {_COLUMNS}""",
            (telegram_id,),
        )
        if rows:
            return Member.from_row(rows[0])
        # Already an admin: the conditional update changed and returned nothing.
        member = await self.by_telegram_id(telegram_id)
        assert member is not None
        return member

    async def with_role_at_least(self, role: Role) -> list[Member]:
        """Linked people whose role is `role` or higher (for per-chat command menus)."""
        wanted = [r.value for r in Role if r.at_least(role)]
        marks = ", ".join("?" for _ in wanted)
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM members "
            f"WHERE telegram_id IS NOT NULL AND role IN ({marks}) ORDER BY id",
            wanted,
        )
        return [Member.from_row(r) for r in rows]

    async def set_reachable(self, telegram_id: int, reachable: bool) -> bool:
        """Record whether the bot can message this person; True when a row changed."""
        changed = await self.db.execute(
            "UPDATE members SET reachable = ?, updated_at = strftime('%s', 'now') "
            "WHERE telegram_id = ? AND reachable != ?",
            (int(reachable), telegram_id, int(reachable)),
        )
        return changed > 0

"""Bulk invites: the roster members who still need a link, and one insert for all codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Invitee:
    pk: int
    member_id: str
    first_name: str | None
    last_name: str | None
    worksite: str | None
    language: str | None


async def unlinked_members(db: Database, worksite: str | None) -> list[Invitee]:
    """Active roster members in good standing with no Telegram account linked yet."""
    rows = await db.fetchall(
        "SELECT id, member_id, first_name, last_name, worksite, language FROM members "
        "WHERE member_id IS NOT NULL AND telegram_id IS NULL AND active = 1 "
        "AND status = 'good_standing' AND (? IS NULL OR worksite = ?) "
        "ORDER BY worksite, last_name, first_name, member_id",
        (worksite, worksite),
    )
    return [Invitee(*row) for row in rows]


async def roster_counts(db: Database, worksite: str | None) -> tuple[int, int]:
    """(roster members at the worksite or everywhere, of whom already linked)."""
    row = await db.fetchone(
        "SELECT COUNT(*), COALESCE(SUM(telegram_id IS NOT NULL), 0) FROM members "
        "WHERE member_id IS NOT NULL AND active = 1 AND (? IS NULL OR worksite = ?)",
        (worksite, worksite),
    )
    assert row is not None
    return row[0], row[1]


async def add_member_invites(
    db: Database, invites: Sequence[tuple[str, int]], expires_at: int, created_by: str
) -> None:
    """One invite per (code_hash, member), all in one transaction."""
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO invites (code_hash, member, expires_at, created_by) VALUES (?, ?, ?, ?)",
            [(code_hash, member, expires_at, created_by) for code_hash, member in invites],
        )

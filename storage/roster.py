"""Bulk roster writes: the union's membership list mirrored into `members`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storage.database import Database
from storage.members import Stripped, strip_powers

# Columns a roster file may set, in a fixed order.
ROSTER_FIELDS = (
    "first_name",
    "last_name",
    "phone_hash",
    "worksite",
    "classification",
    "status",
    "language",
)


class RosterRepository:
    """Reads the roster as stored and applies an import in one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def snapshot(self) -> dict[str, dict[str, Any]]:
        """Every roster member by member_id, with the roster fields and `active`."""
        rows = await self.db.fetchall(
            f"SELECT member_id, {', '.join(ROSTER_FIELDS)}, active FROM members "
            "WHERE member_id IS NOT NULL"
        )
        return {row["member_id"]: dict(row) for row in rows}

    async def apply(
        self,
        columns: Sequence[str],
        inserts: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        deactivate: list[str],
    ) -> list[Stripped]:
        """Insert new members, update changed ones, deactivate missing ones: all or nothing.

        In the same transaction, whoever is no longer a member in good standing loses
        every power (see `strip_powers`); what was taken is returned for the audit log.
        """
        assert set(columns) <= set(ROSTER_FIELDS)
        names = ["member_id", *columns]
        insert_sql = (
            f"INSERT INTO members ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        )
        assignments = [f"{c} = :{c}" for c in columns if c != "language"]
        # A member's own language choice wins over the roster's.
        if "language" in columns:
            assignments.append("language = COALESCE(language, :language)")
        update_sql = (
            f"UPDATE members SET {', '.join([*assignments, 'active = 1'])}, "
            "updated_at = strftime('%s', 'now') WHERE member_id = :member_id"
        )
        async with self.db.transaction() as conn:
            if inserts:
                await conn.executemany(insert_sql, inserts)
            if updates:
                await conn.executemany(update_sql, updates)
            if deactivate:
                await conn.executemany(
                    "UPDATE members SET active = 0, updated_at = strftime('%s', 'now') "
                    "WHERE member_id = ?",
                    [(member_id,) for member_id in deactivate],
                )
            return await strip_powers(conn)

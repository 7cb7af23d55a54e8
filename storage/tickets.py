"""Ask-a-steward tickets, their threads, where they were shown, and stewards' group chats."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    member: int
    worksite: str | None
    language: str
    state: str  # 'open' | 'answered' | 'closed'
    created_at: int
    updated_at: int

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Ticket:
        return cls(
            row["id"],
            row["member"],
            row["worksite"],
            row["language"],
            row["state"],
            row["created_at"],
            row["updated_at"],
        )


@dataclass(frozen=True, slots=True)
class TicketMessage:
    author_role: str  # 'member' | 'steward'
    author_name: str | None
    text: str
    at: int


_TICKET = "id, member, worksite, language, state, created_at, updated_at"


class TicketsRepository:
    """Reads and writes tickets; the rules about them live in bot.tickets.service."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def open(
        self, member: int, worksite: str | None, language: str, text: str, now: int, max_open: int
    ) -> Ticket | None:
        """Create a ticket with its first message; None when `max_open` are already open.

        Counting and inserting happen in one transaction, so two quick questions cannot
        both slip under the limit.
        """
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT COUNT(*) FROM tickets WHERE member = ? AND state != 'closed'", (member,)
            ) as cursor:
                (count,) = await cursor.fetchone()
            if count >= max_open:
                return None
            async with conn.execute(
                f"INSERT INTO tickets (member, worksite, language, created_at, updated_at) "
                f"VALUES (?, ?, ?, ?, ?) RETURNING {_TICKET}",
                (member, worksite, language, now, now),
            ) as cursor:
                ticket = Ticket.from_row(await cursor.fetchone())
            await conn.execute(
                "INSERT INTO ticket_messages (ticket, author_role, text, at) "
                "VALUES (?, 'member', ?, ?)",
                (ticket.id, text, now),
            )
        return ticket

    async def get(self, ticket_id: int) -> Ticket | None:
        row = await self.db.fetchone(f"SELECT {_TICKET} FROM tickets WHERE id = ?", (ticket_id,))
        return Ticket.from_row(row) if row else None

    async def add_message(
        self,
        ticket_id: int,
        author_role: str,
        author_name: str | None,
        text: str,
        new_state: str,
        allowed_from: tuple[str, ...],
        now: int,
    ) -> Ticket | None:
        """Append to the thread and move the state, if the ticket is in `allowed_from`."""
        marks = ", ".join("?" for _ in allowed_from)
        async with self.db.transaction() as conn:
            async with conn.execute(
                f"UPDATE tickets SET state = ?, updated_at = ? WHERE id = ? AND state IN ({marks}) "
                f"RETURNING {_TICKET}",
                (new_state, now, ticket_id, *allowed_from),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            await conn.execute(
                "INSERT INTO ticket_messages (ticket, author_role, author_name, text, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (ticket_id, author_role, author_name, text, now),
            )
        return Ticket.from_row(row)

    async def close(self, ticket_id: int, now: int) -> Ticket | None:
        """Close a ticket that is not closed yet; None when it already was (or is gone)."""
        rows = await self.db.write_returning(
            f"UPDATE tickets SET state = 'closed', updated_at = ? "
            f"WHERE id = ? AND state != 'closed' RETURNING {_TICKET}",
            (now, ticket_id),
        )
        return Ticket.from_row(rows[0]) if rows else None

    async def messages(self, ticket_id: int) -> list[TicketMessage]:
        rows = await self.db.fetchall(
            "SELECT author_role, author_name, text, at FROM ticket_messages "
            "WHERE ticket = ? ORDER BY id",
            (ticket_id,),
        )
        return [TicketMessage(r[0], r[1], r[2], r[3]) for r in rows]

    async def of_member(self, member: int, limit: int) -> list[Ticket]:
        """A member's tickets, not-closed first, newest first."""
        rows = await self.db.fetchall(
            f"SELECT {_TICKET} FROM tickets WHERE member = ? "
            "ORDER BY state = 'closed', id DESC LIMIT ?",
            (member, limit),
        )
        return [Ticket.from_row(r) for r in rows]

    async def not_closed(self, worksites: list[str] | None, limit: int) -> list[Ticket]:
        """Tickets still open or answered, oldest first: of `worksites`, or all (None)."""
        if worksites is None:
            rows = await self.db.fetchall(
                f"SELECT {_TICKET} FROM tickets WHERE state != 'closed' ORDER BY id LIMIT ?",
                (limit,),
            )
        else:
            marks = ", ".join("?" for _ in worksites)
            rows = await self.db.fetchall(
                f"SELECT {_TICKET} FROM tickets WHERE state != 'closed' "
                f"AND worksite IN ({marks}) ORDER BY id LIMIT ?",
                (*worksites, limit),
            )
        return [Ticket.from_row(r) for r in rows]

    # -- where tickets are shown ---------------------------------------------------

    async def add_post(self, ticket_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "INSERT OR IGNORE INTO ticket_posts (ticket, chat_id, message_id) VALUES (?, ?, ?)",
            (ticket_id, chat_id, message_id),
        )

    async def posts(self, ticket_id: int) -> list[tuple[int, int]]:
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM ticket_posts WHERE ticket = ? ORDER BY message_id",
            (ticket_id,),
        )
        return [(r[0], r[1]) for r in rows]

    async def stewards_of(self, worksite: str | None) -> list[tuple[int, str | None]]:
        """(telegram id, language) of the linked, active stewards of `worksite`."""
        rows = await self.db.fetchall(
            """SELECT m.telegram_id, m.language FROM members m
               JOIN steward_worksites s ON s.member = m.id
               WHERE s.worksite = ? AND m.role = 'steward' AND m.active = 1
                 AND m.telegram_id IS NOT NULL AND m.verified_at IS NOT NULL
               ORDER BY m.id""",
            (worksite,),
        )
        return [(r[0], r[1]) for r in rows]

    async def leaders(self) -> list[tuple[int, str | None]]:
        """(telegram id, language) of linked leaders and admins."""
        rows = await self.db.fetchall(
            "SELECT telegram_id, language FROM members WHERE role IN ('leader', 'admin') "
            "AND telegram_id IS NOT NULL AND verified_at IS NOT NULL ORDER BY id"
        )
        return [(r[0], r[1]) for r in rows]

    # -- stewards' group chats -----------------------------------------------------------

    async def set_group(self, worksite: str, chat_id: int, actor: str, now: int) -> None:
        """Make `chat_id` the stewards' group of `worksite` (replacing any earlier one)."""
        await self.db.execute(
            "INSERT INTO steward_groups (worksite, chat_id, registered_by, registered_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (worksite) DO UPDATE SET chat_id = excluded.chat_id, "
            "registered_by = excluded.registered_by, registered_at = excluded.registered_at",
            (worksite, chat_id, actor, now),
        )

    async def remove_group(self, worksite: str, chat_id: int) -> bool:
        return (
            await self.db.execute(
                "DELETE FROM steward_groups WHERE worksite = ? AND chat_id = ?",
                (worksite, chat_id),
            )
            > 0
        )

    async def group_of(self, worksite: str | None) -> int | None:
        return await self.db.fetchval(
            "SELECT chat_id FROM steward_groups WHERE worksite = ?", (worksite,)
        )

    async def worksites_of_group(self, chat_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT worksite FROM steward_groups WHERE chat_id = ? ORDER BY worksite", (chat_id,)
        )
        return [r[0] for r in rows]

    async def known_worksites(self) -> list[str]:
        """Every worksite on the roster or with a steward (case as stored)."""
        rows = await self.db.fetchall(
            "SELECT worksite FROM members WHERE worksite IS NOT NULL "
            "UNION SELECT worksite FROM steward_worksites ORDER BY 1"
        )
        return [r[0] for r in rows]

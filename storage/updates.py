"""Bargaining updates as composed, scheduled and sent."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class Update:
    id: int
    author: int | None
    text: str
    photo: str | None
    document: str | None
    worksites: tuple[str, ...]
    classifications: tuple[str, ...]
    urgent: bool
    pinned: bool
    state: str
    send_at: int
    broadcast: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Update:
        return cls(
            id=row["id"],
            author=row["author"],
            text=row["text"],
            photo=row["photo"],
            document=row["document"],
            worksites=tuple(json.loads(row["worksites"])),
            classifications=tuple(json.loads(row["classifications"])),
            urgent=bool(row["urgent"]),
            pinned=bool(row["pinned"]),
            state=row["state"],
            send_at=row["send_at"],
            broadcast=row["broadcast"],
        )


_COLUMNS = (
    "id, author, text, photo, document, worksites, classifications, urgent, pinned, state, "
    "send_at, broadcast"
)


class UpdatesRepository:
    """Reads and writes `updates`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        *,
        author: int | None,
        text: str,
        photo: str | None,
        document: str | None,
        worksites: tuple[str, ...],
        classifications: tuple[str, ...],
        urgent: bool,
        send_at: int,
    ) -> Update:
        rows = await self.db.write_returning(
            f"""INSERT INTO updates (author, text, photo, document, worksites, classifications,
                    urgent, send_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}""",
            (
                author,
                text,
                photo,
                document,
                json.dumps(list(worksites)),
                json.dumps(list(classifications)),
                int(urgent),
                send_at,
            ),
        )
        return Update.from_row(rows[0])

    async def get(self, update_id: int) -> Update | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM updates WHERE id = ?", (update_id,))
        return Update.from_row(row) if row else None

    async def mark_sent(self, update_id: int, broadcast_id: int) -> bool:
        """Scheduled -> sent, once; False if it was cancelled or already sent."""
        changed = await self.db.execute(
            "UPDATE updates SET state = 'sent', broadcast = ? WHERE id = ? AND state = 'scheduled'",
            (broadcast_id, update_id),
        )
        return changed == 1

    async def set_state(self, update_id: int, state: str, only_from: str) -> bool:
        changed = await self.db.execute(
            "UPDATE updates SET state = ? WHERE id = ? AND state = ?",
            (state, update_id, only_from),
        )
        return changed == 1

    async def correct(self, update_id: int, text: str) -> None:
        await self.db.execute(
            "UPDATE updates SET text = ?, corrected_at = strftime('%s', 'now') WHERE id = ?",
            (text, update_id),
        )

    async def set_pinned(self, update_id: int, pinned: bool) -> None:
        await self.db.execute(
            "UPDATE updates SET pinned = ? WHERE id = ?", (int(pinned), update_id)
        )

    async def scheduled(self, author: int | None = None) -> list[Update]:
        """Updates waiting for their time, optionally only one author's."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM updates WHERE state = 'scheduled' "
            "AND (? IS NULL OR author = ?) ORDER BY send_at, id",
            (author, author),
        )
        return [Update.from_row(r) for r in rows]

    async def recent_for(self, member: int, limit: int = 10) -> list[Update]:
        """The latest sent updates addressed to a member (muted or not), newest first."""
        rows = await self.db.fetchall(
            f"""SELECT {", ".join("u." + c.strip() for c in _COLUMNS.split(","))}
                FROM updates u JOIN deliveries d ON d.broadcast = u.broadcast
                WHERE d.member = ? AND u.state = 'sent'
                ORDER BY u.send_at DESC, u.id DESC LIMIT ?""",
            (member, limit),
        )
        return [Update.from_row(r) for r in rows]

    async def latest_pinned(self) -> Update | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM updates WHERE pinned = 1 AND state = 'sent' "
            "ORDER BY send_at DESC, id DESC LIMIT 1"
        )
        return Update.from_row(row) if row else None

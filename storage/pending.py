"""What the bot is waiting for someone to type next, kept in the database across restarts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storage.database import Database


@dataclass(frozen=True, slots=True)
class PendingInput:
    """One person, in one chat, was asked to type something (`kind`) about `ticket`."""

    telegram_id: int
    chat_id: int
    kind: str
    ticket: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    prompt_id: int | None = None
    created_at: int = 0


_COLUMNS = "telegram_id, chat_id, kind, ticket, data, prompt_id, created_at"


class PendingInputs:
    """At most one pending input per person and chat; a new one replaces the old."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def expect(self, pending: PendingInput) -> None:
        await self.db.execute(
            f"INSERT OR REPLACE INTO pending_inputs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                pending.telegram_id,
                pending.chat_id,
                pending.kind,
                pending.ticket,
                json.dumps(pending.data, ensure_ascii=False),
                pending.prompt_id,
                pending.created_at,
            ),
        )

    async def get(self, telegram_id: int, chat_id: int, since: int) -> PendingInput | None:
        """The pending input, unless it was set before `since` (then it is dropped)."""
        await self.db.execute("DELETE FROM pending_inputs WHERE created_at < ?", (since,))
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM pending_inputs WHERE telegram_id = ? AND chat_id = ?",
            (telegram_id, chat_id),
        )
        if row is None:
            return None
        return PendingInput(
            row["telegram_id"],
            row["chat_id"],
            row["kind"],
            row["ticket"],
            json.loads(row["data"]),
            row["prompt_id"],
            row["created_at"],
        )

    async def clear(self, telegram_id: int, chat_id: int) -> bool:
        """Forget what we were waiting for; True when there was something."""
        return (
            await self.db.execute(
                "DELETE FROM pending_inputs WHERE telegram_id = ? AND chat_id = ?",
                (telegram_id, chat_id),
            )
            > 0
        )

    async def set_prompt(self, telegram_id: int, chat_id: int, prompt_id: int) -> None:
        """Remember the ForceReply message a reply will point to."""
        await self.db.execute(
            "UPDATE pending_inputs SET prompt_id = ? WHERE telegram_id = ? AND chat_id = ?",
            (prompt_id, telegram_id, chat_id),
        )

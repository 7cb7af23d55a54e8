"""Where half-finished chat flows are kept between restarts."""

from __future__ import annotations

import json
from typing import Any

from storage.database import Database


class SessionsRepository:
    """Conversation steps and per-person drafts, both JSON text."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def steps(self, conversation: str) -> dict[tuple[Any, ...], Any]:
        rows = await self.db.fetchall(
            "SELECT key, step FROM conversation_steps WHERE conversation = ?", (conversation,)
        )
        return {tuple(json.loads(r["key"])): json.loads(r["step"]) for r in rows}

    async def set_step(self, conversation: str, key: tuple[Any, ...], step: Any) -> None:
        """Record a conversation's step; None means it ended."""
        encoded = json.dumps(list(key))
        if step is None:
            await self.db.execute(
                "DELETE FROM conversation_steps WHERE conversation = ? AND key = ?",
                (conversation, encoded),
            )
            return
        await self.db.execute(
            "INSERT INTO conversation_steps (conversation, key, step) VALUES (?, ?, ?) "
            "ON CONFLICT (conversation, key) DO UPDATE SET step = excluded.step",
            (conversation, encoded, json.dumps(step)),
        )

    async def drafts(self) -> dict[int, str | bytes]:
        rows = await self.db.fetchall("SELECT telegram_id, data FROM user_drafts")
        return {r["telegram_id"]: r["data"] for r in rows}

    async def set_draft(self, telegram_id: int, data: str | None) -> None:
        """Store someone's draft; None (or nothing to keep) deletes it."""
        if data is None:
            await self.db.execute("DELETE FROM user_drafts WHERE telegram_id = ?", (telegram_id,))
            return
        await self.db.execute(
            "INSERT INTO user_drafts (telegram_id, data) VALUES (?, ?) "
            "ON CONFLICT (telegram_id) DO UPDATE SET data = excluded.data",
            (telegram_id, data),
        )

"""`bot_state`: small facts the running bot records for the command line to read."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database

USERNAME = "bot.username"
LAST_POLL = "poll.last_ok"
STARTED_AT = "bot.started_at"


@dataclass(frozen=True, slots=True)
class StateValue:
    value: str
    updated_at: int


class BotStateRepository:
    """Reads and writes `bot_state` (one row per key, upserted)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> StateValue | None:
        row = await self.db.fetchone(
            "SELECT value, updated_at FROM bot_state WHERE key = ?", (key,)
        )
        return StateValue(row["value"], row["updated_at"]) if row else None

    async def put(self, key: str, value: str, at: float) -> None:
        await self.db.execute(
            "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
            "updated_at = excluded.updated_at",
            (key, value, int(at)),
        )

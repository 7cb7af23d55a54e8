"""PTB persistence in our SQLite database: wizards and forms survive a restart.

Only what multi-step flows need is kept: each ConversationHandler's step per chat, and each
person's `user_data` (their draft). `bot_data` holds the running services and is never
stored; chat data and callback data are not used.

Drafts are JSON (bot/drafts.py), never pickle: loading a row can only ever produce data.
A row that does not decode is deleted with a warning and the person starts afresh.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.drafts import DraftCodecError, decode, encode
from storage.database import Database
from storage.sessions import SessionsRepository

log = logging.getLogger(__name__)

# How often PTB writes changed drafts and steps (and always when the bot stops).
WRITE_EVERY = 2.0


class SqlitePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """BasePersistence over `conversation_steps` and `user_drafts`."""

    def __init__(self, db: Database) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=WRITE_EVERY,
        )
        self.db = db
        self.sessions = SessionsRepository(db)

    async def _ready(self) -> SessionsRepository:
        """PTB reads persistence before the app's start-up hook: open the database first."""
        await self.db.connect()
        await self.db.migrate()
        return self.sessions

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        sessions = await self._ready()
        drafts: dict[int, dict[Any, Any]] = {}
        for user, data in (await sessions.drafts()).items():
            try:
                drafts[user] = decode(data)
            except DraftCodecError as exc:
                log.warning("dropped the stored draft of user %s: %s", user, exc)
                await sessions.set_draft(user, None)
        return drafts

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        if not data:
            await self.sessions.set_draft(user_id, None)
            return
        try:
            encoded = encode(data)
        except DraftCodecError as exc:
            # A programming error (a new type in a draft): keep the bot running, lose the
            # draft at the next restart only, and say so.
            log.error("could not store the draft of user %s: %s", user_id, exc)
            return
        await self.sessions.set_draft(user_id, encoded)

    async def drop_user_data(self, user_id: int) -> None:
        await self.sessions.set_draft(user_id, None)

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """Nothing else writes drafts while the bot runs."""

    async def get_conversations(self, name: str) -> dict[tuple[int | str, ...], object]:
        return await (await self._ready()).steps(name)

    async def update_conversation(
        self, name: str, key: tuple[int | str, ...], new_state: object | None
    ) -> None:
        await self.sessions.set_step(name, key, new_state)

    async def flush(self) -> None:
        """Every write is already committed."""

    # Not stored (see the module docstring).
    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        """Chat data is not stored."""

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """Bot data holds the running services; never stored."""

    async def update_callback_data(self, data: Any) -> None:
        """Callback data is not stored."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Chat data is not stored."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """Chat data is not stored."""

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """Bot data is not stored."""

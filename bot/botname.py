"""The bot's @username, remembered in the database so invite links need no network."""

from __future__ import annotations

import time

from storage.bot_state import USERNAME, BotStateRepository
from storage.database import Database

UNKNOWN_HINT = (
    "the bot's username is not known yet. Start the bot once (`unionbot run`, or "
    "`sudo systemctl start unionbot`) so it records it, or set BOT_TOKEN in .env so this "
    "command can ask Telegram once, or pass --bot-username NAME"
)


def clean(username: str) -> str:
    """'@Local1199_bot' or 't.me/Local1199_bot' -> 'Local1199_bot'."""
    name = username.strip().removeprefix("https://").removeprefix("t.me/").lstrip("@")
    return name.strip("/")


async def remembered(db: Database) -> str | None:
    found = await BotStateRepository(db).get(USERNAME)
    return found.value if found else None


async def remember(db: Database, username: str, at: float | None = None) -> None:
    await BotStateRepository(db).put(USERNAME, clean(username), time.time() if at is None else at)


def bot_link(username: str, start: str | None = None) -> str:
    """https://t.me/<bot>[?start=<payload>] — what Telegram opens as a chat with the bot."""
    return f"https://t.me/{username}" + (f"?start={start}" if start else "")

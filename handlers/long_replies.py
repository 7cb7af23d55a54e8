"""Sending text that may be longer than one Telegram message (see bot/long_text.py)."""

from __future__ import annotations

from typing import Any

from telegram import Bot, Message, Update

from bot.long_text import pack, split


async def send_long(bot: Bot, chat_id: int, text: str, **kwargs: Any) -> Message:
    """Send `text` as one message or several; buttons and the like go on the last."""
    parts = split(text)
    for part in parts[:-1]:
        await bot.send_message(chat_id, part)
    return await bot.send_message(chat_id, parts[-1], **kwargs)


async def send_blocks(bot: Bot, chat_id: int, blocks: list[str], **kwargs: Any) -> Message:
    """Send listed items (each kept whole when it fits) in as few messages as they fit."""
    parts = pack(blocks)
    for part in parts[:-1]:
        await bot.send_message(chat_id, part)
    return await bot.send_message(chat_id, parts[-1], **kwargs)


async def reply_long(update: Update, text: str, **kwargs: Any) -> Message:
    """Answer in the update's chat with `text`, split as needed."""
    chat = update.effective_chat
    assert chat is not None
    return await send_long(chat.get_bot(), chat.id, text, **kwargs)
